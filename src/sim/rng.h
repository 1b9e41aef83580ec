// The simulator's own random numbers. Every draw goes through this file so that the same seed
// gives the same world with any C++ standard library: the <random> distributions
// (uniform_int_distribution, normal_distribution, ...) are implementation-defined and differ
// between libstdc++ and libc++, so none of them is used.
//
// Rng is xoshiro256** seeded through splitmix64. Streams for independent parts of the world are
// derived with StreamSeed(seed, tag, index), so adding draws to one part never shifts another.
#pragma once

#include <cstdint>
#include <vector>

namespace sluice::sim {

// One splitmix64 step: a strong 64-bit mixer, also used to hash (seed, index) pairs.
uint64_t SplitMix64(uint64_t x);

// The seed of an independent stream: tag names the part of the world, index the item in it.
uint64_t StreamSeed(uint64_t seed, uint64_t tag, uint64_t index = 0);

class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t Next();
  // Uniform in [0, 1) with 53 random bits.
  double Uniform();
  // Uniform integer in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n);
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);
  bool Chance(double p);
  double Exponential(double mean);
  // Standard normal (Box-Muller, one value per call).
  double Normal();
  // exp(N(mu, sigma)).
  double LogNormal(double mu, double sigma);
  // Poisson with the given mean (exact below 30, a rounded normal above).
  uint64_t Poisson(double mean);
  // A heavy-tailed rank in [0, n): P(rank < r) = ((r + r0)^(1-s) - r0^(1-s)) /
  // ((n + r0)^(1-s) - r0^(1-s)). The offset r0 >= 0 flattens the very top ranks, which a pure
  // power law makes implausibly dominant. REQUIRES: n > 0, 0 <= s < 1.
  uint64_t PowerRank(uint64_t n, double s, double r0 = 0);

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  uint64_t s_[4];
};

}  // namespace sluice::sim
