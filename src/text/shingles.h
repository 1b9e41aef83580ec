// Character shingles: hashes of every k consecutive tokens of a normalized channel, with XXH3.
// The building block of claim matching (containment) and of near-duplicate clustering (MinHash).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <xxhash.h>

namespace sluice::text {

// Hash of tokens[0, k).
inline uint64_t ShingleHash(const uint32_t* tokens, size_t k, uint64_t seed) {
  return XXH3_64bits_withSeed(tokens, k * sizeof(uint32_t), seed);
}

// Appends the hash of every k-shingle of tokens[0, n) to *out, in order: out gets n - k + 1
// hashes, the i-th for tokens [i, i + k). A text shorter than k gives one shingle of all its
// tokens, an empty text none. Different seeds give independent hash families (one per channel).
// REQUIRES: k >= 1.
void ShingleHashes(const uint32_t* tokens, size_t n, size_t k, uint64_t seed,
                   std::vector<uint64_t>* out);

}  // namespace sluice::text
