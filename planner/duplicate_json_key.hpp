#pragma once
// Finds an object key given twice in a JSON text. nlohmann::json::parse keeps the last of two
// equal keys silently, so a person reading a plan or snapshot file in a merge request (who
// sees the first) and the tool reading the document (which keeps the last) could disagree on
// what the file says. Plan and snapshot readers refuse such files.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gg {

// The JSON pointer of the first repeated key ("/instances/prod/serial"); nullopt when every
// key is unique, or when the text is not JSON (the caller's parse reports that).
std::optional<std::string> find_duplicate_json_key(std::string_view text);

// A JSON text read once for both its document and its first repeated key.
struct JsonDocument {
  nlohmann::json value;                  // as nlohmann::json::parse makes it
  std::optional<std::string> duplicate;  // as find_duplicate_json_key finds it
};

// nlohmann::json::parse(text) with the duplicate check of the same pass, in place of parse
// and find_duplicate_json_key (which read the text a second time: a tenth of reading a
// large snapshot). Throws what json::parse throws, for a syntax error anywhere in the text,
// a repeated key before it or not.
JsonDocument parse_json_noting_duplicate_key(std::string_view text);

}  // namespace gg
