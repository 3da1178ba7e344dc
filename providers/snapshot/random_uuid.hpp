#pragma once
// A random (version 4) UUID in its lower-case 8-4-4-4-12 text form, drawn from OpenSSL's
// RAND_bytes. Names a snapshot's lineage and each lock.

#include <string>

namespace gg {

std::string random_uuid();

}  // namespace gg
