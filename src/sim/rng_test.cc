#include "sim/rng.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace sluice::sim {
namespace {

TEST(Rng, SameSeedSameSequenceDifferentSeedDifferent) {
  Rng a(42), b(42), c(43);
  std::vector<uint64_t> va, vb, vc;
  for (int i = 0; i < 100; ++i) {
    va.push_back(a.Next());
    vb.push_back(b.Next());
    vc.push_back(c.Next());
  }
  EXPECT_EQ(va, vb);
  EXPECT_NE(va, vc);
}

// The sequence is part of the output contract (same seed, same bytes on every platform), so a
// change to the generator must show up here.
TEST(Rng, SequenceIsPinned) {
  EXPECT_EQ(SplitMix64(0), 0xe220a8397b1dcdafull);
  Rng r(1);
  EXPECT_EQ(r.Next(), 0xf9d20113ec80c6d5ull);
  EXPECT_EQ(r.Next(), 0xd16e236e5cdc6563ull);
  EXPECT_EQ(StreamSeed(7, 1, 2), StreamSeed(7, 1, 2));
  EXPECT_NE(StreamSeed(7, 1, 2), StreamSeed(7, 2, 1));
}

TEST(Rng, BelowAndBetweenStayInRange) {
  Rng r(9);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    uint64_t v = r.Below(7);
    ASSERT_LT(v, 7u);
    ++seen[v];
    int64_t w = r.Between(-3, 3);
    ASSERT_GE(w, -3);
    ASSERT_LE(w, 3);
  }
  for (int n : seen) EXPECT_GT(n, 800);  // roughly uniform: 1000 expected each
}

TEST(Rng, UniformAndDistributionsHaveTheirMeans) {
  Rng r(5);
  const int n = 200000;
  double u = 0, ex = 0, no = 0, po = 0, po_big = 0;
  for (int i = 0; i < n; ++i) {
    double x = r.Uniform();
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
    u += x;
    ex += r.Exponential(3.0);
    no += r.Normal();
    po += static_cast<double>(r.Poisson(4.0));
    po_big += static_cast<double>(r.Poisson(100.0));
  }
  EXPECT_NEAR(u / n, 0.5, 0.01);
  EXPECT_NEAR(ex / n, 3.0, 0.05);
  EXPECT_NEAR(no / n, 0.0, 0.01);
  EXPECT_NEAR(po / n, 4.0, 0.05);
  EXPECT_NEAR(po_big / n, 100.0, 0.3);
  EXPECT_EQ(r.Poisson(0.0), 0u);
}

TEST(Rng, PowerRankIsHeavyTailedAndInRange) {
  Rng r(11);
  const uint64_t n = 10000;
  int top_percent = 0;
  const int draws = 100000;
  for (int i = 0; i < draws; ++i) {
    uint64_t k = r.PowerRank(n, 0.7, 10);
    ASSERT_LT(k, n);
    if (k < n / 100) ++top_percent;
  }
  // P(rank < 100) = (110^0.3 - 10^0.3) / (10010^0.3 - 10^0.3) = 0.152
  EXPECT_NEAR(top_percent / static_cast<double>(draws), 0.152, 0.01);
}

}  // namespace
}  // namespace sluice::sim
