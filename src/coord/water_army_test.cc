#include "coord/water_army.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "coord/coord_output.h"
#include "coord/test_world.h"

namespace sluice::coord {
namespace {

using testing::PlantedTruth;
using testing::PlantedWorld;

struct Score {
  double f1 = 0;
  size_t tp = 0, fp = 0, fn = 0;
};

// Account F1 of one tactic: a true positive is a planted account found with that tactic.
Score TacticF1(const World& w, const CoordResult& r, const std::vector<std::string>& truth,
               Tactic t) {
  std::set<std::string> want(truth.begin(), truth.end()), got;
  for (const AccountFinding& f : r.accounts)
    if (f.tactic == t) got.insert(std::string(w.accounts.ids.Get(f.account)));
  Score s;
  for (const std::string& g : got) (want.count(g) ? s.tp : s.fp)++;
  s.fn = want.size() - s.tp;
  s.f1 = 2.0 * s.tp / (2.0 * s.tp + s.fp + s.fn);
  return s;
}

class WaterArmyTest : public ::testing::TestWithParam<double> {};

TEST_P(WaterArmyTest, EveryTacticFoundAndConfoundersSpared) {
  PlantedTruth truth;
  World w = PlantedWorld(2024, GetParam(), &truth);
  CoordResult r = DetectWaterArmies(w, DefaultCoordConfig());
  struct Row {
    const char* name;
    const std::vector<std::string>* accounts;
    Tactic tactic;
  };
  for (Row row : {Row{"fake_engagement", &truth.fake_engagement, Tactic::kFakeEngagement},
                  Row{"lockstep", &truth.lockstep, Tactic::kLockstep},
                  Row{"copy_paste", &truth.copy_paste, Tactic::kCopyPaste},
                  Row{"device_farm", &truth.device_farm, Tactic::kDeviceFarm}}) {
    Score s = TacticF1(w, r, *row.accounts, row.tactic);
    EXPECT_GE(s.f1, 0.95) << row.name << ": tp " << s.tp << " fp " << s.fp << " fn " << s.fn
                          << "\n" << StatsJson(r.stats);
  }
  std::set<std::string> flagged;
  for (const AccountFinding& f : r.accounts) flagged.insert(std::string(w.accounts.ids.Get(f.account)));
  size_t confounders_flagged = 0;
  for (const std::string& c : truth.confounders) confounders_flagged += flagged.count(c);
  EXPECT_EQ(confounders_flagged, 0u);
  size_t organic_flagged = 0;
  for (const std::string& f : flagged) organic_flagged += f[0] == 'o';
  EXPECT_LE(organic_flagged, 3u);
}

INSTANTIATE_TEST_SUITE_P(Camouflage, WaterArmyTest, ::testing::Values(0.0, 0.5, 1.0));

TEST(WaterArmyOutputTest, FindingsCarryEvidenceAndAreDeterministic) {
  PlantedTruth truth;
  World w = PlantedWorld(77, 1.0, &truth);
  CoordConfig c = DefaultCoordConfig();
  CoordResult a = DetectWaterArmies(w, c);
  CoordResult b = DetectWaterArmies(w, c);
  std::string fa = FindingsJsonl(w, a), ga = GroupsJsonl(w, a, 20);
  EXPECT_EQ(fa, FindingsJsonl(w, b));
  EXPECT_EQ(ga, GroupsJsonl(w, b, 20));
  ASSERT_FALSE(a.accounts.empty());
  for (const AccountFinding& f : a.accounts) {
    ASSERT_LT(f.group, a.groups.size());
    const CoordGroup& g = a.groups[f.group];
    EXPECT_EQ(g.tactic, f.tactic);
    EXPECT_TRUE(std::binary_search(g.members.begin(), g.members.end(), f.account));
    EXPECT_FALSE(f.signals.empty());
    for (const Signal& s : f.signals) EXPECT_EQ(s.evidence.front(), '{');
  }
  // A group line lists members, shared targets with timestamps, devices and the time spread.
  EXPECT_NE(ga.find("\"targets\":[{\"post\":"), std::string::npos);
  EXPECT_NE(ga.find("\"devices\":[{\"kind\":\"device\",\"token\":\""), std::string::npos);
  EXPECT_NE(ga.find("\"time_spread\":{\"first\":\""), std::string::npos);
  EXPECT_NE(fa.find("\"label\":\"water_army\",\"tactic\":\""), std::string::npos);
  // Raw device strings never appear, only salted hashes.
  EXPECT_EQ(ga.find("farm0-dev"), std::string::npos);
}

// Running the copy-paste pass beside the act-table passes changes when work happens, not what
// is found: one thread and two give the same findings, groups and counts.
TEST(WaterArmyOutputTest, OneThreadAndTwoFindTheSame) {
  PlantedTruth truth;
  World w = PlantedWorld(91, 0.5, &truth);
  CoordConfig one = DefaultCoordConfig(), two = DefaultCoordConfig();
  one.threads = 1;
  two.threads = 2;
  CoordResult a = DetectWaterArmies(w, one), b = DetectWaterArmies(w, two);
  ASSERT_FALSE(a.accounts.empty());
  bool has_copy_paste = false;
  for (const CoordGroup& g : a.groups) has_copy_paste |= g.tactic == Tactic::kCopyPaste;
  EXPECT_TRUE(has_copy_paste);
  EXPECT_EQ(FindingsJsonl(w, a), FindingsJsonl(w, b));
  EXPECT_EQ(GroupsJsonl(w, a, 20), GroupsJsonl(w, b, 20));
  EXPECT_EQ(StatsJson(a.stats), StatsJson(b.stats));
}

TEST(WaterArmyOutputTest, WeightsComeFromConfiguration) {
  PlantedTruth truth;
  World w = PlantedWorld(3, 1.0, &truth);
  CoordConfig c = DefaultCoordConfig();
  c.scoring.flag_score = 100;  // nothing reaches it
  EXPECT_TRUE(DetectWaterArmies(w, c).accounts.empty());
  c = DefaultCoordConfig();
  c.scoring.w_device_farm = 0;
  c.scoring.w_lockstep = 0;  // farms are also in lockstep; with both off no farm is left
  c.scoring.w_dense_block = 0;
  for (const AccountFinding& f : DetectWaterArmies(w, c).accounts)
    EXPECT_NE(f.tactic, Tactic::kDeviceFarm);
}

}  // namespace
}  // namespace sluice::coord
