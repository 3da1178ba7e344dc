// test_token: a fixed 64-hex token per label (SHA-256), for seeds and tests.
#include <openssl/evp.h>

#include <cstdio>
#include <string>

#include "tests/emulator/emulator.hpp"

namespace gg::emulator {

std::string test_token(std::string_view label) {
  const std::string input = "glitchtip-emulator test token: " + std::string(label);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

}  // namespace gg::emulator
