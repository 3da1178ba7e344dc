#pragma once
// Canonical JSON: keys sorted (nlohmann::json's default object is sorted), no insignificant
// white space, UTF-8 as is. Two documents with equal content have equal canonical text, so
// its SHA-256 identifies content: plan_sha256, definitions_sha256, fingerprints.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace gg {

std::string canonical_json(const nlohmann::json& document);

// Lower-case hex SHA-256 of bytes (OpenSSL).
std::string sha256_hex(std::string_view bytes);

// sha256_hex(canonical_json(document)).
std::string canonical_sha256(const nlohmann::json& document);

}  // namespace gg
