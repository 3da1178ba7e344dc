#include "providers/definitions/alert_secrets.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "planner/address.hpp"
#include "planner/kinds/alert.hpp"
#include "planner/match.hpp"

namespace gg {
namespace {

std::string trimmed(const std::string& text) {
  const char* space = " \t\r\n";
  const auto first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

// The URL behind "env NAME" or "file PATH"; `where` is the alert's address.
Result<std::string> read_secret(const std::string& secret, const std::string& where) {
  const size_t space = secret.find(' ');
  const std::string kind = secret.substr(0, space);
  const std::string name = space == std::string::npos ? "" : secret.substr(space + 1);
  std::string url;
  if (kind == "env") {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return Error{where, "the webhook URL variable " + name + " is not set",
                   "export " + name + " with the recipient's URL"};
    }
    url = trimmed(value);
  } else {
    std::ifstream file(name, std::ios::binary);
    if (!file) {
      return Error{where, "cannot read the webhook URL file " + name + ": " + std::strerror(errno),
                   "check that the file exists and this user may read it"};
    }
    std::ostringstream content;
    content << file.rdbuf();
    url = trimmed(content.str());
  }
  const std::string source = kind == "env" ? "the variable " + name : "the file " + name;
  if (url.empty()) {
    return Error{where, source + " holds no webhook URL", "put the recipient's URL in it"};
  }
  if (!url.starts_with("https://") && !url.starts_with("http://")) {
    // Not quoted: a mistyped secret is still a secret.
    return Error{where, source + " does not hold an http(s) URL",
                 "put the recipient's full URL, starting with https://, in it"};
  }
  return url;
}

// A recipient whose secret could not be read, and why.
struct Unread {
  AlertRecipient* recipient = nullptr;
  Error error;
};

// Reads `alert`'s secrets (each source once, through `read`); those that cannot be read are
// returned.
std::vector<Unread> read_secrets(Alert& alert, const std::string& where,
                                 std::map<std::string, std::string>& read) {
  std::vector<Unread> unread;
  for (AlertRecipient& recipient : alert.recipients) {
    if (recipient.secret.empty()) continue;
    auto found = read.find(recipient.secret);
    if (found == read.end()) {
      Result<std::string> url = read_secret(recipient.secret, where);
      if (!url.ok()) {
        unread.push_back(Unread{&recipient, url.error()});
        continue;
      }
      found = read.emplace(recipient.secret, *url).first;
    }
    const AlertRecipient resolved = alert_recipient(recipient.type, found->second);
    recipient.url_sha256 = resolved.url_sha256;
    recipient.url_shown = resolved.url_shown;
    recipient.url = found->second;
  }
  return unread;
}

// plan --offline: gives the unread recipients of `alert` the recorded ones of their type that
// no readable recipient matches, when there are exactly as many; false when there are not.
bool take_recorded(Alert& alert, const Alert& recorded, std::vector<Unread>& unread) {
  std::map<std::string, std::vector<AlertRecipient*>> wanted;  // by type
  for (Unread& each : unread) wanted[each.recipient->type].push_back(each.recipient);
  for (auto& [wanted_type, recipients] : wanted) {
    const std::string& type = wanted_type;  // a lambda cannot capture a structured binding
    std::vector<const AlertRecipient*> left;
    for (const AlertRecipient& candidate : recorded.recipients) {
      if (candidate.type != type) continue;
      const bool matched = std::any_of(
          alert.recipients.begin(), alert.recipients.end(), [&](const AlertRecipient& declared) {
            return declared.type == type && !declared.url_sha256.empty() &&
                   declared.url_sha256 == candidate.url_sha256;
          });
      if (!matched) left.push_back(&candidate);
    }
    if (left.size() != recipients.size()) return false;
    for (size_t i = 0; i < left.size(); ++i) {
      recipients[i]->url_sha256 = left[i]->url_sha256;
      recipients[i]->url_shown = left[i]->url_shown;
    }
  }
  return true;
}

// The recorded organization each declared one of `instance` is, by the planner's own rule.
std::map<std::string, const Organization*> recorded_organizations(const Instance& desired,
                                                                  const Instance* recorded) {
  std::map<std::string, const Organization*> found;
  if (recorded == nullptr) return found;
  for (const OrganizationMatch& match :
       match_organizations(desired, recorded, recorded).organizations) {
    if (match.desired != nullptr && match.recorded != nullptr) {
      found[match.desired->name] = match.recorded;
    }
  }
  return found;
}

Status resolve(State& desired, const State* recorded, Errors* warnings) {
  Errors errors;
  std::map<std::string, std::string> read;  // by source, so that each is read once
  for (auto& [instance_name, instance] : desired.instances) {
    std::map<std::string, const Organization*> recorded_by_name;
    if (recorded != nullptr) {
      const auto found = recorded->instances.find(instance_name);
      recorded_by_name = recorded_organizations(
          instance, found == recorded->instances.end() ? nullptr : &found->second);
    }
    for (auto& [organization_name, organization] : instance.organizations) {
      const auto matched = recorded_by_name.find(organization_name);
      const Organization* recorded_organization =
          matched == recorded_by_name.end() ? nullptr : matched->second;
      for (auto& [key, alert] : organization.alerts) {
        const std::string where =
            Address::of_alert(instance_name, organization_name, alert.project, alert.name)
                .to_string();
        std::vector<Unread> unread = read_secrets(alert, where, read);
        if (!unread.empty()) {
          const Alert* recorded_alert = nullptr;
          if (recorded_organization != nullptr) {
            const auto found = recorded_organization->alerts.find(key);
            if (found != recorded_organization->alerts.end()) recorded_alert = &found->second;
          }
          if (recorded_alert != nullptr && take_recorded(alert, *recorded_alert, unread)) {
            for (const Unread& each : unread) {
              warnings->push_back(
                  Error{where,
                        each.error.message + ": this offline plan takes it as the URL the " +
                            "snapshot records",
                        "apply reads it again and refuses the plan if it holds another URL"});
            }
          } else {
            for (Unread& each : unread) {
              if (recorded != nullptr) {
                each.error.hint +=
                    " (plan --offline needs it too: the snapshot does not say "
                    "which URL it is)";
              }
              errors.push_back(std::move(each.error));
            }
          }
        }
        alert.recipients = recipient_set(std::move(alert.recipients));
      }
    }
  }
  if (!errors.empty()) return errors;
  return {};
}

}  // namespace

Status resolve_alert_secrets(State& desired) {
  return resolve(desired, nullptr, nullptr);
}

Status resolve_alert_secrets_offline(State& desired, const State& recorded, Errors& warnings) {
  return resolve(desired, &recorded, &warnings);
}

std::map<std::string, std::string> declared_alert_urls(const State& desired) {
  std::map<std::string, std::string> urls;
  for (const auto& [instance_name, instance] : desired.instances) {
    for (const auto& [organization_name, organization] : instance.organizations) {
      for (const auto& [key, alert] : organization.alerts) {
        for (const AlertRecipient& recipient : alert.recipients) {
          if (!recipient.url.empty()) urls[recipient.url_sha256] = recipient.url;
        }
      }
    }
  }
  return urls;
}

}  // namespace gg
