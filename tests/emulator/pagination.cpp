#include "tests/emulator/pagination.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>

namespace gg::emulator {

namespace {

std::string base64_encode(const std::string& text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(length));
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3 + 1, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) return std::nullopt;
  out.resize(static_cast<size_t>(length));
  const size_t padding = text.size() - text.find_last_not_of('=') - 1;
  out.resize(out.size() - std::min(padding, out.size()));
  return out;
}

std::string url_encode(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '=') {
      out += "%3D";
    } else if (c == '+') {
      out += "%2B";
    } else if (c == '/') {
      out += "%2F";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<size_t> parse_size(std::string_view text) {
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string make_cursor(size_t offset, bool previous) {
  return base64_encode("o=" + std::to_string(offset) + (previous ? "&r=1" : ""));
}

// The request target with its cursor replaced: "<path>?cursor=<c>&<the other parameters>".
std::string with_cursor(const std::string& target, const std::string& cursor) {
  const size_t question = target.find('?');
  std::string url = target.substr(0, question) + "?cursor=" + url_encode(cursor);
  if (question == std::string::npos) return url;
  const std::string query = target.substr(question + 1);
  size_t start = 0;
  while (start <= query.size()) {
    const size_t amp = std::min(query.find('&', start), query.size());
    const std::string pair = query.substr(start, amp - start);
    if (!pair.empty() && pair.rfind("cursor=", 0) != 0 && pair != "cursor") url += "&" + pair;
    start = amp + 1;
  }
  return url;
}

std::string link_entry(const std::string& url, const char* rel, const std::string* cursor) {
  std::string entry = "<" + url + ">; rel=\"" + rel + "\"; results=\"";
  entry += cursor ? "true\"; cursor=\"" + *cursor + "\"" : "false\"";
  return entry;
}

}  // namespace

std::optional<PageRequest> parse_page_request(const std::string& cursor, const std::string& limit,
                                              bool ninja) {
  PageRequest request;
  const auto parsed_limit = parse_size(limit);
  if (parsed_limit && *parsed_limit > 0) request.limit = *parsed_limit;
  if (ninja) request.limit = std::min<size_t>(request.limit, 100);
  if (cursor.empty()) return request;
  const auto decoded = base64_decode(cursor);
  if (!decoded || decoded->rfind("o=", 0) != 0) return std::nullopt;
  std::string_view rest = std::string_view(*decoded).substr(2);
  if (rest.size() > 4 && rest.substr(rest.size() - 4) == "&r=1") rest.remove_suffix(4);
  const auto offset = parse_size(rest);
  if (!offset) return std::nullopt;
  request.offset = *offset;
  return request;
}

Page paginate(size_t total, const PageRequest& request, const std::string& host,
              const std::string& target, bool ninja) {
  Page page;
  page.begin = std::min(request.offset, total);
  page.end = std::min(page.begin + request.limit, total);
  const std::string base = "http://" + host;
  const std::string current = base + target;

  std::string previous;
  if (page.begin > 0) {
    const std::string cursor =
        make_cursor(page.begin > request.limit ? page.begin - request.limit : 0, true);
    previous = link_entry(base + with_cursor(target, cursor), "previous", &cursor);
  } else {
    previous = link_entry(current, "previous", nullptr);
  }
  std::string next;
  if (page.end < total) {
    const std::string cursor = make_cursor(page.end, false);
    next = link_entry(base + with_cursor(target, cursor), "next", &cursor);
  } else {
    next = link_entry(current, "next", nullptr);
  }
  std::string link = previous + ", " + next;
  if (ninja) link = "{'" + link + "'}";
  page.headers = {{"Link", link},
                  {"X-Hits", std::to_string(std::min<size_t>(total, 1000))},
                  {"X-Max-Hits", "1000"}};
  return page;
}

}  // namespace gg::emulator
