#include "coord/similar_text_network.h"

#include <gtest/gtest.h>

#include "coord/copost_text.h"
#include "coord/test_world.h"

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

TEST(SimilarTextNetworkTest, BandKeysAgreeExactlyForEqualSets) {
  std::vector<uint64_t> s = ShingleHashes(ShingleCodePoints("同一段文字，一字不差地出现两次"), 3);
  EXPECT_EQ(MinHashBandKeys(s, 20, 5), MinHashBandKeys(s, 20, 5));
  std::vector<uint64_t> t = ShingleHashes(ShingleCodePoints("完全不同的另一段内容，没有共同之处"), 3);
  std::vector<uint64_t> ks = MinHashBandKeys(s, 20, 5), kt = MinHashBandKeys(t, 20, 5);
  int same = 0;
  for (size_t i = 0; i < ks.size(); ++i) same += ks[i] == kt[i];
  EXPECT_EQ(same, 0);
}

}  // namespace
}  // namespace sluice::coord
