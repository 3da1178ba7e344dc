#include "planner/record.hpp"

#include "planner/address.hpp"
#include "planner/kinds/fields.hpp"
#include "planner/kinds/kinds.hpp"

namespace gg {
namespace {

Instance& instance_of(State& state, const std::string& name) {
  Instance& instance = state.instances[name];
  instance.name = name;
  return instance;
}

Organization* find_organization(Instance& instance, const std::string& slug,
                                const std::string& name) {
  if (!slug.empty()) {
    const auto found = instance.organizations.find(slug);
    return found == instance.organizations.end() ? nullptr : &found->second;
  }
  for (auto& [known, organization] : instance.organizations) {
    if (organization.name == name) return &organization;
  }
  return nullptr;
}

const Organization* declared_organization(const State& desired, const std::string& instance,
                                          const std::string& name) {
  const auto found_instance = desired.instances.find(instance);
  if (found_instance == desired.instances.end()) return nullptr;
  const auto found = found_instance->second.organizations.find(name);
  return found == found_instance->second.organizations.end() ? nullptr : &found->second;
}

using fields::text;

// Each kind records its own actions (`record` in planner/kinds/).
void record_in_organization(Organization& organization, const Action& action,
                            const ActionOutcome& outcome, const State& desired) {
  visit_kind_of(action.type,
                [&](auto kind) { decltype(kind)::record(organization, action, outcome, desired); });
}

// The recorded organization that a child object's JSON names, or null.
Organization* organization_of_child(State& recorded, const std::string& instance,
                                    const nlohmann::json& json) {
  const std::string slug = text(json, "organization_slug");
  if (slug.empty()) return nullptr;
  return find_organization(instance_of(recorded, instance), slug, "");
}

}  // namespace

void record_action(State& recorded, const Action& action, const ActionOutcome& outcome,
                   const State& desired) {
  Instance& instance = instance_of(recorded, action.instance);
  if (action.type == ActionType::create_organization) {
    Organization organization;
    OrganizationKind::take_fields(organization, action.after);
    organization.slug = outcome.slug;
    organization.id = outcome.id;
    const Organization* declared =
        declared_organization(desired, action.instance, action.organization);
    organization.is_protected = declared != nullptr && declared->is_protected;
    instance.organizations[organization.slug] = std::move(organization);
    return;
  }
  Organization* organization =
      find_organization(instance, action.organization_slug, action.organization);
  if (organization == nullptr) return;  // nothing recorded to update
  if (action.type == ActionType::delete_organization) {
    instance.organizations.erase(organization->slug);
    return;
  }
  record_in_organization(*organization, action, outcome, desired);
}

std::string recorded_organization_slug(const Action& action, const ActionOutcome& outcome) {
  return action.type == ActionType::create_organization ? outcome.slug : action.organization_slug;
}

void record_adoption(State& recorded, const Adoption& adoption) {
  const nlohmann::json& json = adoption.live;
  const std::string kind = text(json, "kind");
  if (kind == "organization") {
    Organization organization = organization_from_json(json);
    Instance& instance = instance_of(recorded, adoption.instance);
    const auto existing = instance.organizations.find(organization.slug);
    if (existing != instance.organizations.end()) {
      for_each_child_kind([&](auto each) {
        using Kind = decltype(each);
        Kind::objects(organization) = Kind::objects(existing->second);
      });
    }
    instance.organizations[organization.slug] = std::move(organization);
    return;
  }
  Organization* organization = organization_of_child(recorded, adoption.instance, json);
  if (organization == nullptr) return;
  for_each_child_kind([&](auto each) {
    using Kind = decltype(each);
    if (kind != Kind::name) return;
    auto object = Kind::from_json(json);
    const std::string key = Kind::key(object);
    Kind::objects(*organization)[key] = std::move(object);
  });
}

void record_drift(State& recorded, const Drift& drift) {
  const nlohmann::json& known = drift.live.is_null() ? drift.recorded : drift.live;
  const std::string kind = text(known, "kind");
  Instance& instance = instance_of(recorded, drift.instance);
  if (kind == "organization") {
    const std::string slug = text(known, "slug");
    if (drift.live.is_null()) {
      instance.organizations.erase(slug);
    } else if (Organization* organization = find_organization(instance, slug, "")) {
      const Organization live = organization_from_json(drift.live);
      organization->name = live.name;
      organization->id = live.id;
    }
    return;
  }
  Organization* organization = organization_of_child(recorded, drift.instance, known);
  if (organization == nullptr) return;
  const bool gone = drift.live.is_null();
  for_each_child_kind([&](auto each) {
    using Kind = decltype(each);
    if (kind != Kind::name) return;
    auto object = Kind::from_json(known);
    const std::string key = Kind::key(object);
    auto& objects = Kind::objects(*organization);
    if (gone) {
      objects.erase(key);
      Kind::forget(*organization, object);
      return;
    }
    const auto existing = objects.find(key);
    Kind::keep_recorded(object, existing == objects.end() ? nullptr : &existing->second);
    objects[key] = std::move(object);
  });
}

void record_protection(State& recorded, const State& desired) {
  for (const auto& [instance_name, declared_instance] : desired.instances) {
    const auto found = recorded.instances.find(instance_name);
    if (found == recorded.instances.end()) continue;
    Instance& instance = found->second;
    for (const auto& [name, declared] : declared_instance.organizations) {
      Organization* organization = find_organization(instance, declared.slug, name);
      if (organization == nullptr) continue;
      organization->is_protected = declared.is_protected;
      for (const auto& [slug, project] : declared.projects) {
        const auto recorded_project = organization->projects.find(slug);
        if (recorded_project != organization->projects.end()) {
          recorded_project->second.is_protected = project.is_protected;
        }
      }
    }
  }
}

State protection_state(const std::vector<Protection>& protection) {
  State desired;
  for (const Protection& entry : protection) {
    Instance& instance = desired.instances[entry.instance];
    instance.name = entry.instance;
    Organization& organization = instance.organizations[entry.organization];
    organization.name = entry.organization;
    organization.slug = entry.organization_slug;
    if (entry.project.empty()) {
      organization.is_protected = entry.is_protected;
    } else {
      Project& project = organization.projects[entry.project];
      project.slug = entry.project;
      project.is_protected = entry.is_protected;
    }
  }
  return desired;
}

}  // namespace gg
