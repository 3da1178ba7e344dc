#include "cmd/last_resort.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <new>

#include "cmd/commands.hpp"
#include "cmd/exit_code.hpp"

namespace gg::cmd {
namespace {

std::string description(const std::exception_ptr& exception) {
  try {
    std::rethrow_exception(exception);
  } catch (const nlohmann::json::parse_error&) {
    return "a JSON parse error";  // its text quotes the input
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
    return "an exception of unknown type";
  }
}

Error internal_error(const std::exception_ptr& exception) {
  return Error{"", internal_error_message(exception),
               "this is a bug in glitchtip-gitops " + std::string(kToolVersion) +
                   ", not in your input: please report it with the command you ran; then run "
                   "plan to see where things stand"};
}

}  // namespace

std::string internal_error_message(const std::exception_ptr& exception) {
  return "internal error: " + description(exception);
}

int run_guarded(const std::function<int()>& command, const std::function<Log()>& log) {
  try {
    return command();
  } catch (...) {
    log().errors({internal_error(std::current_exception())});
    return kExitError;
  }
}

void install_terminate_handler() {
  std::set_terminate([] {
    const std::exception_ptr exception = std::current_exception();
    const std::string text =
        exception ? "error: " + internal_error(exception).to_string() + "\n"
                  : "error: internal error: std::terminate was called without an exception\n";
    // write(2): the state of std::cerr is unknown here.
    (void)!::write(STDERR_FILENO, text.data(), text.size());
    std::_Exit(kExitError);
  });
}

}  // namespace gg::cmd
