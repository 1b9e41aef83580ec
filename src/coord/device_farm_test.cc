#include "coord/device_farm.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "coord/test_world.h"

namespace sluice::coord {
namespace {

using testing::Rand;
using testing::WorldMaker;

World FarmFamilyCampus() {
  WorldMaker m;
  Rand rng(9);
  for (int p = 0; p < 200; ++p) m.Post(fmt::format("p{}", p), "author", p * 600, "post");
  // A farm: 6 accounts on one phone, stepped through the same 4 targets, 3 sessions.
  for (int a = 0; a < 6; ++a) m.Account(fmt::format("farm{}", a), 1, "phone-1", "ip-farm");
  for (int s = 0; s < 3; ++s) {
    int64_t at = 200000 + s * 50000;
    for (int a = 0; a < 6; ++a)
      for (int k = 0; k < 4; ++k)
        m.Engage(fmt::format("farm{}", a), fmt::format("p{}", 10 * s + k), "like", at + a * 60 + k * 5,
                 "phone-1", "ip-farm");
  }
  // A family: 3 accounts on one phone and IP, each engaging its own posts at its own times.
  for (int a = 0; a < 3; ++a) {
    m.Account(fmt::format("fam{}", a), 1, "phone-fam", "ip-fam");
    for (int e = 0; e < 12; ++e)
      m.Engage(fmt::format("fam{}", a), fmt::format("p{}", rng.Below(200)), "like",
               200000 + static_cast<int64_t>(rng.Below(150000)), "phone-fam", "ip-fam");
  }
  // A campus: 30 accounts behind one IP, independent.
  for (int a = 0; a < 30; ++a) {
    m.Account(fmt::format("stu{}", a), 1, fmt::format("phone-stu{}", a), "ip-campus");
    for (int e = 0; e < 12; ++e)
      m.Engage(fmt::format("stu{}", a), fmt::format("p{}", rng.Below(200)), "like",
               200000 + static_cast<int64_t>(rng.Below(150000)));
  }
  return m.Build();
}

TEST(DeviceFarmTest, FarmIsFlaggedFamilyAndCampusAreNot) {
  World w = FarmFamilyCampus();
  std::vector<Act> acts = CollectActs(w);
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  DeviceFarmConfig c;
  FarmResult r = FindDeviceFarms(w, acts, ix, c);
  EXPECT_EQ(r.tokens_examined, 5u);  // phone-1, ip-farm, phone-fam, ip-fam, ip-campus
  ASSERT_EQ(r.tokens.size(), 2u);    // the farm's phone and IP
  for (const FarmToken& t : r.tokens) {
    EXPECT_TRUE(t.farm);
    EXPECT_EQ(t.members.size(), 6u);
    EXPECT_EQ(t.in_step, 6u);
    EXPECT_LE(t.median_step_s, 60u);
  }
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].members.size(), 6u);
  EXPECT_EQ(r.groups[0].tokens.size(), 2u);
  for (AccountId a : r.groups[0].members) EXPECT_EQ(w.accounts.ids.Get(a).substr(0, 4), "farm");
}

TEST(DeviceFarmTest, HugeTokensAreSkippedAndCounted) {
  World w = FarmFamilyCampus();
  std::vector<Act> acts = CollectActs(w);
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  DeviceFarmConfig c;
  c.max_accounts = 10;
  FarmResult r = FindDeviceFarms(w, acts, ix, c);
  EXPECT_EQ(r.tokens_too_big, 1u);  // the campus
  EXPECT_EQ(r.tokens.size(), 2u);
}

}  // namespace
}  // namespace sluice::coord
