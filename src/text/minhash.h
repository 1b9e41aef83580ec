// MinHash signatures of shingle sets, for estimating Jaccard similarity between texts without
// comparing them (near-duplicate clustering). Permutation i is the multiply-shift hash
// (a_i * x + b_i) >> 32 of a 64-bit shingle hash x, with a_i, b_i drawn from `seed`, so the same
// seed gives the same signatures on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice::text {

class MinHash {
 public:
  // REQUIRES: num_perm >= 1.
  explicit MinHash(size_t num_perm, uint64_t seed = 0x5eed);

  // Writes num_perm values to *signature. An empty set gives all 0xFFFFFFFF.
  void Signature(const std::vector<uint64_t>& shingles, std::vector<uint32_t>* signature) const;

  // Fraction of equal positions: an unbiased estimate of the Jaccard similarity of the sets.
  // REQUIRES: a.size() == b.size() > 0.
  static double Estimate(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

  size_t num_perm() const { return a_.size(); }

 private:
  std::vector<uint64_t> a_, b_;
};

}  // namespace sluice::text
