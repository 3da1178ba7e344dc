#include "providers/definitions/definitions.hpp"

#include <system_error>

#include "planner/canonical_json.hpp"
#include "providers/definitions/desired_state.hpp"
#include "providers/definitions/did_you_mean.hpp"
#include "providers/definitions/problem.hpp"
#include "providers/definitions/schema_validation.hpp"
#include "providers/definitions/source_files.hpp"
#include "providers/definitions/yaml_document.hpp"

namespace gg {

namespace {

using definitions::Declaration;
using definitions::Problem;
using definitions::Problems;
using definitions::YamlDocument;

// "Team nasa-pilots", "User neil@nasa.com", or just the kind when it has no name yet.
std::string object_name(const std::string& kind, const nlohmann::json& content) {
  for (const char* key : {"name", "email", "username"}) {
    if (content.contains(key) && content[key].is_string()) {
      return kind + " " + content[key].get<std::string>();
    }
  }
  return kind;
}

// The kind of a document, or a problem saying why it has none.
std::optional<std::string> kind_of(const YamlDocument& document, Problems& problems) {
  const std::vector<std::string>& kinds = definitions::definition_kinds();
  std::string known;
  for (const std::string& kind : kinds) known += (known.empty() ? "" : ", ") + kind;
  if (!document.content.is_object()) {
    problems.push_back(Problem{document.file, document.start, "",
                               "a definitions document must be a map with a `kind`",
                               "start the document with `kind:` (" + known + ")"});
    return std::nullopt;
  }
  if (!document.content.contains("kind")) {
    problems.push_back(Problem{document.file, document.start, "", "document has no `kind`",
                               "add `kind:` with one of " + known});
    return std::nullopt;
  }
  const nlohmann::json& kind = document.content["kind"];
  const std::string text = kind.is_string() ? kind.get<std::string>() : kind.dump();
  if (!kind.is_string() || std::find(kinds.begin(), kinds.end(), text) == kinds.end()) {
    problems.push_back(Problem{document.file, document.position_of({"kind"}), "",
                               "unknown kind `" + text + "`",
                               definitions::suggestion(text, kinds)});
    return std::nullopt;
  }
  return text;
}

std::string definitions_sha256(const std::vector<YamlDocument>& documents) {
  nlohmann::json all = nlohmann::json::array();
  for (const YamlDocument& document : documents) {
    all.push_back(
        {{"file", document.relative}, {"document", document.index}, {"content", document.content}});
  }
  return canonical_sha256(all);
}

}  // namespace

Result<Definitions> load_definitions(const std::filesystem::path& directory) {
  const std::string shown = directory.generic_string();
  std::error_code error;
  if (!std::filesystem::exists(directory, error)) {
    return Error{shown, "the definitions directory does not exist",
                 "pass the directory holding the YAML definitions with -d DIR"};
  }
  if (!std::filesystem::is_directory(directory, error)) {
    return Error{shown, "not a directory",
                 "pass the directory holding the definitions with -d DIR"};
  }

  definitions::SourceFiles sources = definitions::read_source_files(directory);
  Problems problems = std::move(sources.problems);
  if (sources.files.empty() && problems.empty()) {
    return Error{shown, "no definitions: the directory has no *.yaml or *.yml file",
                 "check the -d DIR argument, or add definitions"};
  }

  Definitions definitions;
  std::vector<YamlDocument> documents;
  for (const definitions::SourceFile& file : sources.files) {
    definitions.files.push_back(file.relative);
    definitions::ParsedFile parsed =
        definitions::parse_yaml_file(file.shown, file.relative, file.text);
    problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
    for (YamlDocument& document : parsed.documents) documents.push_back(std::move(document));
  }

  definitions::SchemaValidator validator;
  std::vector<Declaration> declarations;
  for (const YamlDocument& document : documents) {
    const std::optional<std::string> kind = kind_of(document, problems);
    if (!kind) continue;
    const std::string object = object_name(*kind, document.content);
    Problems found = validator.validate(document, *kind, object);
    if (!found.empty()) {
      problems.insert(problems.end(), found.begin(), found.end());
      continue;
    }
    declarations.push_back(Declaration{*kind, object, &document});
  }

  definitions::DesiredState desired = definitions::derive_desired_state(declarations);
  problems.insert(problems.end(), desired.problems.begin(), desired.problems.end());
  if (!problems.empty()) return definitions::to_errors(std::move(problems));

  definitions.desired = std::move(desired.state);
  definitions.sha256 = definitions_sha256(documents);
  definitions.document_count = documents.size();
  return definitions;
}

}  // namespace gg
