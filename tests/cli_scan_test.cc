// `sluice scan` end to end on a tiny generated world: every detector reports, the output is
// deterministic, and `sluice eval` can score it.
#include <gtest/gtest.h>
#include <sqlite3.h>

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
  EXPECT_EQ(ReadFile(dir.Path("a/groups.jsonl")), ReadFile(dir.Path("b/groups.jsonl")));
  EXPECT_EQ(ReadFile(dir.Path("a/report.html")), ReadFile(dir.Path("b/report.html")));
  for (const char* label : {"\"label\":\"rumor\"", "\"label\":\"spam\"", "\"label\":\"water_army\""})
    EXPECT_NE(findings.find(label), std::string::npos) << label;
  EXPECT_NE(findings.find("\"subject\":\"page\""), std::string::npos);

  // The context the case store needs, and the campaign figures.
  EXPECT_NE(findings.find("\"platform\":"), std::string::npos);
  EXPECT_NE(findings.find("\"reach\":{\"accounts\":"), std::string::npos);
  std::string summary = ReadFile(dir.Path("a/summary.json"));
  EXPECT_NE(summary.find("\"cases\":{\"total\":{\"cases\":"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"timeline\":{\"bucket_seconds\":"), std::string::npos) << summary;
  EXPECT_NE(ReadFile(dir.Path("a/report.html")).find("data-report=\"loading\""), std::string::npos);
  EXPECT_NE(a.out.find("report: " + dir.Path("a") + "/report.html"), std::string::npos) << a.out;

  auto eval = RunSluice("eval --json --truth " + world + "/truth.jsonl --findings " + dir.Path("a/findings.jsonl"));
  EXPECT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("\"rumor\""), std::string::npos) << eval.out;

  // Claims from a file of their own match as the claim records among the events did.
  auto c = RunSluice("scan --quiet " + world + "/events.jsonl.zst --claims " + world + "/claims.jsonl --pages " +
                     world + "/pages --out " + dir.Path("c"));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(findings, ReadFile(dir.Path("c/findings.jsonl")));

  // `sluice report DIR` remakes the same page from the outputs alone.
  std::string page = ReadFile(dir.Path("a/report.html"));
  std::filesystem::remove(dir.Path("a/report.html"));
  auto rep = RunSluice("report " + dir.Path("a"));
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  EXPECT_EQ(page, ReadFile(dir.Path("a/report.html")));
}

TEST(CliScanTest, RescanMergesIntoTheCaseStore) {
  ScratchDir dir;
  std::string world = dir.Path("world");
  auto gen = RunSluice("gen --out " + world + " --scale tiny --seed 3");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::string args = "scan --quiet " + world + "/events.jsonl.zst " + world + "/claims.jsonl --pages " +
                     world + "/pages --db " + dir.Path("cases.db") + " --out ";
  auto a = RunSluice(args + dir.Path("a"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  std::string first = ReadFile(dir.Path("a/summary.json"));
  size_t at = first.find("\"cases_this_scan\":{\"opened\":");
  ASSERT_NE(at, std::string::npos) << first;
  EXPECT_EQ(first.find("\"cases_this_scan\":{\"opened\":0,"), std::string::npos) << "the first scan opens cases";
  auto b = RunSluice(args + dir.Path("b"));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::string second = ReadFile(dir.Path("b/summary.json"));
  EXPECT_NE(second.find("\"cases_this_scan\":{\"opened\":0,"), std::string::npos) << second;
  // The store's figures are those of the first scan: no case was added.
  auto figures = [](const std::string& s) { return s.substr(s.find("\"cases\":{\"total\""), s.find(",\"timeline\"") - s.find("\"cases\":{\"total\"")); };
  EXPECT_EQ(figures(first), figures(second));
  EXPECT_EQ(ReadFile(dir.Path("a/findings.jsonl")), ReadFile(dir.Path("b/findings.jsonl")));
  auto verify = RunSluice("cases verify --db " + dir.Path("cases.db"));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(CliScanTest, ScoringConfigErrorsNameTheKeyAndTheFile) {
  ScratchDir dir;
  std::string world = dir.Path("world");
  auto gen = RunSluice("gen --out " + world + " --scale tiny --seed 7");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  struct Case {
    std::string config, error;
  } cases[] = {
      {R"({"signals":{"coord.lockstep":{"weight":"heavy"}}})", ": signals.coord.lockstep.weight: expected a number"},
      {R"({"signals":{"coord.lockstepp":{"weight":1}}})", ": signals.coord.lockstepp: unknown signal"},
      {R"({"thresholds":{"rumour":3}})", ": thresholds.rumour: not a finding label"},
  };
  for (const Case& c : cases) {
    std::string config = dir.Path("my.json");
    testing::WriteFile(config, c.config);
    auto r = RunSluice("scan --quiet " + world + "/events.jsonl.zst --config " + config + " --out " + dir.Path("out"));
    EXPECT_EQ(r.exit_code, 2) << c.config;
    EXPECT_NE(r.err.find("sluice scan: " + config + c.error), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path("out/findings.jsonl")));
  }
  // A weight from the user's file is the weight findings carry.
  testing::WriteFile(dir.Path("my.json"), R"({"signals":{"rumor.claim_match":{"weight":9.5}}})");
  auto r = RunSluice("scan --quiet " + world + "/events.jsonl.zst " + world + "/claims.jsonl --config " +
                     dir.Path("my.json") + " --out " + dir.Path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(dir.Path("out/findings.jsonl")).find("{\"name\":\"rumor.claim_match\",\"weight\":9.5,"),
            std::string::npos);
}

// A case's reach counts an account once however many of the case's posts it reached.
TEST(CliScanTest, CaseReachCountsEachAccountOnce) {
  ScratchDir dir;
  const std::string claim = "南昌自來水廠被人投毒，12小時內千萬不要喝自來水，已有421人送進ICU";
  std::string events =
      "{\"type\":\"claim\",\"id\":\"c1\",\"text\":\"" + claim + "\"}\n"
      "{\"type\":\"account\",\"id\":\"a1\",\"platform\":\"weibo\",\"created_at\":1594598132}\n"
      "{\"type\":\"account\",\"id\":\"a2\",\"platform\":\"weibo\",\"created_at\":1594598132}\n"
      "{\"type\":\"account\",\"id\":\"r1\",\"platform\":\"weibo\",\"created_at\":1594598132}\n"
      "{\"type\":\"account\",\"id\":\"r2\",\"platform\":\"weibo\",\"created_at\":1594598132}\n"
      "{\"type\":\"post\",\"id\":\"p1\",\"account\":\"a1\",\"time\":1714493090,\"text\":\"" + claim + "\"}\n"
      "{\"type\":\"post\",\"id\":\"p2\",\"account\":\"a2\",\"time\":1714493190,\"text\":\"" + claim + "\"}\n"
      "{\"type\":\"engagement\",\"account\":\"r1\",\"target\":\"p1\",\"kind\":\"like\",\"time\":1714493423}\n"
      "{\"type\":\"engagement\",\"account\":\"r1\",\"target\":\"p2\",\"kind\":\"like\",\"time\":1714493424}\n"
      "{\"type\":\"engagement\",\"account\":\"r2\",\"target\":\"p1\",\"kind\":\"repost\",\"time\":1714493425}\n";
  testing::WriteFile(dir.Path("events.jsonl"), events);
  auto r = RunSluice("scan --quiet " + dir.Path("events.jsonl") + " --db " + dir.Path("cases.db") +
                     " --out " + dir.Path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string findings = ReadFile(dir.Path("out/findings.jsonl"));
  EXPECT_NE(findings.find("\"id\":\"p1\",\"label\":\"rumor\""), std::string::npos) << findings;
  EXPECT_NE(findings.find("\"platform\":\"weibo\",\"account\":\"a1\",\"reach\":{\"accounts\":2,\"reposts\":1,\"engagement\":1}"),
            std::string::npos) << findings;
  // Both posts fall in one hour, and both are rumors.
  EXPECT_NE(ReadFile(dir.Path("out/summary.json")).find("\"rows\":[[\"2024-04-30T16:00:00Z\",2,2,0,0,0]]"),
            std::string::npos);
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open_v2(dir.Path("cases.db").c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h, "SELECT reach_accounts, reach_reposts, reach_engagement, items FROM cases "
                                  "WHERE key = 'rumor:claim:c1'", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);  // r1 and r2; the sum over the posts would say 3
  EXPECT_EQ(sqlite3_column_int(st, 1), 1);
  EXPECT_EQ(sqlite3_column_int(st, 2), 2);
  EXPECT_EQ(sqlite3_column_int(st, 3), 2);
  sqlite3_finalize(st);
  sqlite3_close(h);
}

TEST(CliScanTest, MissingInputIsUnusableAndWritesNothing) {
  ScratchDir dir;
  auto r = RunSluice("scan " + dir.Path("nope.jsonl") + " --out " + dir.Path("out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nope.jsonl: no such file"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out/findings.jsonl")));
}

// A bad claims file or narratives configuration names the file (and the line) and writes nothing.
TEST(CliScanTest, BadClaimsFileOrNarrativeConfigIsUnusableAndWritesNothing) {
  ScratchDir dir;
  std::string world = dir.Path("world");
  auto gen = RunSluice("gen --out " + world + " --scale tiny --seed 7");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::string claims = dir.Path("claims.jsonl");
  testing::WriteFile(claims, "{\"id\":\"c1\",\"text\":\"自来水厂被人投毒大家不要喝自来水\"}\nnot json\n");
  auto r = RunSluice("scan --quiet " + world + "/events.jsonl.zst --claims " + claims + " --out " +
                     dir.Path("out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sluice scan: " + claims + ":2: not valid JSON"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out/findings.jsonl")));
  std::string narr = dir.Path("narr.json");
  testing::WriteFile(narr, R"({"root_similarity": 2})");
  r = RunSluice("scan --quiet " + world + "/events.jsonl.zst --narr-config " + narr + " --out " +
                dir.Path("out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(narr + ": 'root_similarity' must be a number between 0 and 1"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out/findings.jsonl")));
}

}  // namespace
}  // namespace sluice
