#include "text/shingles.h"

#include <algorithm>
#include <cstdint>

namespace sluice::text {

void ShingleHashes(const uint32_t* tokens, size_t n, size_t k, uint64_t seed,
                   std::vector<uint64_t>* out) {
  if (n == 0) return;
  if (n < k) {
    out->push_back(ShingleHash(tokens, n, seed));
    return;
  }
  for (size_t i = 0; i + k <= n; ++i) out->push_back(ShingleHash(tokens + i, k, seed));
}

namespace {
// MurmurHash3's 64-bit finalizer: spreads every input bit over the output.
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}
constexpr uint64_t kBase = 0x9E3779B97F4A7C15ull;  // odd: multiplication by it is invertible
}  // namespace

void RollingShingleHashes(const uint32_t* tokens, size_t n, size_t k, uint64_t seed,
                          std::vector<uint64_t>* out) {
  if (n == 0) return;
  size_t len = n < k ? n : k;
  uint64_t top = 1;  // kBase^(len-1)
  uint64_t h = 0;
  for (size_t j = 0; j < len; ++j) {
    h = h * kBase + tokens[j] + 1;
    if (j + 1 < len) top *= kBase;
  }
  out->push_back(Mix64(h ^ seed));
  for (size_t i = len; i < n; ++i) {
    h = (h - (tokens[i - len] + 1) * top) * kBase + tokens[i] + 1;
    out->push_back(Mix64(h ^ seed));
  }
}

void Winnow(const std::vector<uint64_t>& hashes, size_t w, std::vector<uint64_t>* anchors) {
  const size_t n = hashes.size();
  if (n == 0) return;
  if (n <= w) {
    anchors->push_back(*std::min_element(hashes.begin(), hashes.end()));
    return;
  }
  // Windows are short (a few hashes): a fresh scan of each is cheaper than tracking the minimum
  // across windows, whose branches the processor cannot predict.
  // The output is written without branches: whether a window selects a new position is a coin
  // toss the processor cannot predict.
  size_t base = anchors->size();
  anchors->resize(base + n - w + 1);
  uint64_t* out = anchors->data() + base;
  size_t count = 0;
  size_t last = SIZE_MAX;  // position selected by the previous window
  const uint64_t* h = hashes.data();
  for (size_t start = 0; start + w <= n; ++start) {
    size_t best = start;
    uint64_t min = h[start];
    for (size_t i = start + 1; i < start + w; ++i) {
      bool le = h[i] <= min;
      min = le ? h[i] : min;
      best = le ? i : best;
    }
    out[count] = min;
    count += best != last;
    last = best;
  }
  anchors->resize(base + count);
}

}  // namespace sluice::text
