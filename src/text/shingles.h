// Character shingles: hashes of every k consecutive tokens of a normalized channel, with XXH3.
// The building block of claim matching (containment) and of near-duplicate clustering (MinHash).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

// Inlined: shingles are 12 to 32 bytes, where a call into the shared library costs as much as
// the hash itself.
#define XXH_INLINE_ALL
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

// Like ShingleHashes, but with a polynomial rolling hash (each next shingle in O(1), finished
// with a 64-bit mixer) instead of XXH3: for long shingles on the matcher's hot path. The values
// differ from ShingleHashes'; use one family consistently for one purpose.
void RollingShingleHashes(const uint32_t* tokens, size_t n, size_t k, uint64_t seed,
                          std::vector<uint64_t>* out);

// Winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003): appends to *anchors the smallest hash of
// every window of `w` consecutive hashes (the rightmost on ties), each selected position once.
// Two texts that share a run of at least w hashes share at least one anchor, and a text keeps
// about 2/(w+1) of its hashes. Fewer than w hashes: their minimum.
// REQUIRES: w >= 1.
void Winnow(const std::vector<uint64_t>& hashes, size_t w, std::vector<uint64_t>* anchors);

}  // namespace sluice::text
