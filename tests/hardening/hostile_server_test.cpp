// A GlitchTip that answers badly: a tiny cpp-httplib server in the test sends HTML, cut-off
// bodies, error bodies with 200, huge bodies, endless or looping pagination, links and
// redirects to other hosts, and answers that drip a byte at a time. Each read must end with
// a clear error naming the request, in bounded time, and the token must go nowhere but the
// configured server.

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "providers/glitchtip/http_client.hpp"
#include "providers/glitchtip/live_reader.hpp"
#include "providers/glitchtip/provider.hpp"
#include "providers/glitchtip/token.hpp"
#include "tests/emulator/emulator.hpp"

namespace gg::glitchtip {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kTokenVariable = "GG_HOSTILE_TEST_TOKEN";
const std::string kJson = "application/json";
const std::string kOrganizations = R"([{"id": 1, "name": "NASA", "slug": "nasa"}])";

// An HTTP server on an ephemeral loopback port whose every GET is `handler`.
class HostileServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit HostileServer(const Handler& handler) {
    server_.Get(
        ".*", [this, handler](const httplib::Request& request, httplib::Response& response) {
          ++requests_;
          if (request.get_header_value("Authorization").find(token()) != std::string::npos) {
            ++authorized_;
          }
          handler(request, response);
        });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~HostileServer() {
    stopping_ = true;
    server_.stop();
    thread_.join();
  }
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }
  int authorized() const { return authorized_; }
  bool stopping() const { return stopping_; }
  static std::string token() { return emulator::test_token("hostile-canary"); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int> requests_{0};
  std::atomic<int> authorized_{0};
  std::atomic<bool> stopping_{false};
};

InstanceSettings settings_for(const std::string& url) {
  InstanceSettings settings;
  settings.url = url;
  settings.token = {TokenSource::Kind::environment, kTokenVariable};
  settings.automation_user_email = "bot@nasa.com";
  settings.mail_domain = "nasa.com";
  settings.read_timeout_seconds = 1;
  settings.max_retries = 1;
  settings.api_generation = ApiGeneration::drf;
  return settings;
}

struct ReadOutcome {
  std::string error;  // empty when the read succeeded
  std::chrono::milliseconds took{0};
};

ReadOutcome read_live_from(const std::string& url) {
  setenv(kTokenVariable, HostileServer::token().c_str(), 1);
  ClientOptions options;
  options.parallelism = 2;
  options.backoff.base = std::chrono::milliseconds(5);
  options.backoff.ceiling = std::chrono::milliseconds(20);
  auto provider = Provider::open("glitchtip-test", settings_for(url), options);
  EXPECT_TRUE(provider.ok());
  if (!provider.ok()) return {provider.error().to_string(), {}};
  const auto start = Clock::now();
  const Result<Instance> live = provider.value()->read_live();
  ReadOutcome outcome;
  outcome.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!live.ok()) {
    for (const auto& error : live.errors()) outcome.error += error.to_string() + "\n";
  }
  EXPECT_EQ(outcome.error.find(HostileServer::token()), std::string::npos) << outcome.error;
  return outcome;
}

// The read failed with an error naming the organizations request.
void expect_refused(const ReadOutcome& outcome, const std::string& says = "") {
  EXPECT_FALSE(outcome.error.empty()) << "the read succeeded";
  EXPECT_NE(outcome.error.find("/api/0/organizations/"), std::string::npos) << outcome.error;
  if (!says.empty()) {
    EXPECT_NE(outcome.error.find(says), std::string::npos) << outcome.error;
  }
  EXPECT_LT(outcome.took.count(), 10'000);
}

TEST(HostileServer, HtmlInsteadOfJsonIsAClearError) {
  HostileServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><body>Welcome to nginx!</body></html>", "text/html");
  });
  expect_refused(read_live_from(server.url()));
}

TEST(HostileServer, ABodyCutOffMidStreamIsAClearError) {
  HostileServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content_provider(1000, kJson, [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;  // drop the connection after the first part
      sink.write(kOrganizations.data(), 20);
      return true;
    });
  });
  expect_refused(read_live_from(server.url()));
}

TEST(HostileServer, ASuccessStatusWithAnErrorBodyIsAClearError) {
  HostileServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"detail": "Something went wrong"})", kJson);
  });
  expect_refused(read_live_from(server.url()));
}

TEST(HostileServer, ARedirectToAnotherHostIsNeverFollowed) {
  HostileServer elsewhere([](const httplib::Request&, httplib::Response& response) {
    response.set_content(kOrganizations, kJson);
  });
  HostileServer server([&](const httplib::Request& request, httplib::Response& response) {
    response.set_redirect(elsewhere.url() + request.path, 302);
  });
  expect_refused(read_live_from(server.url()));
  EXPECT_EQ(elsewhere.requests(), 0);
}

TEST(HostileServer, ALinkToAnotherHostIsRefused) {
  HostileServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_header("Link",
                        "<http://evil.example.com/api/0/organizations/?cursor=x>; rel=\"next\"; "
                        "results=\"true\"; cursor=\"x\"");
    response.set_content(kOrganizations, kJson);
  });
  expect_refused(read_live_from(server.url()));
}

TEST(HostileServer, PaginationThatLoopsBackIsStopped) {
  HostileServer server([](const httplib::Request& request, httplib::Response& response) {
    const std::string cursor = request.get_param_value("cursor") == "b" ? "a" : "b";
    response.set_header("Link", "<http://127.0.0.1/api/0/organizations/?cursor=" + cursor +
                                    ">; rel=\"next\"; results=\"true\"; cursor=\"" + cursor + "\"");
    response.set_content("[]", kJson);
  });
  expect_refused(read_live_from(server.url()), "same page twice");
  EXPECT_LT(server.requests(), 10);
}

// An HttpClient and LiveReader with small limits, for what the product's limits make slow.
ReadOutcome read_all_with_limits(const std::string& url, int max_pages,
                                 std::size_t max_response_bytes) {
  setenv(kTokenVariable, HostileServer::token().c_str(), 1);
  const auto settings = settings_for(url);
  auto token = read_token("glitchtip-test", settings.token);
  EXPECT_TRUE(token.ok());
  TransportOptions transport;
  transport.max_retries = 0;
  transport.max_response_bytes = max_response_bytes;
  auto client = HttpClient::create({url, "", true}, std::move(token).value(), transport);
  EXPECT_TRUE(client.ok());
  ReadOptions options;
  options.timeout = std::chrono::milliseconds(2000);
  options.max_pages = max_pages;
  LiveReader reader("glitchtip-test", settings, *client.value(), options);
  const auto start = Clock::now();
  const Result<Instance> live = reader.read_all(false, nullptr);
  ReadOutcome outcome;
  outcome.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!live.ok()) {
    for (const auto& error : live.errors()) outcome.error += error.to_string() + "\n";
  }
  return outcome;
}

TEST(HostileServer, PaginationThatNeverEndsIsBounded) {
  HostileServer server([](const httplib::Request& request, httplib::Response& response) {
    const std::string cursor =
        std::to_string(std::stoi("0" + request.get_param_value("cursor")) + 1);
    response.set_header("Link", "<http://127.0.0.1/api/0/organizations/?cursor=" + cursor +
                                    ">; rel=\"next\"; results=\"true\"; cursor=\"" + cursor + "\"");
    response.set_content("[]", kJson);
  });
  expect_refused(read_all_with_limits(server.url(), 50, 1 << 20), "more than 50 pages");
  EXPECT_LE(server.requests(), 51);
}

TEST(HostileServer, AHugeBodyIsCutAtTheResponseLimit) {
  HostileServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content_provider(
        std::size_t{64} << 20, kJson, [](size_t offset, size_t length, httplib::DataSink& sink) {
          const std::string chunk(std::min<size_t>(length, 1 << 16), ' ');
          return offset == 0 ? sink.write("[", 1) : sink.write(chunk.data(), chunk.size());
        });
  });
  expect_refused(read_all_with_limits(server.url(), 10, 1 << 20));
  // The product's limit, so that a real GlitchTip's biggest page fits and memory stays bounded.
  EXPECT_EQ(TransportOptions{}.max_response_bytes, std::size_t{64} << 20);
}

TEST(HostileServer, AnAnswerDrippingAByteAtATimeHitsTheTimeout) {
  HostileServer* self = nullptr;
  HostileServer server([&self](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider(kJson, [&self](size_t, httplib::DataSink& sink) {
      if (self != nullptr && self->stopping()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      return sink.write(" ", 1);
    });
  });
  self = &server;
  const ReadOutcome outcome = read_live_from(server.url());
  expect_refused(outcome);
  // One second a try, two tries (read_timeout_seconds 1, max_retries 1), plus backoff.
  EXPECT_LT(outcome.took.count(), 5'000);
}

TEST(HostileServer, TheTokenOnlyGoesToTheConfiguredServer) {
  HostileServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content("[]", kJson);
  });
  const ReadOutcome outcome = read_live_from(server.url());
  EXPECT_TRUE(outcome.error.empty()) << outcome.error;
  EXPECT_EQ(server.authorized(), server.requests());
  EXPECT_GT(server.requests(), 0);
}

}  // namespace
}  // namespace gg::glitchtip
