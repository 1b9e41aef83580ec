// signals.jsonl reading: every bad line is named with its file and line.
#include "score/signal_reader.h"

#include <gtest/gtest.h>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ScratchDir;
using testing::WriteFile;

TEST(SignalReaderTest, ReadsEveryKey) {
  ScratchDir dir;
  WriteFile(dir.Path("s.jsonl"),
            R"({"subject":"page","id":"p1.txt","name":"spam.lexicon","evidence":{"hits": [1, 2]},)"
            R"("claim":"c","group":"g","tactic":"lockstep","spans":[[1,4],[9,12]],"edits":["emoji"]})"
            "\n\n");
  Result<std::vector<Signal>> r = ReadSignalsFile(dir.Path("s.jsonl"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r.value().size(), 1u);
  const Signal& s = r.value()[0];
  EXPECT_EQ(s.subject, SubjectKind::kPage);
  EXPECT_EQ(s.id, "p1.txt");
  EXPECT_EQ(s.name, "spam.lexicon");
  EXPECT_EQ(s.evidence, R"({"hits":[1,2]})");
  EXPECT_EQ(s.claim, "c");
  EXPECT_EQ(s.group, "g");
  EXPECT_EQ(s.tactic, "lockstep");
  EXPECT_EQ(s.spans, (std::vector<std::pair<uint32_t, uint32_t>>{{1, 4}, {9, 12}}));
  EXPECT_EQ(s.edits, std::vector<std::string>{"emoji"});
}

TEST(SignalReaderTest, BadLinesAreNamed) {
  struct Case {
    const char* line;
    const char* reason;
  } cases[] = {
      {R"({"subject":"user","id":"a","name":"x"})", "s.jsonl:2: 'subject' must be account, post or page"},
      {R"({"subject":"post","name":"x"})", "s.jsonl:2: missing 'id'"},
      {R"({"subject":"post","id":"a","name":"x","evidence":[]})", "s.jsonl:2: 'evidence' must be a JSON object"},
      {R"({"subject":"post","id":"a","name":"x","spans":[[1]]})", "s.jsonl:2: 'spans' must be"},
      {R"({"subject":"post","id":"a","name":"x","weight":3})", "s.jsonl:2: unknown key 'weight'"},
      {R"(nope)", "s.jsonl:2: not valid JSON"},
  };
  for (const Case& c : cases) {
    ScratchDir dir;
    WriteFile(dir.Path("s.jsonl"), std::string(R"({"subject":"post","id":"ok","name":"x"})") + "\n" + c.line + "\n");
    Result<std::vector<Signal>> r = ReadSignalsFile(dir.Path("s.jsonl"));
    ASSERT_FALSE(r.ok()) << c.line;
    EXPECT_NE(r.status().message().find(c.reason), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace sluice
