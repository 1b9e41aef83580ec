#include "narr/cascade.h"

#include <gtest/gtest.h>

#include <vector>

namespace sluice::narr {
namespace {

std::vector<uint32_t> Star(uint32_t n) {
  std::vector<uint32_t> p(n, 0);
  p[0] = kNoParent;
  return p;
}
std::vector<uint32_t> Chain(uint32_t n) {
  std::vector<uint32_t> p(n);
  p[0] = kNoParent;
  for (uint32_t i = 1; i < n; ++i) p[i] = i - 1;
  return p;
}

// All-pairs distances by brute force, to check the O(n) formula on an irregular tree.
double BruteVirality(const std::vector<uint32_t>& parent) {
  size_t n = parent.size();
  auto path = [&](uint32_t x) {
    std::vector<uint32_t> up{x};
    while (parent[up.back()] != kNoParent) up.push_back(parent[up.back()]);
    return up;
  };
  double sum = 0;
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = i + 1; j < n; ++j) {
      std::vector<uint32_t> a = path(i), b = path(j);
      while (a.size() > 1 && b.size() > 1 && a[a.size() - 2] == b[b.size() - 2]) {
        a.pop_back();
        b.pop_back();
      }
      sum += static_cast<double>(a.size() - 1 + b.size() - 1);
    }
  return 2 * sum / (static_cast<double>(n) * (n - 1));
}

TEST(StructuralViralityTest, StarAndChainHaveKnownValues) {
  for (uint32_t n : {2u, 3u, 10u, 100u}) {
    EXPECT_NEAR(StructuralVirality(Star(n)), 2.0 * (n - 1) / n, 1e-9) << n;
    EXPECT_NEAR(StructuralVirality(Chain(n)), (n + 1) / 3.0, 1e-9) << n;
  }
  EXPECT_EQ(StructuralVirality({kNoParent}), 0);
  // A broadcast stays below 2 however large; person-to-person spread grows with size.
  EXPECT_LT(StructuralVirality(Star(10000)), 2.0);
  EXPECT_GT(StructuralVirality(Chain(100)), StructuralVirality(Star(100)));
}

TEST(StructuralViralityTest, MatchesAllPairsOnAnIrregularTree) {
  std::vector<uint32_t> p = {kNoParent, 0, 0, 1, 1, 3, 3, 3, 2, 8, 9, 9, 0};
  EXPECT_NEAR(StructuralVirality(p), BruteVirality(p), 1e-9);
}

TEST(CascadeTest, SeedersAmplifiersDepthBreadthAndTimes) {
  // Two originals by a (t=100) and b (t=50); c reposts a's post and draws 3 reposts below it;
  // d reposts c's repost and draws 1; e reposts b's post.
  std::vector<CascadeNode> nodes = {
      {kNoParent, 100, /*a*/ 1, 10},  // 0
      {kNoParent, 50, /*b*/ 2, 11},   // 1
      {0, 110, /*c*/ 3, 12},          // 2
      {2, 120, /*d*/ 4, 13},          // 3
      {3, 130, /*f*/ 6, 14},          // 4
      {2, 125, /*g*/ 7, 15},          // 5
      {1, 60, /*e*/ 5, 16},           // 6
      {kNoParent, 200, /*a again*/ 1, 17},
  };
  CascadeStats s = AnalyzeCascade(nodes);
  EXPECT_EQ(s.nodes, 8u);
  EXPECT_EQ(s.roots, 3u);
  EXPECT_EQ(s.reposts, 5u);
  EXPECT_EQ(s.depth, 3u);
  EXPECT_EQ(s.max_breadth, 3u);  // three roots on level 0
  ASSERT_EQ(s.seeders.size(), 2u);  // a's second original is not a new seeder
  EXPECT_EQ(s.seeders[0].account, 2u);
  EXPECT_EQ(s.seeders[0].time, 50);
  EXPECT_EQ(s.seeders[1].account, 1u);
  ASSERT_EQ(s.amplifiers.size(), 2u);
  EXPECT_EQ(s.amplifiers[0].account, 3u);
  EXPECT_EQ(s.amplifiers[0].downstream, 3u);
  EXPECT_EQ(s.amplifiers[1].account, 4u);
  EXPECT_EQ(s.amplifiers[1].downstream, 1u);
  EXPECT_EQ(s.downstream_accounts, 5u);
  EXPECT_EQ(s.largest_tree, 5u);
  EXPECT_NEAR(s.structural_virality, StructuralVirality({kNoParent, 0, 1, 2, 1}), 1e-12);
  EXPECT_EQ(s.t10, -1);
}

TEST(CascadeTest, TimeToTenAndCyclesDoNotHang) {
  std::vector<CascadeNode> nodes = {{kNoParent, 1000, 0, 0}};
  for (uint32_t i = 1; i <= 12; ++i) nodes.push_back({0, 1000 + 60 * i, i, i});
  CascadeStats s = AnalyzeCascade(nodes);
  EXPECT_EQ(s.t10, 600);
  EXPECT_EQ(s.t100, -1);
  EXPECT_NEAR(s.structural_virality, 2.0 * 12 / 13, 1e-9);
  // A parent cycle (bad input) is cut, not followed forever.
  std::vector<CascadeNode> loop = {{1, 5, 0, 0}, {0, 6, 1, 1}, {1, 7, 2, 2}};
  CascadeStats l = AnalyzeCascade(loop);
  EXPECT_EQ(l.nodes, 3u);
  EXPECT_EQ(l.roots, 1u);
}

}  // namespace
}  // namespace sluice::narr
