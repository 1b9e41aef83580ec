// The configuration as code sees it: the shipped defaults are complete and consistent, user files
// merge over them, and unreadable files are named. Format errors are data cases (scorer_test).
#include "score/scoring_config.h"

#include <gtest/gtest.h>

#include "core/test_util.h"
#include "score/vocabulary.h"

namespace sluice {
namespace {

using testing::ScratchDir;
using testing::WriteFile;

TEST(ScoringConfigTest, ShippedDefaultsAreComplete) {
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  const ScoringConfig& c = cfg.value();
  EXPECT_EQ(c.sources, "config/scoring.json");
  for (std::string_view label : kFindingLabels) {
    EXPECT_TRUE(c.thresholds.count(std::string(label))) << label;
    bool some_signal = false;
    for (const auto& [name, spec] : c.signals) some_signal = some_signal || spec.label == label;
    EXPECT_TRUE(some_signal) << "no signal can earn the label " << label;
  }
  for (const auto& [name, spec] : c.signals) EXPECT_FALSE(spec.description.empty()) << name;
  ASSERT_FALSE(c.severity.grades.empty());
}

TEST(ScoringConfigTest, UserFileMergesKeyByKey) {
  ScratchDir dir;
  WriteFile(dir.Path("mine.json"), R"({
    "signals": {"coord.lockstep": {"weight": 9}},
    "thresholds": {"spam": 2.5},
    "severity": {"weights": {"coordination": 0}, "grades": [{"name": "act now", "min": 1}, {"name": "later", "min": -1}]}
  })");
  Result<ScoringConfig> d = DefaultScoringConfig();
  Result<ScoringConfig> u = LoadScoringConfig(dir.Path("mine.json"));
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(u.ok()) << u.status().message();
  const ScoringConfig& a = d.value();
  const ScoringConfig& b = u.value();
  EXPECT_EQ(b.signals.at("coord.lockstep").weight, 9);
  EXPECT_EQ(b.signals.at("coord.lockstep").description, a.signals.at("coord.lockstep").description);
  EXPECT_EQ(b.signals.at("coord.lockstep").label, "water_army");
  EXPECT_EQ(b.signals.at("coord.dense_block").weight, a.signals.at("coord.dense_block").weight);
  EXPECT_EQ(b.thresholds.at("spam"), 2.5);
  EXPECT_EQ(b.thresholds.at("rumor"), a.thresholds.at("rumor"));
  EXPECT_EQ(b.severity.coordination, 0);
  EXPECT_EQ(b.severity.reach_accounts, a.severity.reach_accounts);
  EXPECT_EQ(b.severity.harm, a.severity.harm);
  ASSERT_EQ(b.severity.grades.size(), 2u);
  EXPECT_EQ(b.severity.grades[0].name, "act now");
  EXPECT_EQ(b.sources, "config/scoring.json + " + dir.Path("mine.json"));
}

TEST(ScoringConfigTest, NoUserFileMeansDefaults) {
  Result<ScoringConfig> u = LoadScoringConfig("");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u.value().sources, "config/scoring.json");
}

TEST(ScoringConfigTest, UnreadableUserFileIsNamed) {
  ScratchDir dir;
  Result<ScoringConfig> missing = LoadScoringConfig(dir.Path("nope.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kConfig);
  EXPECT_NE(missing.status().message().find("nope.json: cannot read"), std::string::npos);
  Result<ScoringConfig> directory = LoadScoringConfig(dir.path().string());
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.status().message().find("is a directory"), std::string::npos);
}

TEST(ScoringConfigTest, WrongTypesDeepInsideAreNamedByKeyPath) {
  Result<ScoringConfig> d = DefaultScoringConfig();
  ASSERT_TRUE(d.ok());
  struct Case {
    const char* json;
    const char* message;
  } cases[] = {
      {R"({"severity": {"grades": [{"name": "x"}]}})", "u.json: severity.grades[0].min: missing"},
      {R"({"severity": {"grades": []}})", "u.json: severity.grades: needs at least one grade"},
      {R"({"severity": {"weights": {"reposts": true}}})", "u.json: severity.weights.reposts: expected a number"},
      {R"({"severity": {"harm": {"spam": "1"}}})", "u.json: severity.harm.spam: expected a number"},
      {R"({"signals": {"spam.lexicon": {"description": ""}}})", "u.json: signals.spam.lexicon.description: empty"},
      {R"({"signals": {"spam.lexicon": 3}})", "u.json: signals.spam.lexicon: expected an object"},
      {R"({"thresholds": {"spam": 1e999}})", "u.json: not valid JSON"},
  };
  for (const Case& c : cases) {
    Result<ScoringConfig> r = ParseScoringConfig(c.json, "u.json", &d.value());
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().message().substr(0, std::string(c.message).size()), c.message)
        << r.status().message();
  }
}

}  // namespace
}  // namespace sluice
