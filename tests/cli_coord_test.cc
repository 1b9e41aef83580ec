// `sluice coord` as a user runs it: outputs, exit codes, edge lists, configuration errors,
// identical bytes on a second run.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ReadFile;
using testing::RunSluice;
using testing::ScratchDir;
using testing::WriteFile;

// Five accounts like the same four posts within a minute of each other, on two days; two others
// repost one post 30 s apart.
std::string LockstepEvents() {
  std::string s;
  for (int p = 0; p < 4; ++p)
    s += "{\"type\":\"post\",\"id\":\"p" + std::to_string(p) + "\",\"account\":\"author\",\"time\":" +
         std::to_string(1714500000 + p * 100000) + ",\"text\":\"post\"}\n";
  for (int p = 0; p < 4; ++p)
    for (int a = 0; a < 5; ++a)
      s += "{\"type\":\"engagement\",\"account\":\"ls" + std::to_string(a) + "\",\"target\":\"p" +
           std::to_string(p) + "\",\"kind\":\"like\",\"time\":" +
           std::to_string(1714500600 + p * 100000 + a * 10) + "}\n";
  s += R"({"type":"post","id":"r1","account":"x","time":1714500100,"text":"","repost_of":"p0"})" "\n";
  s += R"({"type":"post","id":"r2","account":"y","time":1714500130,"text":"","repost_of":"p0"})" "\n";
  return s;
}

TEST(CliCoordTest, WritesFindingsGroupsSummaryAndEdges) {
  ScratchDir dir;
  WriteFile(dir.Path("e.jsonl"), LockstepEvents());
  auto r = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("out") +
                     " --edges co_repost --edges co_like");
  EXPECT_EQ(r.exit_code, 1) << r.err;  // findings
  std::string findings = ReadFile(dir.Path("out/findings.jsonl"));
  for (int a = 0; a < 5; ++a)
    EXPECT_NE(findings.find("\"id\":\"ls" + std::to_string(a) +
                            "\",\"label\":\"water_army\",\"tactic\":\"lockstep\",\"group\":\"wa0001\""),
              std::string::npos)
        << findings;
  std::string groups = ReadFile(dir.Path("out/groups.jsonl"));
  EXPECT_NE(groups.find("\"group\":\"wa0001\",\"tactic\":\"lockstep\""), std::string::npos) << groups;
  EXPECT_NE(groups.find("\"targets_total\":4"), std::string::npos) << groups;
  EXPECT_EQ(ReadFile(dir.Path("out/edges/co_repost.csv")),
            "user_1,user_2,weight\nx,y,1\ny,x,1\n");
  std::string likes = ReadFile(dir.Path("out/edges/co_like.csv"));
  EXPECT_NE(likes.find("ls0,ls1,4\n"), std::string::npos) << likes;
  EXPECT_NE(ReadFile(dir.Path("out/summary.json")).find("\"water_army_accounts\":5"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out/rejects.jsonl")));  // only when rejects

  auto again = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("again") +
                         " --edges co_repost --edges co_like");
  for (const char* f : {"findings.jsonl", "groups.jsonl", "summary.json", "edges/co_like.csv"})
    EXPECT_EQ(ReadFile(dir.Path(std::string("out/") + f)), ReadFile(dir.Path(std::string("again/") + f)))
        << f;
}

TEST(CliCoordTest, NothingFoundExitsZero) {
  ScratchDir dir;
  WriteFile(dir.Path("e.jsonl"),
            R"({"type":"post","id":"p","account":"a","time":1714500000,"text":"hello"})" "\n");
  auto r = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("out"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(dir.Path("out/findings.jsonl")), "");
}

TEST(CliCoordTest, BadConfigurationNamesFileAndKeyAndWritesNothing) {
  ScratchDir dir;
  WriteFile(dir.Path("e.jsonl"), LockstepEvents());
  WriteFile(dir.Path("c.json"), R"({"lockstep":{"windw_s":10}})");
  auto r = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("out") + " --config " +
                     dir.Path("c.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sluice coord: " + dir.Path("c.json") + ": lockstep.windw_s: unknown key\n");
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out")));
}

TEST(CliCoordTest, ConfigChangesTheResult) {
  ScratchDir dir;
  WriteFile(dir.Path("e.jsonl"), LockstepEvents() + "oops\n");
  // Four common targets are too few for lockstep now; the accounts are still a dense block.
  WriteFile(dir.Path("c.json"), R"({"lockstep":{"min_targets":5}})");
  auto r = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("out") + " --config " +
                     dir.Path("c.json"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::string findings = ReadFile(dir.Path("out/findings.jsonl"));
  EXPECT_EQ(findings.find("\"tactic\":\"lockstep\""), std::string::npos) << findings;
  EXPECT_NE(findings.find("\"id\":\"ls0\",\"label\":\"water_army\",\"tactic\":\"fake_engagement\""),
            std::string::npos) << findings;
  EXPECT_NE(ReadFile(dir.Path("out/rejects.jsonl")).find("\"reason\":\"invalid_json\""), std::string::npos);
  EXPECT_NE(ReadFile(dir.Path("out/summary.json")).find("\"rejected\":1"), std::string::npos);
  // With dense blocks off as well, nothing is left.
  WriteFile(dir.Path("c2.json"), R"({"lockstep":{"min_targets":5},"fraudar":{"max_blocks":0}})");
  auto none = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("out2") + " --config " +
                        dir.Path("c2.json"));
  EXPECT_EQ(ReadFile(dir.Path("out2/findings.jsonl")), "");
}

TEST(CliCoordTest, UsageErrorsExitTwo) {
  ScratchDir dir;
  WriteFile(dir.Path("e.jsonl"), LockstepEvents());
  auto missing = RunSluice("coord " + dir.Path("nope.jsonl") + " --out " + dir.Path("out"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.jsonl"), std::string::npos) << missing.err;
  auto bad_edges = RunSluice("coord " + dir.Path("e.jsonl") + " --out " + dir.Path("out") +
                             " --edges co_nothing");
  EXPECT_EQ(bad_edges.exit_code, 2);
  EXPECT_NE(bad_edges.err.find("co_nothing"), std::string::npos) << bad_edges.err;
  auto no_out = RunSluice("coord " + dir.Path("e.jsonl"));
  EXPECT_EQ(no_out.exit_code, 2);
}

TEST(CliCoordTest, PrintConfigIsTheShippedConfig) {
  auto r = RunSluice("coord --print-config");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, ReadFile(std::string(SLUICE_SOURCE_DIR) + "/config/coord.json"));
}

}  // namespace
}  // namespace sluice
