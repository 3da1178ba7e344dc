#include "providers/snapshot/snapshot.hpp"

#include "planner/duplicate_json_key.hpp"
#include "planner/kinds/kinds.hpp"

namespace gg {
namespace {

using nlohmann::json;

// An organization with its children; each kind writes its own objects (planner/kinds/).
json organization_document(const Organization& organization) {
  json document = organization_snapshot_json(organization);
  for_each_child_kind([&](auto kind) {
    using Kind = decltype(kind);
    json objects = json::object();
    for (const auto& [key, object] : Kind::objects(organization)) {
      objects[key] = Kind::snapshot_json(object);
    }
    if constexpr (requires { Kind::omitted_when_empty; }) {  // keys: older snapshots have none
      if (objects.empty()) return;
    }
    document[Kind::collection] = std::move(objects);
  });
  return document;
}

// The inverse of organization_document, for a document the snapshot schema accepted.
Organization organization_from_document(const std::string& slug, const json& document) {
  Organization organization = organization_from_snapshot_json(slug, document);
  for_each_child_kind([&](auto kind) {
    using Kind = decltype(kind);
    if (!document.contains(Kind::collection)) return;  // keys: absent, nothing recorded
    for (const auto& [key, object] : document.at(Kind::collection).items()) {
      Kind::objects(organization)[key] = Kind::from_snapshot_json(key, object);
    }
  });
  return organization;
}

std::string describe_version(const json& document) {
  const auto tool = document.find("tool_version");
  if (tool != document.end() && tool->is_string()) {
    return " (written by glitchtip-gitops " + tool->get<std::string>() + ")";
  }
  return "";
}

}  // namespace

json snapshot_organization_json(const Organization& organization) {
  return organization_document(organization);
}

json snapshot_instance_json(const Instance& instance) {
  json organizations = json::object();
  for (const auto& [slug, organization] : instance.organizations) {
    organizations[slug] = organization_document(organization);
  }
  return {{"organizations", std::move(organizations)}};
}

json snapshot_to_json(const Snapshot& snapshot) {
  json instances = json::object();
  for (const auto& [name, instance] : snapshot.recorded.instances) {
    instances[name] = snapshot_instance_json(instance);
  }
  return {{"format_version", snapshot.format_version},
          {"lineage", snapshot.lineage},
          {"serial", snapshot.serial},
          {"tool_version", snapshot.tool_version},
          {"updated_at", snapshot.updated_at},
          {"last_operation", snapshot.last_operation},
          {"instances", std::move(instances)}};
}

Result<Snapshot> snapshot_from_json(const json& document, const std::string& where) {
  return snapshot_from_json(document, where, SnapshotSchema());
}

Result<Snapshot> snapshot_from_json(const json& document, const std::string& where,
                                    const SnapshotSchema& schema) {
  if (!document.is_object()) {
    return Error{where,
                 std::string("is not a snapshot: the document is a JSON ") + document.type_name() +
                     ", not an object",
                 ""};
  }
  const auto version = document.find("format_version");
  if (version != document.end() && version->is_number_integer() &&
      version->get<int64_t>() != kSnapshotFormatVersion) {
    return Error{where,
                 "has format_version " + std::to_string(version->get<int64_t>()) +
                     describe_version(document) + ", but this glitchtip-gitops (" +
                     GG_TOOL_VERSION + ") reads format_version " +
                     std::to_string(kSnapshotFormatVersion),
                 "run the glitchtip-gitops version that wrote it"};
  }
  if (Errors violations = schema.violations(document, where); !violations.empty()) {
    return violations;
  }
  Snapshot snapshot;
  snapshot.format_version = document.at("format_version").get<int>();
  snapshot.lineage = document.at("lineage").get<std::string>();
  snapshot.serial = document.at("serial").get<int64_t>();
  snapshot.tool_version = document.at("tool_version").get<std::string>();
  snapshot.updated_at = document.at("updated_at").get<std::string>();
  snapshot.last_operation = document.at("last_operation").get<std::string>();
  for (const auto& [name, instance_document] : document.at("instances").items()) {
    Instance& instance = snapshot.recorded.instances[name];
    instance.name = name;
    for (const auto& [slug, organization] : instance_document.at("organizations").items()) {
      instance.organizations[slug] = organization_from_document(slug, organization);
    }
  }
  return snapshot;
}

std::string snapshot_text(const Snapshot& snapshot) {
  return snapshot_to_json(snapshot).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Snapshot> snapshot_from_text(const std::string& text, const std::string& where) {
  return snapshot_from_text(text, where, SnapshotSchema());
}

Result<nlohmann::json> snapshot_document_from_text(const std::string& text,
                                                   const std::string& where) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error{where, "is empty (a write was cut short, or the file was truncated)", ""};
  }
  JsonDocument read;
  try {
    read = parse_json_noting_duplicate_key(text);
  } catch (const json::parse_error& error) {
    std::string message = error.what();
    if (const auto end = message.find("] ");
        message.rfind("[json.exception", 0) == 0 && end != std::string::npos) {
      message = message.substr(end + 2);
    }
    return Error{where, "is not valid JSON (" + message + ")", ""};
  } catch (const json::out_of_range&) {
    return Error{where, "holds a number too large to read", ""};
  }
  if (const auto& duplicate = read.duplicate) {
    return Error{where + ": " + *duplicate,
                 "gives this key twice, so a person reading the file and the tool would see "
                 "different values",
                 "glitchtip-gitops never writes such a file; it was edited by hand"};
  }
  return std::move(read.value);
}

Result<Snapshot> snapshot_from_text(const std::string& text, const std::string& where,
                                    const SnapshotSchema& schema) {
  auto document = snapshot_document_from_text(text, where);
  if (!document.ok()) return document.errors();
  return snapshot_from_json(*document, where, schema);
}

}  // namespace gg
