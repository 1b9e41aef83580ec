#include "coord/co_action_network.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "coord/act_table.h"
#include "coord/networks.h"
#include "coord/test_world.h"
#include "world/repost_roots.h"

namespace sluice::coord {
namespace {

using testing::Rand;
using testing::WorldMaker;

std::map<std::pair<AccountId, AccountId>, uint32_t> AsMap(const CoActionNetwork& n) {
  std::map<std::pair<AccountId, AccountId>, uint32_t> m;
  for (const CoEdge& e : n.edges) m[{e.u1, e.u2}] = e.weight;
  return m;
}

// The toolkit's query, literally: for each message m1 of u1, the users u2 with a message m2 != m1
// on the same key within ±window; weight(u1,u2) = count(distinct m1).
std::map<std::pair<AccountId, AccountId>, uint32_t> BruteForce(const std::vector<KeyedAction>& a,
                                                               uint32_t window, uint32_t min_weight,
                                                               bool self_loops) {
  std::map<std::pair<AccountId, AccountId>, std::set<uint32_t>> msgs;
  for (const KeyedAction& x : a)
    for (const KeyedAction& y : a) {
      if (x.key != y.key || x.message == y.message) continue;
      if (std::llabs(static_cast<int64_t>(x.time) - static_cast<int64_t>(y.time)) > window) continue;
      if (x.account == y.account && !self_loops) continue;
      msgs[{x.account, y.account}].insert(x.message);
    }
  std::map<std::pair<AccountId, AccountId>, uint32_t> out;
  for (auto& [k, v] : msgs)
    if (v.size() >= min_weight) out[k] = static_cast<uint32_t>(v.size());
  return out;
}

TEST(CoActionNetworkTest, HandComputedRepostWeightsAreDirected) {
  // u0 reposts T at 0 and 100, u1 at 50, u2 at 200; window 60.
  std::vector<KeyedAction> a = {{7, 0, 0, 0}, {7, 100, 0, 1}, {7, 50, 1, 2}, {7, 200, 2, 3}};
  CoActionOptions o;
  o.window_s = 60;
  CoActionNetwork n = BuildCoActionNetwork(a, 3, o);
  auto m = AsMap(n);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ((m[{0, 1}]), 2u);  // both of u0's reposts have u1's within 60 s
  EXPECT_EQ((m[{1, 0}]), 1u);  // u1's single repost
  EXPECT_EQ(n.Weight(0, 2), 0u);  // 200 - 100 > 60
  EXPECT_EQ(n.messages_of[0], 2u);
  EXPECT_EQ(n.messages, 4u);

  o.min_weight = 2;
  EXPECT_EQ(AsMap(BuildCoActionNetwork(a, 3, o)).size(), 1u);
  o.min_weight = 1;
  o.self_loops = true;  // u0's two reposts are 100 s apart: still no self-loop at 60 s
  EXPECT_EQ(BuildCoActionNetwork(a, 3, o).Weight(0, 0), 0u);
  o.window_s = 100;     // the window is inclusive
  EXPECT_EQ(BuildCoActionNetwork(a, 3, o).Weight(0, 0), 2u);
}

TEST(CoActionNetworkTest, KeysDoNotMix) {
  std::vector<KeyedAction> a = {{1, 10, 0, 0}, {2, 10, 1, 1}};
  CoActionOptions o;
  EXPECT_TRUE(BuildCoActionNetwork(a, 2, o).edges.empty());
}

TEST(CoActionNetworkTest, MatchesTheToolkitQueryOnRandomData) {
  Rand rng(42);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<KeyedAction> a;
    bool multi = trial % 2 == 1;
    for (uint32_t m = 0; m < 300; ++m) {
      int keys = multi ? 1 + static_cast<int>(rng.Below(3)) : 1;
      Time32 t = static_cast<Time32>(rng.Below(2000));
      AccountId u = static_cast<AccountId>(rng.Below(25));
      for (int k = 0; k < keys; ++k) a.push_back({rng.Below(12), t, u, m});
    }
    CoActionOptions o;
    o.window_s = 1 + static_cast<uint32_t>(rng.Below(200));
    o.min_weight = 1 + static_cast<uint32_t>(rng.Below(3));
    o.self_loops = trial % 3 == 0;
    o.multi_key = multi;
    o.max_pairs_in_memory = trial % 4 == 0 ? 50 : 1000000;  // forces several passes
    CoActionNetwork n = BuildCoActionNetwork(a, 25, o);
    EXPECT_EQ(AsMap(n), BruteForce(a, o.window_s, o.min_weight, o.self_loops)) << "trial " << trial;
    if (trial % 4 == 0) {
      EXPECT_GT(n.stats.passes, 1u);
    }
  }
}

TEST(CoActionNetworkTest, CrowdedWindowsAreSkippedAndCounted) {
  std::vector<KeyedAction> a;
  for (uint32_t i = 0; i < 50; ++i) a.push_back({1, i, i, i});            // 50 accounts in 50 s
  a.push_back({2, 0, 0, 100});
  a.push_back({2, 5, 1, 101});                                            // a quiet key
  CoActionOptions o;
  o.window_s = 60;
  o.max_window_actions = 10;
  CoActionNetwork n = BuildCoActionNetwork(a, 50, o);
  EXPECT_EQ(n.stats.skipped_actions, 50u);
  EXPECT_EQ(n.stats.skipped_keys, 1u);
  EXPECT_EQ(n.edges.size(), 2u);  // only the quiet key's pair, both ways
  EXPECT_EQ(n.Weight(0, 1), 1u);
}

TEST(CoActionNetworkTest, NpmiIsOneForInseparablePairs) {
  std::vector<KeyedAction> a;
  for (uint32_t k = 0; k < 5; ++k) {
    a.push_back({k, 100 * k, 0, 2 * k});
    a.push_back({k, 100 * k + 1, 1, 2 * k + 1});
  }
  for (uint32_t k = 0; k < 30; ++k) a.push_back({100 + k, 0, 2 + k % 3, 100 + k});
  CoActionOptions o;
  CoActionNetwork n = BuildCoActionNetwork(a, 5, o);
  ASSERT_EQ(n.edges.size(), 2u);
  // joint 5/40, marginals 5/40 each: PMI = log(8), NPMI = log 8 / log 8 = 1.
  EXPECT_NEAR(EdgeNpmi(n, n.edges[0]), 1.0, 1e-12);
}

TEST(NetworksTest, RepostTwinsCountOnceAndTextNormalizes) {
  WorldMaker m;
  m.Post("s", "src", 0, "source")
      .Post("r1", "a", 10, "", "s")
      .Engage("a", "s", "repost", 10)   // the twin of r1
      .Post("r2", "b", 20, "", "s")
      .Post("t1", "a", 100, "Buy NOW @x  cheap")
      .Post("t2", "b", 130, "buy now cheap")
      .Post("t3", "c", 5000, "buy now cheap")
      .Post("l1", "a", 100, "x", "", "", {"http://u", "http://u"})
      .Post("l2", "b", 110, "y", "", "", {"http://u"});
  World w = m.Build();
  std::vector<Act> acts = CollectActs(w);
  EXPECT_EQ(acts.size(), 2u);  // r1 (with its twin) and r2
  CoordConfig c = DefaultCoordConfig();
  AccountId a = w.accounts.ids.Find("a"), b = w.accounts.ids.Find("b");
  CoActionNetwork rep = BuildNetwork(w, acts, {}, NetworkType::kRepost, c, c.network(NetworkType::kRepost));
  EXPECT_EQ(rep.Weight(a, b), 1u);
  EXPECT_EQ(rep.Weight(b, a), 1u);
  CoActionNetwork text = BuildNetwork(w, acts, {}, NetworkType::kText, c, c.network(NetworkType::kText));
  EXPECT_EQ(text.Weight(a, b), 1u);
  EXPECT_EQ(text.edges.size(), 2u);  // c posted 80 minutes later
  CoActionNetwork link = BuildNetwork(w, acts, {}, NetworkType::kLink, c, c.network(NetworkType::kLink));
  EXPECT_EQ(link.Weight(a, b), 1u);  // the URL twice in one post is one message
}

TEST(NetworksTest, HashtagsRepliesAndEngagementKinds) {
  WorldMaker m;
  m.Post("s", "src", 0, "source")
      .Post("h1", "a", 100, "x", "", "", {"http://u"}, {"tag", "other"})
      .Post("h2", "b", 150, "y", "", "", {}, {"tag"})
      .Post("h3", "c", 150, "z", "", "", {"http://u"}, {})  // the URL is not a hashtag
      .Post("c1", "a", 300, "reply one", "", "s")
      .Post("c2", "b", 320, "reply two", "", "s")
      .Engage("a", "s", "review", 500)
      .Engage("b", "s", "review", 520)
      .Engage("c", "s", "like", 510);
  World w = m.Build();
  std::vector<Act> acts = CollectActs(w);
  CoordConfig c = DefaultCoordConfig();
  AccountId a = w.accounts.ids.Find("a"), b = w.accounts.ids.Find("b"), cc = w.accounts.ids.Find("c");
  auto net = [&](NetworkType t) { return BuildNetwork(w, acts, {}, t, c, c.network(t)); };
  CoActionNetwork tags = net(NetworkType::kHashtag);
  EXPECT_EQ(tags.edges.size(), 2u);
  EXPECT_EQ(tags.Weight(a, b), 1u);
  EXPECT_EQ(net(NetworkType::kLink).Weight(a, cc), 1u);
  CoActionNetwork replies = net(NetworkType::kReply);
  EXPECT_EQ(replies.Weight(a, b), 1u);
  EXPECT_EQ(replies.edges.size(), 2u);
  // Replies are comments too; reviews and likes stay apart.
  EXPECT_EQ(net(NetworkType::kComment).Weight(b, a), 1u);
  CoActionNetwork reviews = net(NetworkType::kReview);
  EXPECT_EQ(reviews.Weight(a, b), 1u);
  EXPECT_EQ(reviews.Weight(a, cc), 0u);
  EXPECT_TRUE(net(NetworkType::kLike).edges.empty());
}

TEST(NetworksTest, RootKeyFollowsRepostChains) {
  WorldMaker m;
  m.Post("s", "src", 0, "source").Post("r1", "a", 10, "", "s").Post("r2", "b", 20, "", "r1");
  World w = m.Build();
  std::vector<Act> acts = CollectActs(w);
  CoordConfig c = DefaultCoordConfig();
  AccountId a = w.accounts.ids.Find("a"), b = w.accounts.ids.Find("b");
  EXPECT_EQ(BuildNetwork(w, acts, {}, NetworkType::kRepost, c, c.network(NetworkType::kRepost)).Weight(a, b), 0u);
  c.repost_key = RepostKey::kRoot;
  std::vector<PostId> roots = RepostRoots(w.posts, ChainEnd::kAnyPost);
  EXPECT_EQ(roots[w.posts.ids.Find("r2")], w.posts.ids.Find("s"));
  EXPECT_EQ(BuildNetwork(w, acts, roots, NetworkType::kRepost, c, c.network(NetworkType::kRepost)).Weight(a, b), 1u);
}

TEST(NetworksTest, RepostCyclesEndSafely) {
  WorldMaker m;
  m.Post("x", "a", 0, "", "y").Post("y", "b", 1, "", "x");
  World w = m.Build();
  std::vector<PostId> roots = RepostRoots(w.posts, ChainEnd::kAnyPost);
  EXPECT_EQ(roots[0], roots[1]);
}

}  // namespace
}  // namespace sluice::coord
