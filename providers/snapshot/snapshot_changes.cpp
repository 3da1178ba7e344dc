#include "providers/snapshot/snapshot_changes.hpp"

#include "planner/kinds/kinds.hpp"
#include "providers/snapshot/snapshot.hpp"

namespace gg {
namespace {

using nlohmann::json;

void add_change(json& changes, json path, json value) {
  changes.push_back({{"path", std::move(path)}, {"value", std::move(value)}});
}

json with_key(json path, const std::string& key) {
  path.push_back(key);
  return path;
}

// Changes for every entry of `after` that differs from `before`, and for every entry gone;
// `before` catches up entry by entry, so an unchanged entry is compared, never copied.
template <typename Object, typename ToJson>
void take_map_changes(json& changes, const json& path, std::map<std::string, Object>& before,
                      const std::map<std::string, Object>& after, ToJson to_json) {
  auto old_entry = before.begin();
  auto new_entry = after.begin();
  while (old_entry != before.end() || new_entry != after.end()) {
    if (new_entry == after.end() ||
        (old_entry != before.end() && old_entry->first < new_entry->first)) {
      add_change(changes, with_key(path, old_entry->first), nullptr);
      old_entry = before.erase(old_entry);
    } else if (old_entry == before.end() || new_entry->first < old_entry->first) {
      add_change(changes, with_key(path, new_entry->first), to_json(new_entry->second));
      before.emplace_hint(old_entry, new_entry->first, new_entry->second);
      ++new_entry;
    } else {
      if (!(old_entry->second == new_entry->second)) {
        add_change(changes, with_key(path, new_entry->first), to_json(new_entry->second));
        old_entry->second = new_entry->second;
      }
      ++old_entry;
      ++new_entry;
    }
  }
}

// The organization's own fields (name, id, protected, ...: what its kind writes into the
// snapshot besides its children), one change each.
void take_organization_field_changes(json& changes, const json& path, Organization& before,
                                     const Organization& after) {
  const json old_fields = organization_snapshot_json(before);
  const json new_fields = organization_snapshot_json(after);
  for (const auto& [field, value] : new_fields.items()) {
    const auto old_value = old_fields.find(field);
    if (old_value == old_fields.end() || *old_value != value) {
      add_change(changes, with_key(path, field), value);
    }
  }
  for (const auto& [field, value] : old_fields.items()) {
    if (!new_fields.contains(field)) add_change(changes, with_key(path, field), nullptr);
  }
  before.id = after.id;
  before.name = after.name;
  before.slug = after.slug;
  before.is_protected = after.is_protected;
}

}  // namespace

void take_organization_changes(State& durable, const State& recorded, const OrganizationKey& key,
                               json& changes) {
  const auto recorded_instance = recorded.instances.find(key.instance);
  const auto durable_instance = durable.instances.find(key.instance);
  const json instance_path = json::array({"instances", key.instance});
  if (recorded_instance == recorded.instances.end()) {
    if (durable_instance == durable.instances.end()) return;
    add_change(changes, instance_path, nullptr);
    durable.instances.erase(durable_instance);
    return;
  }
  if (durable_instance == durable.instances.end()) {
    add_change(changes, instance_path, snapshot_instance_json(recorded_instance->second));
    durable.instances[key.instance] = recorded_instance->second;
    return;
  }
  const auto& after_organizations = recorded_instance->second.organizations;
  auto& before_organizations = durable_instance->second.organizations;
  const auto after = after_organizations.find(key.slug);
  const auto before = before_organizations.find(key.slug);
  const json path = json::array({"instances", key.instance, "organizations", key.slug});
  if (after == after_organizations.end()) {
    if (before == before_organizations.end()) return;
    add_change(changes, path, nullptr);
    before_organizations.erase(before);
    return;
  }
  if (before == before_organizations.end()) {
    add_change(changes, path, snapshot_organization_json(after->second));
    before_organizations[key.slug] = after->second;
    return;
  }
  Organization& durable_organization = before->second;
  const Organization& recorded_organization = after->second;
  take_organization_field_changes(changes, path, durable_organization, recorded_organization);
  for_each_child_kind([&](auto kind) {
    using Kind = decltype(kind);
    if constexpr (requires { Kind::optional_collection; }) {
      // Monitors, alerts, keys: the collection is absent from the document while empty, so it comes
      // and goes as one change.
      auto& before_objects = Kind::objects(durable_organization);
      const auto& after_objects = Kind::objects(recorded_organization);
      if (before_objects.empty() != after_objects.empty()) {
        json value = nullptr;
        if (!after_objects.empty()) {
          value = json::object();
          for (const auto& [name, object] : after_objects)
            value[name] = Kind::snapshot_json(object);
        }
        add_change(changes, with_key(path, Kind::collection), std::move(value));
        before_objects = after_objects;
        return;
      }
    }
    take_map_changes(changes, with_key(path, Kind::collection), Kind::objects(durable_organization),
                     Kind::objects(recorded_organization), [](const typename Kind::Object& object) {
                       return Kind::snapshot_json(object);
                     });
  });
}

}  // namespace gg
