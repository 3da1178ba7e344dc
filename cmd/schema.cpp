// glitchtip-gitops schema: the JSON Schemas the tool validates with, for editors. Prints one,
// or writes them all into a directory that a definitions repository commits, so that
// `# yaml-language-server: $schema=` lines and editor settings can point at files that
// match the tool's version.

#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "cmd/commands.hpp"
#include "cmd/exit_code.hpp"
#include "providers/snapshot/atomic_file.hpp"
#include "schemas/definitions_schema.hpp"
#include "schemas/schemas.hpp"

namespace gg::cmd {
namespace {

struct SchemaArguments {
  std::string kind;       // empty: the combined definitions schema
  std::string directory;  // --write
};

// Every schema the command knows, by file name: the combined one first, then the embedded.
std::vector<std::string> schema_files() {
  std::vector<std::string> files = {kDefinitionsSchemaFile};
  for (std::string_view name : embedded_schema_names()) files.emplace_back(name);
  return files;
}

std::optional<std::string> schema_text(const std::string& file) {
  if (file == kDefinitionsSchemaFile) return definitions_schema_text();
  const std::optional<std::string_view> text = embedded_schema(file);
  if (!text) return std::nullopt;
  std::string out(*text);
  if (!out.ends_with('\n')) out += '\n';
  return out;
}

std::string kind_name(const std::string& file) {
  return file.substr(0, file.size() - std::string_view(".schema.json").size());
}

std::string known_kinds() {
  std::string out;
  for (const std::string& file : schema_files()) out += (out.empty() ? "" : ", ") + kind_name(file);
  return out;
}

int print_schema(const std::string& kind, const Log& log) {
  std::string file = kind.empty() ? "definitions" : kind;
  for (char& c : file) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::optional<std::string> text = schema_text(file + ".schema.json");
  if (!text) {
    return log.failed(
        {{"", "there is no schema for the kind \"" + kind + "\"",
          "give one of " + known_kinds() + ", or none for any definitions document"}});
  }
  std::cout << *text;
  return kExitSuccess;
}

int write_schemas(const std::filesystem::path& directory, const Log& log) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return log.failed({{directory.string(), "cannot create the directory (" + error.message() + ")",
                        "give a directory you can write to"}});
  }
  const std::vector<std::string> files = schema_files();
  for (const std::string& file : files) {
    const std::string text = schema_text(file).value_or("");
    if (Status written = write_file_atomically(directory / file, text); !written) {
      return log.failed(written.errors());
    }
  }
  std::cout << "Wrote " << files.size() << " schemas to " << directory.string() << ": ";
  for (size_t i = 0; i < files.size(); ++i) std::cout << (i == 0 ? "" : ", ") << files[i];
  std::cout << "\n";
  return kExitSuccess;
}

}  // namespace

void add_schema_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand(
      "schema",
      "Print the JSON Schema of a definitions KIND (instance, organization, team, project,\n"
      "user, role; plan and snapshot for the tool's own files), or with no KIND the schema of\n"
      "any definitions document. --write DIR writes them all as DIR/<kind>.schema.json, for\n"
      "editors and `# yaml-language-server: $schema=` lines.\n"
      "Example: glitchtip-gitops schema --write .schemas");
  auto arguments = std::make_shared<SchemaArguments>();
  command->add_option("kind", arguments->kind,
                      "instance, organization, team, project, user, role, plan, snapshot");
  command->add_option("--write", arguments->directory,
                      "Write every schema into this directory (created if missing)");
  command->callback([&context, arguments] {
    const Log log = log_of(context);
    if (!arguments->directory.empty() && !arguments->kind.empty()) {
      context.exit_code =
          log.failed({{"", "give a KIND to print or --write DIR to write them all, not both", ""}});
      return;
    }
    context.exit_code = arguments->directory.empty() ? print_schema(arguments->kind, log)
                                                     : write_schemas(arguments->directory, log);
  });
}

}  // namespace gg::cmd
