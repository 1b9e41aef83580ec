// `sluice scan` end to end on a tiny generated world: every detector reports, the output is
// deterministic, and `sluice eval` can score it.
#include <gtest/gtest.h>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ReadFile;
using testing::RunSluice;
using testing::ScratchDir;

TEST(CliScanTest, TinyWorldEndToEnd) {
  ScratchDir dir;
  std::string world = dir.Path("world");
  auto gen = RunSluice("gen --out " + world + " --scale tiny --seed 7");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::string args = "scan --quiet " + world + "/events.jsonl.zst " + world + "/claims.jsonl --pages " +
                     world + "/pages --out ";
  auto a = RunSluice(args + dir.Path("a"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto b = RunSluice(args + dir.Path("b"));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::string findings = ReadFile(dir.Path("a/findings.jsonl"));
  EXPECT_EQ(findings, ReadFile(dir.Path("b/findings.jsonl")));
  EXPECT_EQ(ReadFile(dir.Path("a/summary.json")), ReadFile(dir.Path("b/summary.json")));
  for (const char* label : {"\"label\":\"rumor\"", "\"label\":\"spam\"", "\"label\":\"water_army\""})
    EXPECT_NE(findings.find(label), std::string::npos) << label;
  EXPECT_NE(findings.find("\"subject\":\"page\""), std::string::npos);

  auto eval = RunSluice("eval --json --truth " + world + "/truth.jsonl --findings " + dir.Path("a/findings.jsonl"));
  EXPECT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("\"rumor\""), std::string::npos) << eval.out;
}

TEST(CliScanTest, MissingInputIsUnusableAndWritesNothing) {
  ScratchDir dir;
  auto r = RunSluice("scan " + dir.Path("nope.jsonl") + " --out " + dir.Path("out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nope.jsonl: no such file"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out/findings.jsonl")));
}

}  // namespace
}  // namespace sluice
