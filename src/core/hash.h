// Hashing. XXH3 for everything that needs speed; SaltedToken for device and IP tokens, which
// must never leave ingest in the clear (privacy by default).
#pragma once

#include <cstdint>
#include <string_view>

// Inlined: ids and tokens are short, and XXH3's short-input path is a few instructions that
// a call into the shared library (with its dispatch) costs more than.
#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

namespace sluice {

inline uint64_t Hash64(std::string_view s, uint64_t seed = 0) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed);
}

// A keyed 64-bit hash of a device or IP token. The key is a per-deployment secret salt, folded
// once into a 64-bit seed (SaltSeed); the same salt gives the same hash, so findings stay
// comparable across runs of one deployment while raw tokens never leave ingest.
inline uint64_t SaltSeed(std::string_view salt) { return Hash64(salt, 0x5eed5a17u); }
inline uint64_t SaltedToken(std::string_view token, uint64_t salt_seed) {
  return Hash64(token, salt_seed);
}

}  // namespace sluice
