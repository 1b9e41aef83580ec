#include "text/shingles.h"

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

}  // namespace sluice::text
