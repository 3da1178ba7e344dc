#include "providers/definitions/definitions.hpp"

#include <memory>
#include <optional>
#include <system_error>

#include "planner/canonical_json.hpp"
#include "providers/definitions/desired_state.hpp"
#include "providers/definitions/did_you_mean.hpp"
#include "providers/definitions/parallel_for.hpp"
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
  const std::string text =
      kind.is_string() ? kind.get<std::string>()
                       : kind.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!kind.is_string() || std::find(kinds.begin(), kinds.end(), text) == kinds.end()) {
    problems.push_back(Problem{document.file, document.position_of({"kind"}), "",
                               "unknown kind `" + text + "`",
                               definitions::suggestion(text, kinds)});
    return std::nullopt;
  }
  return text;
}

// The canonical JSON text of {"content", "document", "file"} for one document: an element of
// the array whose SHA-256 is the definitions digest (see Definitions::sha256). Built per
// document, so that files are hashed in parallel and no document is copied.
std::string hash_element(const YamlDocument& document) {
  return "{\"content\":" + canonical_json(document.content) +
         ",\"document\":" + std::to_string(document.index) +
         ",\"file\":" + canonical_json(nlohmann::json(document.relative)) + "}";
}

// One file, parsed and each document checked against its schema.
struct LoadedFile {
  std::vector<YamlDocument> documents;
  std::vector<std::optional<Declaration>> declarations;  // per document; nullopt when invalid
  Problems problems;
  std::string hash_elements;  // hash_element of each document, comma-separated
};

void load_file(const definitions::SourceFile& file, definitions::SchemaValidator& validator,
               LoadedFile& loaded) {
  definitions::ParsedFile parsed =
      definitions::parse_yaml_file(file.shown, file.relative, file.text);
  loaded.problems = std::move(parsed.problems);
  loaded.documents = std::move(parsed.documents);
  for (const YamlDocument& document : loaded.documents) {
    if (!loaded.hash_elements.empty()) loaded.hash_elements += ',';
    loaded.hash_elements += hash_element(document);
    std::optional<Declaration> declaration;
    if (const std::optional<std::string> kind = kind_of(document, loaded.problems)) {
      const std::string object = object_name(*kind, document.content);
      Problems found = validator.validate(document, *kind, object);
      if (found.empty()) {
        declaration = Declaration{*kind, object, &document};
      } else {
        loaded.problems.insert(loaded.problems.end(), found.begin(), found.end());
        // An invalid Instance still names itself, so its organizations are not "unknown".
        if (*kind == "Instance") declaration = Declaration{*kind, object, &document, false};
      }
    }
    loaded.declarations.push_back(std::move(declaration));
  }
}

// Parses and validates every file, in parallel (one schema validator a thread); the result
// is in file order whatever the threads did.
std::vector<LoadedFile> load_files(const std::vector<definitions::SourceFile>& files) {
  std::vector<LoadedFile> loaded(files.size());
  std::vector<std::unique_ptr<definitions::SchemaValidator>> validators(
      definitions::worker_count(files.size()));
  for (auto& validator : validators) validator = std::make_unique<definitions::SchemaValidator>();
  definitions::parallel_for(files.size(), [&](size_t worker, size_t i) {
    load_file(files[i], *validators[worker], loaded[i]);
  });
  return loaded;
}

// Frees the parsed documents (maps of YAML positions: a good part of the run's allocations)
// on every core rather than on one.
void release(std::vector<LoadedFile>& loaded) {
  definitions::parallel_for(loaded.size(), [&](size_t, size_t i) { loaded[i] = LoadedFile{}; });
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
  std::vector<LoadedFile> loaded = load_files(sources.files);
  std::vector<Declaration> declarations;
  std::string hash_input = "[";
  for (size_t i = 0; i < loaded.size(); ++i) {
    definitions.files.push_back(sources.files[i].relative);
    problems.insert(problems.end(), loaded[i].problems.begin(), loaded[i].problems.end());
    for (const std::optional<Declaration>& declaration : loaded[i].declarations) {
      if (declaration) declarations.push_back(*declaration);
    }
    if (!loaded[i].hash_elements.empty()) {
      if (hash_input.size() > 1) hash_input += ',';
      hash_input += loaded[i].hash_elements;
    }
    definitions.document_count += loaded[i].documents.size();
  }
  hash_input += ']';

  definitions::DesiredState desired = definitions::derive_desired_state(declarations);
  problems.insert(problems.end(), desired.problems.begin(), desired.problems.end());
  release(loaded);
  if (!problems.empty()) return definitions::to_errors(std::move(problems));

  definitions.desired = std::move(desired.state);
  definitions.warnings = definitions::to_errors(std::move(desired.warnings));
  definitions.sha256 = sha256_hex(hash_input);
  return definitions;
}

Result<State> load_declared_instances(const std::filesystem::path& directory) {
  definitions::SourceFiles sources = definitions::read_source_files(directory);
  if (!sources.problems.empty()) return Error{directory.generic_string(), "unreadable files", ""};
  std::vector<definitions::SourceFile> mentioning;
  for (definitions::SourceFile& file : sources.files) {
    if (file.text.find("Instance") != std::string::npos) mentioning.push_back(std::move(file));
  }
  std::vector<LoadedFile> loaded = load_files(mentioning);
  std::vector<Declaration> instances;
  for (const LoadedFile& file : loaded) {
    if (!file.problems.empty()) return Error{directory.generic_string(), "invalid files", ""};
    for (const std::optional<Declaration>& declaration : file.declarations) {
      if (declaration && declaration->valid && declaration->kind == "Instance") {
        instances.push_back(*declaration);
      }
    }
  }
  definitions::DesiredState desired = definitions::derive_desired_state(instances);
  if (!desired.problems.empty() || desired.state.instances.empty()) {
    return Error{directory.generic_string(), "no valid instance", ""};
  }
  return std::move(desired.state);
}

}  // namespace gg
