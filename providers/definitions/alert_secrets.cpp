#include "providers/definitions/alert_secrets.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "planner/address.hpp"
#include "planner/kinds/alert.hpp"

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

}  // namespace

Status resolve_alert_secrets(State& desired) {
  Errors errors;
  std::map<std::string, std::string> read;  // by source, so that each is read once
  for (auto& [instance_name, instance] : desired.instances) {
    for (auto& [organization_name, organization] : instance.organizations) {
      for (auto& [key, alert] : organization.alerts) {
        const std::string where =
            Address::of_alert(instance_name, organization_name, alert.project, alert.name)
                .to_string();
        for (AlertRecipient& recipient : alert.recipients) {
          if (recipient.secret.empty()) continue;
          auto found = read.find(recipient.secret);
          if (found == read.end()) {
            Result<std::string> url = read_secret(recipient.secret, where);
            if (!url.ok()) {
              for (const Error& error : url.errors()) errors.push_back(error);
              continue;
            }
            found = read.emplace(recipient.secret, *url).first;
          }
          const AlertRecipient resolved = alert_recipient(recipient.type, found->second);
          recipient.url_sha256 = resolved.url_sha256;
          recipient.url_shown = resolved.url_shown;
          recipient.url = found->second;
        }
        alert.recipients = recipient_set(std::move(alert.recipients));
      }
    }
  }
  if (!errors.empty()) return errors;
  return {};
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
