#include "eval/seeder_score.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sluice::eval {
namespace {

namespace fs = std::filesystem;

class SeederScoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice_seeder_score_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    // Claim c1: posts p1 (by a1, the originator) and p2; claim c2: q1 (by b1) and q2.
    Rumor("p1", "c1", "a1");
    Rumor("p2", "c1", "");
    Rumor("q1", "c2", "b1");
    Rumor("q2", "c2", "");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Rumor(const std::string& post, const std::string& claim, const std::string& originator) {
    LabelLine l;
    l.subject = Subject::kPost;
    l.id = post;
    l.label = Label::kRumor;
    l.claim = claim;
    if (!originator.empty()) l.originator = originator;
    ASSERT_TRUE(truth_.Add(l).ok());
  }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir_;
  CascadeTruth truth_;
};

TEST_F(SeederScoreTest, OneNarrativeForTwoClaimsGetsOnlyTheEarlierOriginatorRight) {
  // Both claims in one cluster: its first seeder is c1's originator, not c2's.
  std::string path = Write("clusters.jsonl",
                           R"({"seeders":[{"account":"a1","post":"p1"},{"account":"b1","post":"q1"}],)"
                           R"("sample":["p1","q1","p2","q2"]})" "\n");
  Result<SeederCount> r = ScoreClusterSeeders(path, truth_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value().cascades, 2u);
  EXPECT_EQ(r.value().right, 1u);
  EXPECT_EQ(r.value().wrong, std::vector<std::string>{"c2"});
  // One narrative each, each started by its originator: both right.
  path = Write("split.jsonl",
               R"({"seeders":[{"account":"a1","post":"p1"}],"sample":["p1","p2"]})" "\n"
               R"({"seeders":[{"account":"b1","post":"q1"}],"sample":["q1","q2"]})" "\n");
  r = ScoreClusterSeeders(path, truth_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().right, 2u);
  EXPECT_TRUE(r.value().wrong.empty());
}

TEST_F(SeederScoreTest, ATieGoesToTheEarlierLine) {
  std::string path = Write("clusters.jsonl",
                           R"({"seeders":[{"account":"zz","post":"x"}],"sample":["q1"]})" "\n"
                           R"({"seeders":[{"account":"b1","post":"q2"}],"sample":[]})" "\n");
  Result<SeederCount> r = ScoreClusterSeeders(path, truth_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().right, 0u);
  EXPECT_EQ(r.value().unmatched, 1u);  // c1: no line lists its posts
  EXPECT_EQ(r.value().wrong, std::vector<std::string>{"c2"});
}

TEST_F(SeederScoreTest, BadLinesNameFileAndLine) {
  std::string path = Write("clusters.jsonl", "{\"seeders\":[],\"sample\":[]}\n{\"sample\":[]}\n");
  Result<SeederCount> r = ScoreClusterSeeders(path, truth_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), path + ":2: missing key 'seeders'");
  path = Write("claim_cascades.jsonl", "{\"claim\":\"c1\",\"seeders\":[]}\n{\"claim\":\"c1\",\"seeders\":[]}\n");
  r = ScoreClaimCascadeSeeders(path, truth_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), path + ":2: claim c1 repeats line 1");
  path = Write("bad.jsonl", "{\"seeders\":[{\"account\":1,\"post\":\"p1\"}],\"sample\":[]}\n");
  r = ScoreClusterSeeders(path, truth_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), path + ":1: 'seeders[].account' must be a string");
}

TEST(CascadeTruthTest, OriginatorOnlyOnClaimedRumorPosts) {
  CascadeTruth t;
  LabelLine l;
  l.subject = Subject::kAccount;
  l.id = "a1";
  l.label = Label::kWaterArmy;
  l.originator = "a1";
  EXPECT_FALSE(t.Add(l).ok());
  l.subject = Subject::kPost;
  l.label = Label::kRumor;
  EXPECT_FALSE(t.Add(l).ok());  // no claim
  l.claim = "c1";
  EXPECT_TRUE(t.Add(l).ok());
  EXPECT_EQ(t.originators().at("c1"), "a1");
}

}  // namespace
}  // namespace sluice::eval
