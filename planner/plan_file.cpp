#include "planner/plan_file.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/action_address.hpp"
#include "planner/api_generation.hpp"
#include "planner/canonical_json.hpp"
#include "planner/canonical_string.hpp"
#include "planner/duplicate_json_key.hpp"
#include "planner/plan_summary.hpp"
#include "schemas/schemas.hpp"

namespace gg {
namespace {

using nlohmann::json;

constexpr std::string_view kRemakeHint = "make a new plan with `glitchtip-gitops plan --out`";

json action_to_json(const Action& action) {
  json j = {{"id", action.id},
            {"type", to_string(action.type)},
            {"address", action.address},
            {"instance", action.instance},
            {"organization", action.organization},
            {"organization_slug", action.organization_slug},
            {"team", action.team},
            {"project", action.project},
            {"email", action.email},
            {"before", action.before},
            {"after", action.after},
            {"precondition", action.precondition},
            {"consequences", action.consequences},
            {"reason", action.reason}};
  // Only when there is one: plans without warnings keep the bytes (and digests) they had.
  if (!action.warning.empty()) j["warning"] = action.warning;
  if (!action.monitor.empty()) j["monitor"] = action.monitor;  // monitors, likewise
  if (!action.alert.empty()) j["alert"] = action.alert;        // alerts kind
  return j;
}

json drift_to_json(const Drift& drift) {
  return {{"address", drift.address},
          {"instance", drift.instance},
          {"organization", drift.organization},
          {"recorded", drift.recorded},
          {"live", drift.live},
          {"description", drift.description}};
}

json adoption_to_json(const Adoption& adoption) {
  return {{"address", adoption.address},
          {"instance", adoption.instance},
          {"organization", adoption.organization},
          {"live", adoption.live}};
}

template <typename T, typename F>
json array_of(const std::vector<T>& items, F to_json) {
  json array = json::array();
  for (const T& item : items) array.push_back(to_json(item));
  return array;
}

// How apply reaches an instance: where the token comes from, never the token.
json connection_to_json(const InstanceSettings& settings) {
  const bool from_file = settings.token.kind == TokenSource::Kind::file;
  return {{"token", {{from_file ? "file" : "env", settings.token.name}}},
          {"automationUserEmail", settings.automation_user_email},
          {"mailDomain", settings.mail_domain},
          {"readTimeout", settings.read_timeout_seconds},
          {"maxRetries", settings.max_retries},
          {"apiGeneration", api_generation_keyword(settings.api_generation)},
          {"caFile", settings.ca_file},
          {"insecureSkipTLSVerify", settings.insecure_skip_tls_verify}};
}

InstanceSettings connection_from_json(const std::string& url, const json& j) {
  InstanceSettings settings;
  settings.url = url;
  const json& token = j.at("token");
  if (token.contains("file")) {
    settings.token = {TokenSource::Kind::file, token.at("file").get<std::string>()};
  } else {
    settings.token = {TokenSource::Kind::environment, token.at("env").get<std::string>()};
  }
  settings.automation_user_email = j.at("automationUserEmail").get<std::string>();
  settings.mail_domain = j.at("mailDomain").get<std::string>();
  settings.read_timeout_seconds = j.at("readTimeout").get<int>();
  settings.max_retries = j.at("maxRetries").get<int>();
  settings.api_generation = api_generation_from_keyword(j.at("apiGeneration").get<std::string>());
  settings.ca_file = j.at("caFile").get<std::string>();
  settings.insecure_skip_tls_verify = j.at("insecureSkipTLSVerify").get<bool>();
  return settings;
}

json protection_to_json(const Protection& p) {
  return {{"instance", p.instance},
          {"organization", p.organization},
          {"organization_slug", p.organization_slug},
          {"project", p.project},
          {"protected", p.is_protected}};
}

// canonical_json(action_to_json(action)) appended to `out`, written field by field: a plan
// of 100,000 creations spent most of its digest making and freeing the JSON documents.
// The keys in sorted order, as nlohmann::json writes them.
void append_canonical_action(std::string& out, const Action& action) {
  const auto string_field = [&out](std::string_view key, std::string_view value) {
    out.append(key);
    append_canonical_string(out, value);
  };
  string_field("{\"address\":", action.address);
  out.append(",\"after\":").append(canonical_json(action.after));
  out.append(",\"before\":").append(canonical_json(action.before));
  out.append(",\"consequences\":[");
  for (size_t i = 0; i < action.consequences.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_canonical_string(out, action.consequences[i]);
  }
  out.push_back(']');
  string_field(",\"email\":", action.email);
  out.append(",\"id\":").append(std::to_string(action.id));
  string_field(",\"instance\":", action.instance);
  if (!action.monitor.empty()) string_field(",\"monitor\":", action.monitor);
  string_field(",\"organization\":", action.organization);
  string_field(",\"organization_slug\":", action.organization_slug);
  string_field(",\"precondition\":", action.precondition);
  string_field(",\"project\":", action.project);
  string_field(",\"reason\":", action.reason);
  string_field(",\"team\":", action.team);
  string_field(",\"type\":", to_string(action.type));
  // Only when there is one, as action_to_json writes it.
  if (!action.warning.empty()) string_field(",\"warning\":", action.warning);
  out.push_back('}');
}

// Everything plan_sha256 covers; without "actions" when `with_actions` is false.
// inputs.git_commit is left out: it names where the definitions came from, not what they
// are (definitions_sha256 does that), and a re-plan of the same definitions at a merge
// commit must match the plan approved at the branch's commit.
json content_json(const Plan& plan, bool with_actions = true) {
  json content = {
      {"format_version", plan.format_version},
      {"tool_version", plan.tool_version},
      {"mode", to_string(plan.mode)},
      {"inputs", {{"definitions_sha256", plan.inputs.definitions_sha256}}},
      {"base",
       {{"lineage", plan.base.lineage},
        {"serial", plan.base.serial},
        {"sha256", plan.base.sha256}}},
      {"instances", array_of(plan.instances,
                             [](const PlanInstance& i) -> json {
                               return {{"name", i.name},
                                       {"url", i.settings.url},
                                       {"connection", connection_to_json(i.settings)}};
                             })},
      {"guards", array_of(plan.guards,
                          [](const Guard& g) -> json {
                            return {{"name", g.name}, {"detail", g.detail}};
                          })},
      {"targets", plan.targets},
      {"drift", array_of(plan.drift, drift_to_json)},
      {"adoptions", array_of(plan.adoptions, adoption_to_json)},
      {"unmanaged",
       array_of(plan.unmanaged,
                [](const UnmanagedOrganization& u) -> json {
                  return {{"instance", u.instance}, {"slug", u.slug}, {"name", u.name}};
                })},
      {"protection", array_of(plan.protection, protection_to_json)},
      {"summary",
       {{"add", plan.summary.add},
        {"change", plan.summary.change},
        {"destroy", plan.summary.destroy},
        {"adopt", plan.summary.adopt},
        {"drift", plan.summary.drift},
        {"consequences", plan.summary.consequences}}},
  };
  if (with_actions) content["actions"] = array_of(plan.actions, action_to_json);
  // Only refresh-only plans carry it, so other plans keep their bytes and digests.
  if (plan.mode == PlanMode::refresh_only) content["unplanned"] = plan.unplanned;
  // Monitors: likewise only when there are some.
  if (!plan.unmanaged_objects.empty()) content["unmanaged_objects"] = plan.unmanaged_objects;
  return content;
}

// canonical_json(content_json(plan)), the actions written without a JSON document of them.
std::string canonical_content(const Plan& plan) {
  std::string text = "{\"actions\":[";
  for (size_t i = 0; i < plan.actions.size(); ++i) {
    if (i > 0) text.push_back(',');
    append_canonical_action(text, plan.actions[i]);
  }
  text.push_back(']');
  // "actions" sorts before every other key of the content, so it opens the object.
  const std::string rest = canonical_json(content_json(plan, false));
  text.push_back(',');
  text.append(rest, 1);
  return text;
}

// "line 3, column 7" of a byte offset, for JSON syntax errors.
std::string line_and_column(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// valijson names a value as {"<root>", "[actions]", "[0]", "[type]"}; people and jq
// know it as the JSON pointer /actions/0/type.
std::string json_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const std::string& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    std::string token = part.substr(1, part.size() - 2);
    std::string escaped;
    for (char c : token) {
      if (c == '~') {
        escaped += "~0";
      } else if (c == '/') {
        escaped += "~1";
      } else {
        escaped += c;
      }
    }
    pointer += "/" + escaped;
  }
  return pointer.empty() ? "/" : pointer;
}

Status validate_against_schema(const json& document, const std::string& where) {
  const std::optional<std::string_view> schema_text = embedded_schema("plan.schema.json");
  if (!schema_text) {
    return Error{where, "this build of glitchtip-gitops has no plan schema",
                 "rebuild glitchtip-gitops"};
  }
  valijson::Schema schema;
  valijson::ValidationResults results;
  try {
    const json schema_document = json::parse(*schema_text);
    valijson::SchemaParser parser;
    const valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_document);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;
    const valijson::adapters::NlohmannJsonAdapter document_adapter(document);
    if (validator.validate(schema, document_adapter, &results)) return {};
  } catch (const std::exception& error) {
    return Error{where,
                 std::string("cannot check the plan file against its schema: ") + error.what(), ""};
  }
  // The deepest failure is the specific one; the others are its enclosing objects.
  valijson::ValidationResults::Error deepest;
  for (const auto& error : results) {
    if (error.context.size() > deepest.context.size() || deepest.description.empty()) {
      deepest = error;
    }
  }
  return Error{where + ": " + json_pointer(deepest.context),
               "the plan file does not match its schema: " + deepest.description,
               std::string(kRemakeHint)};
}

Action action_from_json(const json& j) {
  Action action;
  action.id = j.at("id").get<int>();
  action.type = action_type_from_string(j.at("type").get<std::string>()).value();
  action.address = j.at("address").get<std::string>();
  action.instance = j.at("instance").get<std::string>();
  action.organization = j.at("organization").get<std::string>();
  action.organization_slug = j.at("organization_slug").get<std::string>();
  action.team = j.at("team").get<std::string>();
  action.project = j.at("project").get<std::string>();
  action.email = j.at("email").get<std::string>();
  action.before = j.at("before");
  action.after = j.at("after");
  action.precondition = j.at("precondition").get<std::string>();
  action.consequences = j.at("consequences").get<std::vector<std::string>>();
  action.reason = j.at("reason").get<std::string>();
  action.warning = j.value("warning", std::string());
  action.monitor = j.value("monitor", std::string());
  action.alert = j.value("alert", std::string());  // alerts kind
  return action;
}

// The document has passed the schema, so every field is there with its type.
Plan plan_from_json(const json& j) {
  Plan plan;
  plan.format_version = j.at("format_version").get<int>();
  plan.tool_version = j.at("tool_version").get<std::string>();
  plan.created_at = j.at("created_at").get<std::string>();
  plan.mode = plan_mode_from_string(j.at("mode").get<std::string>()).value();
  plan.inputs.definitions_sha256 = j.at("inputs").at("definitions_sha256").get<std::string>();
  plan.inputs.git_commit = j.at("inputs").at("git_commit").get<std::string>();
  plan.base.lineage = j.at("base").at("lineage").get<std::string>();
  plan.base.serial = j.at("base").at("serial").get<int64_t>();
  plan.base.sha256 = j.at("base").at("sha256").get<std::string>();
  for (const json& i : j.at("instances")) {
    const std::string url = i.at("url").get<std::string>();
    plan.instances.push_back(
        {i.at("name").get<std::string>(), connection_from_json(url, i.at("connection"))});
  }
  for (const json& g : j.at("guards")) {
    plan.guards.push_back({g.at("name").get<std::string>(), g.at("detail").get<std::string>()});
  }
  plan.targets = j.at("targets").get<std::vector<std::string>>();
  plan.unplanned = j.value("unplanned", 0);
  plan.unmanaged_objects = j.value("unmanaged_objects", std::vector<std::string>());
  for (const json& a : j.at("actions")) plan.actions.push_back(action_from_json(a));
  for (const json& d : j.at("drift")) {
    plan.drift.push_back({d.at("address").get<std::string>(), d.at("instance").get<std::string>(),
                          d.at("organization").get<std::string>(), d.at("recorded"), d.at("live"),
                          d.at("description").get<std::string>()});
  }
  for (const json& a : j.at("adoptions")) {
    plan.adoptions.push_back({a.at("address").get<std::string>(),
                              a.at("instance").get<std::string>(),
                              a.at("organization").get<std::string>(), a.at("live")});
  }
  for (const json& u : j.at("unmanaged")) {
    plan.unmanaged.push_back({u.at("instance").get<std::string>(), u.at("slug").get<std::string>(),
                              u.at("name").get<std::string>()});
  }
  for (const json& p : j.at("protection")) {
    plan.protection.push_back({p.at("instance").get<std::string>(),
                               p.at("organization").get<std::string>(),
                               p.at("organization_slug").get<std::string>(),
                               p.at("project").get<std::string>(), p.at("protected").get<bool>()});
  }
  const json& summary = j.at("summary");
  plan.summary.add = summary.at("add").get<int>();
  plan.summary.change = summary.at("change").get<int>();
  plan.summary.destroy = summary.at("destroy").get<int>();
  plan.summary.adopt = summary.at("adopt").get<int>();
  plan.summary.drift = summary.at("drift").get<int>();
  plan.summary.consequences = summary.at("consequences").get<int>();
  plan.plan_sha256 = j.at("plan_sha256").get<std::string>();
  return plan;
}

// Checked before the schema, which describes only format 1.
Status check_format_version(const json& document, const std::string& where) {
  const auto found = document.find("format_version");
  if (found == document.end() || !found->is_number_integer()) {
    return Error{where + ": /format_version",
                 "this is not a glitchtip-gitops plan file (no integer format_version)",
                 std::string(kRemakeHint)};
  }
  const int64_t version = found->get<int64_t>();
  if (version > kPlanFormatVersion) {
    return Error{where,
                 "this plan was written by a newer glitchtip-gitops (format " +
                     std::to_string(version) + "); this one reads format " +
                     std::to_string(kPlanFormatVersion),
                 "upgrade glitchtip-gitops"};
  }
  if (version < 1) {
    return Error{where + ": /format_version",
                 "format_version " + std::to_string(version) + " does not exist",
                 std::string(kRemakeHint)};
  }
  return {};
}

// A project deletion that replaces a project (planner/replacements.hpp) runs only when the
// plan was made with --allow-replace, which it records as a guard.
Status check_replacements_allowed(const Plan& plan, const std::string& where) {
  const bool allowed = std::any_of(plan.guards.begin(), plan.guards.end(), [](const Guard& guard) {
    return guard.name == "allow_replace";
  });
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    const Action& action = plan.actions[i];
    if (allowed || action.type != ActionType::delete_project || action.warning.empty()) continue;
    return Error{where + ": /actions/" + std::to_string(i),
                 "the plan deletes project " + action.project +
                     " while it creates another, but was not made with --allow-replace",
                 std::string(kRemakeHint) + " --allow-replace, if the project is really to go"};
  }
  return {};
}

}  // namespace

std::string_view to_string(PlanMode mode) {
  switch (mode) {
    case PlanMode::normal:
      return "normal";
    case PlanMode::offline:
      return "offline";
    case PlanMode::refresh_only:
      return "refresh-only";
  }
  return "normal";
}

std::optional<PlanMode> plan_mode_from_string(std::string_view text) {
  if (text == "normal") return PlanMode::normal;
  if (text == "offline") return PlanMode::offline;
  if (text == "refresh-only") return PlanMode::refresh_only;
  return std::nullopt;
}

nlohmann::json plan_to_json(const Plan& plan) {
  json document = content_json(plan);
  document["inputs"]["git_commit"] = plan.inputs.git_commit;
  document["created_at"] = plan.created_at;
  document["plan_sha256"] = plan.plan_sha256;
  return document;
}

std::string compute_plan_sha256(const Plan& plan) {
  return sha256_hex(canonical_content(plan));
}

Plan seal_plan(Plan plan) {
  plan.summary = summarize_plan(plan);
  plan.plan_sha256 = compute_plan_sha256(plan);
  return plan;
}

std::string plan_file_text(const Plan& plan) {
  return plan_to_json(plan).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Plan> read_plan(std::string_view text, const std::string& where,
                       const PlanFileLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Error{where,
                 "the plan file is " + std::to_string(text.size()) +
                     " bytes, more than the limit of " + std::to_string(limits.max_bytes),
                 "this is not a plan glitchtip-gitops made; check the path"};
  }
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    const bool truncated = error.byte >= text.size();
    return Error{where + ":" + line_and_column(text, error.byte == 0 ? 0 : error.byte - 1),
                 truncated ? "the plan file ends early (truncated?): it is not complete JSON"
                           : "the plan file is not valid JSON",
                 std::string(kRemakeHint)};
  } catch (const json::out_of_range&) {
    return Error{where, "the plan file holds a number too large to read", std::string(kRemakeHint)};
  }
  if (!document.is_object()) {
    return Error{where, "the plan file is not a JSON object", std::string(kRemakeHint)};
  }
  if (const auto duplicate = find_duplicate_json_key(text)) {
    return Error{where + ": " + *duplicate, "the plan file gives this key twice",
                 "this is not a plan glitchtip-gitops wrote; " + std::string(kRemakeHint)};
  }
  if (Status version = check_format_version(document, where); !version) return version.errors();
  if (const auto actions = document.find("actions");
      actions != document.end() && actions->is_array() && actions->size() > limits.max_actions) {
    return Error{where + ": /actions",
                 "the plan has " + std::to_string(actions->size()) +
                     " actions, more than the limit of " + std::to_string(limits.max_actions),
                 "plan smaller parts with --instance or --target"};
  }
  if (Status valid = validate_against_schema(document, where); !valid) return valid.errors();

  Plan plan = plan_from_json(document);
  if (compute_plan_sha256(plan) != plan.plan_sha256) {
    return Error{where,
                 "the plan file was changed after it was made (plan_sha256 does not match its "
                 "content)",
                 "make a new plan; a plan is never edited by hand"};
  }
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    if (plan.actions[i].id != static_cast<int>(i) + 1) {
      return Error{where + ": /actions/" + std::to_string(i) + "/id",
                   "actions must be numbered 1, 2, 3... in apply order; this one is " +
                       std::to_string(plan.actions[i].id),
                   std::string(kRemakeHint)};
    }
  }
  if (Status consistent = check_action_addresses(plan, where); !consistent) {
    return consistent.errors();
  }
  if (summarize_plan(plan) != plan.summary) {
    return Error{where + ": /summary", "the plan's summary does not match its actions",
                 std::string(kRemakeHint)};
  }
  if (Status allowed = check_replacements_allowed(plan, where); !allowed) return allowed.errors();
  return plan;
}

}  // namespace gg
