#include "planner/match.hpp"

#include <set>

#include "planner/address.hpp"
#include "planner/slugify.hpp"

namespace gg {
namespace {

using Organizations = std::map<std::string, Organization>;

const Organization* by_slug(const Organizations& organizations, const std::string& slug) {
  const auto found = organizations.find(slug);
  return found == organizations.end() ? nullptr : &found->second;
}

std::vector<const Organization*> by_name(const Organizations& organizations,
                                         const std::string& name,
                                         const std::set<std::string>& claimed) {
  std::vector<const Organization*> found;
  for (const auto& [slug, organization] : organizations) {
    if (organization.name == name && claimed.count(slug) == 0) found.push_back(&organization);
  }
  return found;
}

std::string slugs_of(const std::vector<const Organization*>& organizations) {
  std::string text;
  for (const Organization* organization : organizations) {
    text += (text.empty() ? "" : ", ") + organization->slug;
  }
  return text;
}

}  // namespace

InstanceMatch match_organizations(const Instance& desired, const Instance* recorded,
                                  const Instance* live) {
  const Organizations none;
  const Organizations& recorded_organizations = recorded ? recorded->organizations : none;
  const Organizations& live_organizations = live ? live->organizations : none;
  InstanceMatch result;
  std::set<std::string> claimed_recorded;
  std::set<std::string> claimed_live;

  for (const auto& [name, organization] : desired.organizations) {
    OrganizationMatch match{desired.name, name, &organization, nullptr, nullptr};
    const std::string where = Address::of_organization(desired.name, name).to_string();
    if (!organization.slug.empty()) {
      match.recorded = by_slug(recorded_organizations, organization.slug);
      match.live = by_slug(live_organizations, organization.slug);
      const std::string generated = slugify(name);
      if (match.live == nullptr && generated != organization.slug) {
        result.errors.push_back(
            {where,
             "organization slug \"" + organization.slug + "\" does not exist in " + desired.name +
                 ", and GlitchTip would give a new organization named \"" + name +
                 "\" the slug \"" + generated + "\"",
             "set slug to an existing organization's slug, or remove `slug` to create it"});
        continue;
      }
    } else {
      const auto recorded_named = by_name(recorded_organizations, name, claimed_recorded);
      if (!recorded_named.empty()) {
        match.recorded = recorded_named.front();
        match.live = by_slug(live_organizations, match.recorded->slug);
        if (match.live == nullptr) {
          // Deleted by hand: report it as gone, and match the name afresh.
          result.organizations.push_back({desired.name, name, nullptr, match.recorded, nullptr});
          claimed_recorded.insert(match.recorded->slug);
          match.recorded = nullptr;
        }
      }
      if (match.live == nullptr) {
        const auto live_named = by_name(live_organizations, name, claimed_live);
        if (live_named.size() > 1) {
          result.errors.push_back({where,
                                   std::to_string(live_named.size()) + " organizations named \"" +
                                       name + "\" exist in " + desired.name + " (slugs " +
                                       slugs_of(live_named) + ")",
                                   "declare `slug` on the organization to say which one it is"});
          continue;
        }
        if (live_named.size() == 1) {
          match.live = live_named.front();
          match.recorded = by_slug(recorded_organizations, match.live->slug);
        }
      }
    }
    if (match.recorded) claimed_recorded.insert(match.recorded->slug);
    if (match.live) claimed_live.insert(match.live->slug);
    result.organizations.push_back(match);
  }

  for (const auto& [slug, organization] : recorded_organizations) {
    if (claimed_recorded.count(slug) > 0) continue;
    const Organization* live_organization =
        claimed_live.count(slug) > 0 ? nullptr : by_slug(live_organizations, slug);
    if (live_organization) claimed_live.insert(slug);
    result.organizations.push_back(
        {desired.name, organization.name, nullptr, &organization, live_organization});
  }
  for (const auto& [slug, organization] : live_organizations) {
    if (claimed_live.count(slug) > 0 || recorded_organizations.count(slug) > 0) continue;
    result.unmanaged.push_back({desired.name, slug, organization.name});
  }
  return result;
}

}  // namespace gg
