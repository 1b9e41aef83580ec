#include "sim/rng.h"

#include <cmath>

namespace sluice::sim {

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t StreamSeed(uint64_t seed, uint64_t tag, uint64_t index) {
  return SplitMix64(SplitMix64(SplitMix64(seed) ^ tag) ^ index);
}

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (uint64_t& s : s_) {
    x += 0x9e3779b97f4a7c15ull;
    s = SplitMix64(x);
  }
}

namespace {
inline uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

uint64_t Rng::Next() {
  uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

uint64_t Rng::Below(uint64_t n) {
  // Lemire's multiply-and-reject: unbiased, and the same on every platform.
  unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(Next()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

int64_t Rng::Between(int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

bool Rng::Chance(double p) { return Uniform() < p; }

double Rng::Exponential(double mean) { return -mean * std::log1p(-Uniform()); }

double Rng::Normal() {
  double u1 = 1.0 - Uniform();  // (0, 1]
  double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

double Rng::LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }

uint64_t Rng::Poisson(double mean) {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    double limit = std::exp(-mean), p = 1.0;
    uint64_t k = 0;
    for (;;) {
      p *= Uniform();
      if (p <= limit) return k;
      ++k;
    }
  }
  double v = std::floor(mean + std::sqrt(mean) * Normal() + 0.5);
  return v < 0 ? 0 : static_cast<uint64_t>(v);
}

uint64_t Rng::PowerRank(uint64_t n, double s, double r0) {
  double e = 1.0 - s;
  double lo = std::pow(r0, e), hi = std::pow(static_cast<double>(n) + r0, e);
  double r = std::pow(lo + (hi - lo) * Uniform(), 1.0 / e) - r0;
  uint64_t k = r > 0 ? static_cast<uint64_t>(r) : 0;
  return k < n ? k : n - 1;
}

}  // namespace sluice::sim
