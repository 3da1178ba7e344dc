#include "providers/snapshot/snapshot_journal.hpp"

#include "planner/canonical_json.hpp"

namespace gg {
namespace {

using nlohmann::json;

constexpr size_t kChecksumLength = 64;

bool is_lower_hex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The record in one line of the journal (without its newline); nullopt when the line is
// damaged: cut short, not matching its checksum, or not a record.
std::optional<JournalRecord> record_in_line(std::string_view line) {
  if (line.size() <= kChecksumLength + 1 || line[kChecksumLength] != ' ') return std::nullopt;
  const std::string_view checksum = line.substr(0, kChecksumLength);
  const std::string_view text = line.substr(kChecksumLength + 1);
  if (!is_lower_hex(checksum) || sha256_hex(text) != checksum) return std::nullopt;
  try {
    JournalRecord record = journal_record_from_json(json::parse(text));
    if (!record.changes.is_array()) return std::nullopt;
    return record;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string pointer_text(const json& path, size_t length) {
  std::string text;
  for (size_t i = 0; i < length && i < path.size(); ++i) {
    text += "/" + (path[i].is_string() ? path[i].get<std::string>() : path[i].dump());
  }
  return text;
}

Error does_not_fit(const std::string& where, int64_t serial, const std::string& what) {
  return Error{where, "record " + std::to_string(serial) + " does not fit the snapshot: " + what,
               "the journal was written against another version of the snapshot (was the "
               "snapshot replaced by hand?); move the journal aside and run plan: it shows "
               "what the journal had recorded as adoptions"};
}

Status make_change(json& document, const json& change, int64_t serial, const std::string& where) {
  if (!change.is_object() || !change.contains("path") || !change.contains("value") ||
      !change.at("path").is_array() || change.at("path").empty()) {
    return does_not_fit(where, serial, "a change is not {\"path\": [...], \"value\": ...}");
  }
  const json& path = change.at("path");
  json* node = &document;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!path[i].is_string() || !node->is_object()) {
      return does_not_fit(where, serial, "nothing to change at " + pointer_text(path, i + 1));
    }
    const std::string& key = path[i].get_ref<const std::string&>();
    if (i + 1 == path.size()) {
      if (change.at("value").is_null()) {
        node->erase(key);
      } else {
        (*node)[key] = change.at("value");
      }
      return {};
    }
    const auto found = node->find(key);
    if (found == node->end()) {
      return does_not_fit(where, serial, "there is no " + pointer_text(path, i + 1));
    }
    node = &*found;
  }
  return {};
}

int64_t serial_of(const json& document) {
  const auto found = document.find("serial");
  return found != document.end() && found->is_number_integer() ? found->get<int64_t>() : 0;
}

std::string lineage_of(const json& document) {
  const auto found = document.find("lineage");
  return found != document.end() && found->is_string() ? found->get<std::string>() : "";
}

json placeholder_organization() {
  return {{"id", "0"},
          {"name", "-"},
          {"teams", json::object()},
          {"projects", json::object()},
          {"members", json::object()}};
}

// Puts one change into the check document; a removal has nothing to check.
void add_to_check(json& instances, const json& change) {
  const json& path = change.at("path");
  const json& value = change.at("value");
  if (path.size() < 2 || !path[0].is_string() || path[0] != "instances") {
    instances["-"] = json::object();  // not in the snapshot's layout: the schema refuses "-"
    return;
  }
  for (const json& key : path) {
    if (!key.is_string()) {
      instances["-"] = json::object();
      return;
    }
  }
  json& instance = instances[path[1].get<std::string>()];
  if (path.size() == 2) {
    if (!value.is_null()) instance = value;
    if (!instance.is_object() || !instance.contains("organizations")) {
      instance["organizations"] = json::object();
    }
    return;
  }
  if (!instance.is_object() || !instance.contains("organizations")) {
    instance = {{"organizations", json::object()}};
  }
  if (path.size() < 4 || path[2] != "organizations") {
    instance[path[2].get<std::string>()] = value;  // an unknown key: the schema refuses it
    return;
  }
  json& organization = instance["organizations"][path[3].get<std::string>()];
  if (path.size() == 4) {
    organization = value.is_null() ? placeholder_organization() : value;
    return;
  }
  if (!organization.is_object()) organization = placeholder_organization();
  const std::string field = path[4].get<std::string>();
  if (path.size() == 5) {
    if (value.is_null()) {
      organization.erase(field);  // a required field removed stays missing: refused
    } else {
      organization[field] = value;
    }
    return;
  }
  if (!organization[field].is_object()) organization[field] = json::object();
  if (path.size() == 6) {
    if (!value.is_null()) organization[field][path[5].get<std::string>()] = value;
    return;
  }
  organization[field][path[5].get<std::string>()] = json::object({{"-", value}});  // too deep
}

}  // namespace

json journal_check_document(const JournalRecord& record) {
  json instances = json::object();
  for (const json& change : record.changes) {
    if (!change.is_object() || !change.contains("path") || !change.contains("value") ||
        !change.at("path").is_array()) {
      instances["-"] = json::object();
      continue;
    }
    add_to_check(instances, change);
  }
  return {{"format_version", 1},
          {"lineage", record.lineage},
          {"serial", record.serial},
          {"tool_version", record.tool_version},
          {"updated_at", record.updated_at},
          {"last_operation", record.last_operation},
          {"instances", std::move(instances)}};
}

std::string journal_record_text(const JournalRecord& record) {
  const json document = {
      {"changes", record.changes},           {"last_operation", record.last_operation},
      {"lineage", record.lineage},           {"serial", record.serial},
      {"tool_version", record.tool_version}, {"updated_at", record.updated_at}};
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

JournalRecord journal_record_from_json(const json& document) {
  JournalRecord record;
  record.changes = document.at("changes");
  record.last_operation = document.at("last_operation").get<std::string>();
  record.lineage = document.at("lineage").get<std::string>();
  record.serial = document.at("serial").get<int64_t>();
  record.tool_version = document.at("tool_version").get<std::string>();
  record.updated_at = document.at("updated_at").get<std::string>();
  return record;
}

std::string journal_line(const JournalRecord& record) {
  const std::string text = journal_record_text(record);
  return sha256_hex(text) + " " + text + "\n";
}

Result<Journal> parse_journal(const std::string& text, const std::string& where) {
  Journal journal;
  size_t start = 0;
  int line_number = 0;
  while (start < text.size()) {
    ++line_number;
    const size_t end = text.find('\n', start);
    if (end == std::string::npos) {  // no newline: the last append was cut short
      journal.torn_tail = true;
      break;
    }
    auto record = record_in_line(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (record) {
      journal.records.push_back(std::move(*record));
      continue;
    }
    if (start >= text.size()) {  // the last line: an append the crash cut short
      journal.torn_tail = true;
      break;
    }
    return Error{where + ":" + std::to_string(line_number),
                 "is damaged (it does not match its checksum, yet records follow it)",
                 "the journal was changed outside glitchtip-gitops; restore it, or move it aside "
                 "and run plan: it shows what the journal had recorded as adoptions"};
  }
  return journal;
}

Result<size_t> replay_journal(json& document, const std::vector<JournalRecord>& records,
                              const std::string& where) {
  const int64_t base = serial_of(document);
  const std::string lineage = lineage_of(document);
  size_t made = 0;
  int64_t serial = base;
  for (const JournalRecord& record : records) {
    if (record.lineage != lineage) {
      return Error{where,
                   "records lineage " + record.lineage + ", but the snapshot is of lineage " +
                       lineage + ": the journal belongs to another state file",
                   "move the journal aside; it was not written for this snapshot"};
    }
    if (record.serial <= base) continue;  // folded into the snapshot already
    if (record.serial != serial + 1) {
      return does_not_fit(where, record.serial,
                          "it does not continue serial " + std::to_string(serial));
    }
    for (const json& change : record.changes) {
      if (Status made_change = make_change(document, change, record.serial, where);
          !made_change.ok()) {
        return made_change.errors();
      }
    }
    serial = record.serial;
    document["serial"] = record.serial;
    document["updated_at"] = record.updated_at;
    document["tool_version"] = record.tool_version;
    document["last_operation"] = record.last_operation;
    ++made;
  }
  return made;
}

}  // namespace gg
