#include "coord/lockstep.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "coord/test_world.h"

namespace sluice::coord {
namespace {

using testing::Rand;
using testing::WorldMaker;

// 8 accounts hit the same 6 targets within 90 s of each other; 40 organic accounts engage the same
// posts at random times; 6 "slow" accounts hit the same targets but hours apart.
World LockstepWorld() {
  WorldMaker m;
  Rand rng(5);
  for (int p = 0; p < 30; ++p) m.Post(fmt::format("p{}", p), "author", p * 1000, "post");
  for (int k = 0; k < 6; ++k) {
    int64_t at = 100000 + k * 20000;
    for (int a = 0; a < 8; ++a)
      m.Engage(fmt::format("ls{}", a), fmt::format("p{}", k), "like", at + static_cast<int64_t>(rng.Below(90)));
    for (int a = 0; a < 6; ++a)
      m.Engage(fmt::format("slow{}", a), fmt::format("p{}", k), "like", at + (a + 1) * 3600);
  }
  for (int a = 0; a < 40; ++a)
    for (int e = 0; e < 10; ++e)
      m.Engage(fmt::format("o{}", a), fmt::format("p{}", rng.Below(30)), "like",
               100000 + static_cast<int64_t>(rng.Below(200000)));
  return m.Build();
}

TEST(LockstepTest, FindsTheGroupAndItsTargets) {
  World w = LockstepWorld();
  std::vector<Act> acts = CollectActs(w);
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  LockstepConfig c;
  c.window_s = 120;
  LockstepStats st;
  auto groups = FindLockstep(w, acts, ix, c, 0, 1'000'000, &st);
  ASSERT_EQ(groups.size(), 1u);
  const LockstepGroup& g = groups[0];
  ASSERT_EQ(g.members.size(), 8u);
  for (AccountId a : g.members) EXPECT_EQ(w.accounts.ids.Get(a).substr(0, 2), "ls");
  EXPECT_EQ(g.targets.size(), 6u);
  for (const LockstepTarget& t : g.targets) {
    EXPECT_LE(t.end - t.start, 120u);
    EXPECT_EQ(t.actions.size(), 8u);
  }
  for (uint32_t n : g.member_targets) EXPECT_EQ(n, 6u);
  for (double s : g.synchrotrap) EXPECT_GT(s, 0.5);
}

// Three heavy users each like 300 posts over a long period; on 4 posts they happen to meet within
// a minute. CopyCatch alone would call them a group; their SynchroTrap similarity is about 0.007.
World HeavyUsersWorld() {
  WorldMaker m;
  Rand rng(11);
  for (int p = 0; p < 2000; ++p) m.Post(fmt::format("p{}", p), "author", p * 100, "post");
  for (int k = 0; k < 4; ++k)
    for (int a = 0; a < 3; ++a)
      m.Engage(fmt::format("heavy{}", a), fmt::format("p{}", k), "like", 500000 + k * 50000 + a * 20);
  for (int a = 0; a < 3; ++a)
    for (int e = 0; e < 300; ++e)
      m.Engage(fmt::format("heavy{}", a), fmt::format("p{}", 4 + rng.Below(1996)), "like",
               1000000 + static_cast<int64_t>(rng.Below(10000000)));
  return m.Build();
}

TEST(LockstepTest, HeavyUsersMeetingByChanceAreNoGroup) {
  World w = HeavyUsersWorld();
  std::vector<Act> acts = CollectActs(w);
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  LockstepConfig c;
  c.window_s = 120;
  LockstepStats st;
  EXPECT_TRUE(FindLockstep(w, acts, ix, c, 0, 1'000'000, &st).empty());
  EXPECT_EQ(st.candidate_edges, 0u);
  c.min_similarity = 0;
  auto groups = FindLockstep(w, acts, ix, c, 0, 1'000'000, &st);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members.size(), 3u);
  for (double s : groups[0].synchrotrap) EXPECT_LT(s, 0.05);
}

TEST(LockstepTest, CopyCatchDropsMembersOffTheBeat) {
  World w = LockstepWorld();
  std::vector<Act> acts = CollectActs(w);
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  LockstepConfig c;
  c.window_s = 120;
  std::vector<AccountId> cand;
  for (int a = 0; a < 8; ++a) cand.push_back(w.accounts.ids.Find(fmt::format("ls{}", a)));
  for (int a = 0; a < 3; ++a) cand.push_back(w.accounts.ids.Find(fmt::format("slow{}", a)));
  std::sort(cand.begin(), cand.end());
  LockstepGroup g;
  ASSERT_TRUE(VerifyCopyCatch(acts, ix, cand, c, &g));
  EXPECT_EQ(g.members.size(), 8u);
  for (AccountId a : g.members) EXPECT_EQ(w.accounts.ids.Get(a).substr(0, 2), "ls");
  c.min_group = 9;
  EXPECT_FALSE(VerifyCopyCatch(acts, ix, cand, c, &g));
}

}  // namespace
}  // namespace sluice::coord
