#include "eval/label_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace sluice::eval {
namespace {

const char* kSignals = R"("score":0.5,"signals":[{"name":"r","weight":1,"evidence":{"k":[1,2]}}])";

Status ParseFinding(const std::string& line, LabelLine* out) {
  LabelLineParser p(LabelFileKind::kFindings);
  return p.Parse(line, 0, out);
}

TEST(LabelLineParser, ReadsEveryScoredKey) {
  LabelLineParser p(LabelFileKind::kTruth);
  LabelLine l;
  Status st = p.Parse(
      R"({"subject":"post","id":"p1","label":"rumor","claim":"c9","edits":["emoji","homophone"],)"
      R"("tactic":"lockstep","hard_negative":"debunk","confounder":"fan","spans":[[1,4]],"group":7})",
      0, &l);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(l.subject, Subject::kPost);
  EXPECT_EQ(l.id, "p1");
  EXPECT_EQ(l.label, Label::kRumor);
  EXPECT_EQ(l.claim, "c9");
  EXPECT_EQ(l.edits, (std::vector<EditKind>{EditKind::kEmoji, EditKind::kHomophone}));
  EXPECT_EQ(l.tactic, Tactic::kLockstep);
  EXPECT_EQ(l.hard_negative, HardNegative::kDebunk);
  EXPECT_EQ(l.confounder, Confounder::kFan);
  EXPECT_EQ(l.spans, (std::vector<Span>{{1, 4}}));
}

TEST(LabelLineParser, IntegerIdsNullsAndUnknownKeys) {
  LabelLine l;
  Status st = ParseFinding(std::string(R"({"subject":"account","id":18446744073709551615,)") +
                               R"("label":"water_army","claim":null,"tool":"x",)" + kSignals + "}",
                           &l);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(l.id, "18446744073709551615");
  EXPECT_FALSE(l.claim.has_value());
}

TEST(LabelLineParser, RefusesWhatBreaksTheContract) {
  struct Case {
    std::string line, reason;
  };
  const std::string sig = kSignals;
  std::vector<Case> cases = {
      {R"({"subject":"post","id":"p","label":"spam","label":"rumor",)" + sig + "}",
       "key 'label' appears twice"},
      {R"({"subject":"post","id":"","label":"spam",)" + sig + "}", "'id' is empty"},
      {R"({"subject":"post","id":1.5,"label":"spam",)" + sig + "}",
       "'id' must be a string or an integer"},
      {R"({"subject":"post","id":"p","label":"spam","spans":[[1,2,3]],)" + sig + "}",
       "'spans' must be an array of [start, end] pairs"},
      {R"({"subject":"post","id":"p","label":"spam","spans":[[-1,2]],)" + sig + "}",
       "'spans' must be an array of [start, end] pairs"},
      {R"({"subject":"post","id":"p","label":"spam","spans":[[0,9223372036854775807]],)" + sig + "}",
       "'spans' must be an array of [start, end] pairs"},
      {R"({"subject":"post","id":"p","label":"spam","spans":[[0,"9"]],)" + sig + "}",
       "'spans' must be an array of [start, end] pairs"},
      {R"({"subject":"post","id":"p","label":"spam","score":"high","signals":[]})",
       "'score' must be a number"},
      {R"({"subject":"post","id":"p","label":"spam","score":1,"signals":[]})",
       "'signals' is empty"},
      {R"({"subject":"post","id":"p","label":"spam","score":1,"signals":[{"name":"","weight":1,"evidence":{}}]})",
       "signal 1 needs 'name', a non-empty string"},
      {R"({"subject":"post","id":"p","label":"spam","score":1,"signals":[{"name":"n","weight":"1","evidence":{}}]})",
       "signal 1 needs 'weight', a number"},
      {R"({"subject":"post","id":"p","label":"spam","score":1,"signals":[{"name":"n","weight":1,"evidence":"x"}]})",
       "signal 1 needs 'evidence', an object"},
      {R"({"subject":"post","id":"p","label":"spam","tactic":"bots",)" + sig + "}",
       "unknown tactic 'bots'"},
      {R"({"subject":"post","id":"p","label":"organic","confounder":"twins",)" + sig + "}",
       "unknown confounder 'twins'"},
      {"{\"subject\":\"post\",\"id\":\"p\xff\",\"label\":\"spam\"}", "not valid JSON"},
      {"", "not valid JSON"},
      {"42", "a line must hold one JSON object"},
  };
  for (const Case& c : cases) {
    LabelLine l;
    Status st = ParseFinding(c.line, &l);
    EXPECT_FALSE(st.ok()) << c.line;
    EXPECT_NE(st.message().find(c.reason), std::string::npos)
        << c.line << "\n  gave: " << st.message() << "\n  want: " << c.reason;
  }
}

TEST(LabelLineParser, TruthNeedsNoScoreOrSignals) {
  LabelLineParser truth(LabelFileKind::kTruth);
  LabelLine l;
  EXPECT_TRUE(truth.Parse(R"({"subject":"page","id":"p000001.txt","label":"spam"})", 0, &l).ok());
  Status st = ParseFinding(R"({"subject":"page","id":"p000001.txt","label":"spam"})", &l);
  EXPECT_EQ(st.message(), "missing key 'score'");
}

class ReadLabelFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice_label_file_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(ReadLabelFileTest, SkipsBlankLinesAndNumbersLinesFromOne) {
  std::string p = Write("t.jsonl",
                        "\n{\"subject\":\"post\",\"id\":\"a\",\"label\":\"spam\"}\r\n  \n"
                        "{\"subject\":\"post\",\"id\":\"b\",\"label\":\"spam\"}");
  std::vector<std::pair<uint64_t, std::string>> seen;
  LabelFileStats stats;
  Status st = ReadLabelFile(p, LabelFileKind::kTruth,
                            [&](const LabelLine& l) {
                              seen.emplace_back(l.line, l.id);
                              return Status::Ok();
                            },
                            &stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(seen, (std::vector<std::pair<uint64_t, std::string>>{{2, "a"}, {4, "b"}}));
  EXPECT_EQ(stats.lines, 4u);
  EXPECT_EQ(stats.records, 2u);
}

TEST_F(ReadLabelFileTest, ErrorsNameFileAndLine) {
  std::string p = Write("f.jsonl", "{\"subject\":\"post\",\"id\":\"a\",\"label\":\"spam\"}\n{oops\n");
  LabelFileStats stats;
  Status st = ReadLabelFile(p, LabelFileKind::kTruth, [](const LabelLine&) { return Status::Ok(); },
                            &stats);
  EXPECT_EQ(st.message().rfind(p + ":2: not valid JSON", 0), 0u) << st.message();

  st = ReadLabelFile(p, LabelFileKind::kTruth,
                     [](const LabelLine&) { return Status::InvalidInput("refused"); }, &stats);
  EXPECT_EQ(st.message(), p + ":1: refused");

  st = ReadLabelFile((dir_ / "absent.jsonl").string(), LabelFileKind::kTruth,
                     [](const LabelLine&) { return Status::Ok(); }, &stats);
  EXPECT_EQ(st.message(), (dir_ / "absent.jsonl").string() + ": no such file");
}

}  // namespace
}  // namespace sluice::eval
