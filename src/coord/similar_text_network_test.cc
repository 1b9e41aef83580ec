#include "coord/similar_text_network.h"

#include <gtest/gtest.h>

#include <cmath>

#include "coord/copost_text.h"
#include "coord/test_world.h"
#include "core/hash.h"

namespace sluice::coord {
namespace {

using testing::WorldMaker;

TEST(SimilarTextNetworkTest, FindsEditedCopiesNotOtherTexts) {
  WorldMaker m;
  m.Post("a1", "a", 100, "震惊！这家店的烤鸭真是太好吃了，大家快去排队购买吧")
      .Post("b1", "b", 400, "转发：震惊这家店的烤鸭真是太好吃了\u200b，大家快去排队购买吧😀")
      .Post("c1", "c", 500, "今天天气很好，我们一起去公园散步，看看花开了没有")
      .Post("d1", "d", 90000, "震惊！这家店的烤鸭真是太好吃了，大家快去排队购买吧")
      .Post("e1", "e", 450, "短文")
      .Post("e2", "e", 460, "短文");
  World w = m.Build();
  SimilarTextOptions o;
  o.window_s = 3600;
  SimilarTextStats st;
  CoActionNetwork n = BuildSimilarTextNetwork(w, o, &st);
  AccountId a = w.accounts.ids.Find("a"), b = w.accounts.ids.Find("b");
  EXPECT_EQ(n.Weight(a, b), 1u);
  EXPECT_EQ(n.Weight(b, a), 1u);
  EXPECT_EQ(n.edges.size(), 2u);  // d is a day later, c says something else, e is too short
  EXPECT_EQ(st.posts, 4u);
  EXPECT_GE(st.candidates, 1u);
}

TEST(SimilarTextNetworkTest, PassesGiveTheSameNetwork) {
  WorldMaker m;
  for (int a = 0; a < 12; ++a)
    for (int r = 0; r < 3; ++r)
      m.Post(fmt::format("p{}_{}", a, r), fmt::format("u{}", a), r * 10000 + a * 30,
             fmt::format("第{}轮：这家店的烤鸭真是太好吃了大家快去排队{}", r, a % 2 ? "！" : "吧"));
  World w = m.Build();
  SimilarTextOptions o;
  o.window_s = 3600;
  CoActionNetwork one = BuildSimilarTextNetwork(w, o);
  o.max_pairs_in_memory = 50;
  CoActionNetwork many = BuildSimilarTextNetwork(w, o);
  EXPECT_EQ(one.stats.passes, 1u);
  EXPECT_GT(many.stats.passes, 2u);
  ASSERT_EQ(one.edges.size(), 12u * 11u);
  ASSERT_EQ(many.edges.size(), one.edges.size());
  for (size_t i = 0; i < one.edges.size(); ++i) {
    EXPECT_EQ(many.edges[i].u1, one.edges[i].u1);
    EXPECT_EQ(many.edges[i].u2, one.edges[i].u2);
    EXPECT_EQ(many.edges[i].weight, 3u);
  }
}

TEST(SimilarTextNetworkTest, BandKeysAgreeExactlyForEqualSets) {
  std::vector<uint64_t> s = ShingleHashes(ShingleCodePoints("同一段文字，一字不差地出现两次"), 3);
  EXPECT_EQ(MinHashBandKeys(s, 20, 5), MinHashBandKeys(s, 20, 5));
  std::vector<uint64_t> t = ShingleHashes(ShingleCodePoints("完全不同的另一段内容，没有共同之处"), 3);
  std::vector<uint64_t> ks = MinHashBandKeys(s, 20, 5), kt = MinHashBandKeys(t, 20, 5);
  int same = 0;
  for (size_t i = 0; i < ks.size(); ++i) same += ks[i] == kt[i];
  EXPECT_EQ(same, 0);
}

// The chance that two sets share a band key follows 1 - (1 - J^r)^b: check it on sets of known
// Jaccard, so a weak hash family would show.
TEST(SimilarTextNetworkTest, BandCollisionsFollowTheory) {
  const uint32_t bands = 32, rows = 4;
  for (double jaccard : {0.3, 0.5, 0.7}) {
    int hits = 0, trials = 400;
    for (int t = 0; t < trials; ++t) {
      // |A ∩ B| = s, |A ∪ B| = 60: J = s / 60.
      int shared = static_cast<int>(jaccard * 60), own = (60 - shared) / 2;
      std::vector<uint64_t> x, y;
      uint64_t base = 1000003ull * t;
      for (int i = 0; i < shared; ++i) x.push_back(Hash64(std::to_string(base + i))), y.push_back(x.back());
      for (int i = 0; i < own; ++i) x.push_back(Hash64(std::to_string(base + i), 1));
      for (int i = 0; i < own; ++i) y.push_back(Hash64(std::to_string(base + i), 2));
      std::vector<uint64_t> kx = MinHashBandKeys(x, bands, rows), ky = MinHashBandKeys(y, bands, rows);
      bool hit = false;
      for (uint32_t i = 0; i < bands; ++i) hit |= kx[i] == ky[i];
      hits += hit;
    }
    double expect = 1 - std::pow(1 - std::pow(jaccard, rows), bands);
    EXPECT_NEAR(static_cast<double>(hits) / trials, expect, 0.08) << "J = " << jaccard;
  }
}

}  // namespace
}  // namespace sluice::coord
