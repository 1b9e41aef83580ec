#include "score/finding_signals.h"

#include <gtest/gtest.h>

#include "score/scorer.h"

namespace sluice {
namespace {

TEST(FindingSignalsTest, KeepsNamesEvidenceAndHintsAndDropsWeights) {
  std::vector<Signal> out;
  Status st = AppendSignalsOfFindingLine(
      R"({"subject":"account","id":"u7","label":"water_army","tactic":"lockstep","group":"g2","score":0.8,)"
      R"("signals":[{"name":"lockstep","weight":0.8,"evidence":{"targets":[1, 2]}},)"
      R"({"name":"coord.synchrotrap","weight":0.2,"evidence":{}}]})",
      "coord", &out);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].subject, SubjectKind::kAccount);
  EXPECT_EQ(out[0].id, "u7");
  EXPECT_EQ(out[0].name, "coord.lockstep");  // the room is put in front of a bare rule name
  EXPECT_EQ(out[0].evidence, R"({"targets":[1,2]})");
  EXPECT_EQ(out[0].group, "g2");
  EXPECT_EQ(out[0].tactic, "lockstep");
  EXPECT_EQ(out[1].name, "coord.synchrotrap");
}

TEST(FindingSignalsTest, SpansAndEditsReachEverySignal) {
  std::vector<Signal> out;
  ASSERT_TRUE(AppendSignalsOfFindingLine(
                  R"({"subject":"post","id":"p1","label":"rumor","claim":"c3","edits":["emoji"],"spans":[[2,9]],)"
                  R"("signals":[{"name":"rumor.claim_match","weight":0.9,"evidence":{"claim":"c3"}}]})",
                  "rumor", &out)
                  .ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].claim, "c3");
  EXPECT_EQ(out[0].edits, std::vector<std::string>{"emoji"});
  ASSERT_EQ(out[0].spans.size(), 1u);
  EXPECT_EQ(out[0].spans[0], std::make_pair(2u, 9u));
}

TEST(FindingSignalsTest, ABadLineIsADetectorBug) {
  std::vector<Signal> out;
  for (const char* line : {"not json", R"({"subject":"post","signals":[]})",
                           R"({"subject":"post","id":"p","signals":[{"name":"x"}]})",
                           R"({"subject":"group","id":"p","signals":[]})"}) {
    Status st = AppendSignalsOfFindingLine(line, "spam", &out);
    EXPECT_EQ(st.code(), Status::Code::kInternal) << line;
  }
}

TEST(FindingSignalsTest, AnUnknownSignalNamesTheConfigAndTheKey) {
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  ASSERT_TRUE(cfg.ok());
  std::vector<Signal> out;
  ASSERT_TRUE(AppendSignalsOfFindingLine(
                  R"({"subject":"account","id":"u1","signals":[{"name":"brand_new","evidence":{}}]})", "coord", &out)
                  .ok());
  Status st = CheckSignalsConfigured(out, cfg.value());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("config/scoring.json: signals.coord.brand_new: unknown signal (emitted for account 'u1')"),
            std::string::npos)
      << st.message();
}

// Every signal name the detectors emit today has a weight: a scan never stops on a missing one.
TEST(FindingSignalsTest, TheShippedConfigurationNamesEveryEmittedSignal) {
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  ASSERT_TRUE(cfg.ok());
  for (const char* name :
       {"rumor.claim_match", "rumor.debunk_context", "coord.dense_block", "coord.lockstep",
        "coord.synchrotrap", "coord.copy_paste", "coord.copy_paste_text", "coord.device_farm",
        "coord.bulk_registration", "coord.fan_community", "coord.verified_account",
        "spam.separator_density", "spam.short_phrases", "spam.short_phrase_run", "spam.trailer",
        "spam.vocabulary_shift", "spam.script_shift", "spam.repetition", "spam.link_density",
        "spam.lexicon_density", "spam.lexicon_pornography", "spam.lexicon_gambling",
        "spam.lexicon_piracy", "spam.lexicon_advertising", "spam.lexicon_link_farm", "spam.prose"}) {
    auto it = cfg.value().signals.find(name);
    ASSERT_NE(it, cfg.value().signals.end()) << name;
    EXPECT_FALSE(it->second.description.empty()) << name;
  }
}

}  // namespace
}  // namespace sluice
