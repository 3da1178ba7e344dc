#include "providers/glitchtip/link_header.hpp"

#include <curl/curl.h>

#include <memory>
#include <regex>

namespace gg::glitchtip {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using Url = std::unique_ptr<CURLU, UrlDeleter>;

std::optional<std::string> url_part(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK) return std::nullopt;
  std::string text(value);
  curl_free(value);
  return text;
}

Url parse_url(std::string_view text) {
  Url url(curl_url());
  if (!url) return nullptr;
  const std::string copy(text);
  if (curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK) return nullptr;
  return url;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::optional<std::string> next_page_url(std::string_view link_header) {
  static const std::regex next(R"re(<([^>]+)>;\s*rel="next";\s*results="(true|false)")re");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(link_header.begin(), link_header.end(), match, next)) return std::nullopt;
  if (match[2].str() != "true") return std::nullopt;
  return match[1].str();
}

Result<std::string> resolve_link(std::string_view base_url, std::string_view link_url) {
  const Url base = parse_url(base_url);
  const Url link = parse_url(link_url);
  if (!base || !link) {
    return Error{std::string(link_url), "GlitchTip sent a pagination link that is not a URL",
                 "check the server's reverse proxy configuration"};
  }
  const auto base_host = url_part(base.get(), CURLUPART_HOST);
  const auto link_host = url_part(link.get(), CURLUPART_HOST);
  if (!base_host || !link_host || lower(*base_host) != lower(*link_host)) {
    return Error{std::string(link_url),
                 "GlitchTip's pagination link names host " + link_host.value_or("?") +
                     ", not the configured " + base_host.value_or("?") + "; refusing to follow it",
                 "set the Instance url to the address GlitchTip knows itself by"};
  }
  std::string path = url_part(link.get(), CURLUPART_PATH).value_or("/");
  std::string base_path = url_part(base.get(), CURLUPART_PATH).value_or("");
  while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
  if (!base_path.empty() && path.starts_with(base_path + "/")) path.erase(0, base_path.size());
  // "/..//api" normalises to "//api", which a URL parser would read as another host: one
  // leading slash is all a path needs (found by fuzzing).
  while (path.starts_with("//")) path.erase(0, 1);
  if (const auto query = url_part(link.get(), CURLUPART_QUERY)) path += "?" + *query;
  return path;
}

std::string cursor_of(std::string_view path) {
  static const std::regex cursor(R"([?&]cursor=([^&]*))");
  std::match_results<std::string_view::const_iterator> match;
  if (std::regex_search(path.begin(), path.end(), match, cursor)) return match[1].str();
  const auto question = path.find('?');
  return question == std::string_view::npos ? std::string() : std::string(path.substr(question));
}

}  // namespace gg::glitchtip
