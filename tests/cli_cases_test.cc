// `sluice cases` as a user runs it: exit codes, one-line errors, re-ingest without duplicates,
// a decision stream killed mid-way, tampering found by verify, byte-stable exports.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ReadFile;
using testing::RunSluice;
using testing::ScratchDir;
using testing::WriteFile;

const std::string kFindings = std::string(SLUICE_SOURCE_DIR) + "/tests/data/cases/findings.jsonl";

void Sql(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  sqlite3_close(h);
}

int64_t Count(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return -1;
  sqlite3_busy_timeout(h, 5000);
  sqlite3_stmt* s = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(h);
  return n;
}

std::string Db(const ScratchDir& dir) { return "--db " + dir.Path("c.db") + " "; }

TEST(CliCasesTest, IngestTwiceOpensNoDuplicateCase) {
  ScratchDir dir;
  auto a = RunSluice("cases ingest " + Db(dir) + "--at 2024-05-01T08:00:00Z " + kFindings);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("6 cases opened"), std::string::npos) << a.out;
  auto b = RunSluice("cases ingest " + Db(dir) + "--at 2024-05-02T08:00:00Z " + kFindings);
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.out.find("0 cases opened, 0 updated (0 reopened); 0 items added, 0 changed, 11 unchanged"),
            std::string::npos)
      << b.out;
  EXPECT_EQ(Count(dir.Path("c.db"), "SELECT count(*) FROM cases"), 6);
  auto list = RunSluice("cases list " + Db(dir));
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 7) << list.out;
  EXPECT_LT(list.out.find("rumor:claim:c1"), list.out.find("spam:page:x.txt")) << list.out;
}

TEST(CliCasesTest, ErrorsAreOneLineAndExitTwo) {
  ScratchDir dir;
  ASSERT_EQ(RunSluice("cases ingest " + Db(dir) + kFindings).exit_code, 0);
  WriteFile(dir.Path("bad.json"), R"({"signals": {"coord.lockstep": {"weight": "x"}}})");
  WriteFile(dir.Path("bad.jsonl"), "{\"subject\":\"post\"}\n");
  struct Case {
    std::string args, message;
  } cases[] = {
      {"cases list --db " + dir.Path("none.db"), "none.db: no such case database"},
      {"cases ingest " + Db(dir) + dir.Path("bad.jsonl"), "bad.jsonl:1: missing 'id'"},
      {"cases ingest " + Db(dir) + "--config " + dir.Path("bad.json") + " " + kFindings,
       "bad.json: signals.coord.lockstep.weight: expected a number"},
      {"cases show " + Db(dir) + "99", "no case 99"},
      {"cases decide " + Db(dir) + "--case 6 --action limit --reviewer r --reason x", "the policy or legal basis is required"},
      {"cases decide " + Db(dir) + "--case 6 --action limit --reviewer r --reason x --basis b --subject user:1",
       "--subject 'user:1' must be account:ID, post:ID or page:ID"},
      {"cases decide " + Db(dir) + "--case 6 --action limit --reviewer r --reason x --basis b --at yesterday",
       "--at: 'yesterday' is not an RFC 3339 time"},
      {"cases decide " + Db(dir) + "--case 6 --action limit --reviewer r --reason x --basis b --at 99999999999999999999",
       "--at: '99999999999999999999' is not an RFC 3339 time or Unix seconds (1970 to 2100)"},
      {"cases verify " + Db(dir) + "--anchor 99999999999999999999999:" + std::string(64, 'a'), "must be SEQ:HASH"},
      {"cases appeal " + Db(dir) + "--decision 1 --by u --reason x", "no decision 1"},
      {"cases verify " + Db(dir) + "--anchor 3:abc", "--anchor '3:abc' must be SEQ:HASH"},
      {"cases ingest --db " + dir.path().string() + " " + kFindings, "is a directory"},
  };
  for (const Case& c : cases) {
    auto r = RunSluice(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("sluice cases: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  EXPECT_EQ(RunSluice("cases decide " + Db(dir) + "--case 6 --action ban").exit_code, 2);
  EXPECT_EQ(RunSluice("cases").exit_code, 2);
}

TEST(CliCasesTest, DecisionStreamStopsAtTheFirstBadLine) {
  ScratchDir dir;
  ASSERT_EQ(RunSluice("cases ingest " + Db(dir) + kFindings).exit_code, 0);
  WriteFile(dir.Path("d.jsonl"),
            R"({"case":6,"action":"suspend_account","reviewer":"a","reason":"r","basis":"b","platform":"weibo","at":"2024-05-01T09:00:00Z"})" "\n"
            R"({"case":2,"action":"remove_post","reviewer":"a","reason":"r","basis":"b","subjects":["post:p1"],"at":1714554000})" "\n"
            R"({"case":2,"action":"remove_post","reviewer":"a","reason":"r","basis":"b","subjects":["post:p9"]})" "\n"
            R"({"case":5,"action":"limit","reviewer":"a","reason":"r","basis":"b"})" "\n");
  auto r = RunSluice("cases decide " + Db(dir) + "--from " + dir.Path("d.jsonl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("d.jsonl:3: post 'p9' is not something remove_post can apply to in case 2 "
                       "(2 decisions before it recorded)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "decision 1: suspend_account on case 6 (3 targets)\ndecision 2: remove_post on case 2 (1 target)\n");
  EXPECT_EQ(Count(dir.Path("c.db"), "SELECT count(*) FROM decisions"), 2);
}

TEST(CliCasesTest, VerifyExitsOneOnTampering) {
  ScratchDir dir;
  std::string db = dir.Path("c.db");
  ASSERT_EQ(RunSluice("cases ingest " + Db(dir) + kFindings).exit_code, 0);
  ASSERT_EQ(RunSluice("cases decide " + Db(dir) + "--case 6 --action limit --reviewer r --reason x --basis b").exit_code, 0);
  auto ok = RunSluice("cases verify " + Db(dir));
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("ok: 8 audit entries"), std::string::npos) << ok.out;
  std::string anchor = ok.out.substr(ok.out.find("head ") + 5, 67);
  auto anchored = RunSluice("cases verify " + Db(dir) + "--anchor " + anchor);
  EXPECT_EQ(anchored.exit_code, 0) << anchored.out << anchored.err;
  Sql(db, "UPDATE audit SET entry = replace(entry, '\"limit\"', '\"dismiss\"') WHERE seq = 8");
  auto bad = RunSluice("cases verify " + Db(dir));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("FAILED: " + db + ": entry 8: its content does not match its hash (edited)"),
            std::string::npos)
      << bad.out;
}

TEST(CliCasesTest, ExportsAreByteStable) {
  ScratchDir a, b;
  for (const ScratchDir* d : {&a, &b}) {
    ASSERT_EQ(RunSluice("cases ingest " + Db(*d) + "--at 1714550400 " + kFindings).exit_code, 0);
    ASSERT_EQ(RunSluice("cases decide " + Db(*d) +
                        "--case 2 --action remove_post --reviewer r --reason 'a, \"b\"' --basis b --at 1714551000 "
                        "--platform weibo --platform-acted 1714552000")
                  .exit_code,
              0);
  }
  for (std::string fmt : {"csv", "jsonl"})
    for (std::string what : {"cases", "decisions"}) {
      std::string args = "cases export --format " + fmt + " --what " + what + " ";
      auto x = RunSluice(args + Db(a));
      auto y = RunSluice(args + Db(b) + "--out " + b.Path("out"));
      ASSERT_EQ(x.exit_code, 0) << x.err;
      ASSERT_EQ(y.exit_code, 0) << y.err;
      EXPECT_FALSE(x.out.empty());
      EXPECT_EQ(x.out, ReadFile(b.Path("out"))) << fmt << " " << what;
    }
  auto s = RunSluice("cases summary --json " + Db(a));
  ASSERT_EQ(s.exit_code, 0);
  EXPECT_EQ(s.out, RunSluice("cases summary --json " + Db(b)).out);
  EXPECT_NE(s.out.find("\"weibo\":{\"notices\":1,\"acted\":1,\"pending\":0,\"pending_items\":0,\"withdrawn\":0,"
                       "\"latency_seconds\":{\"median\":1000,\"mean\":1000,\"max\":1000}}"),
            std::string::npos)
      << s.out;
}

TEST(CliCasesTest, KilledDecisionStreamLeavesAVerifiableStore) {
  const char* bin = std::getenv("SLUICE_BIN");
  ASSERT_NE(bin, nullptr);
  ScratchDir dir;
  std::string db = dir.Path("c.db");
  std::string findings, stream;
  for (int i = 0; i < 800; ++i)
    findings += "{\"subject\":\"account\",\"id\":\"a" + std::to_string(i) +
                "\",\"label\":\"water_army\",\"score\":5,\"group\":\"g\",\"signals\":[{\"name\":\"coord.lockstep\",\"weight\":5,\"evidence\":{}}]}\n";
  for (int i = 0; i < 2000; ++i)
    stream += "{\"case\":1,\"action\":\"" + std::string(i % 2 ? "limit" : "suspend_account") +
              "\",\"reviewer\":\"r\",\"reason\":\"n" + std::to_string(i) + "\",\"basis\":\"b\",\"platform\":\"weibo\"}\n";
  WriteFile(dir.Path("f.jsonl"), findings);
  WriteFile(dir.Path("d.jsonl"), stream);
  ASSERT_EQ(RunSluice("cases ingest --db " + db + " " + dir.Path("f.jsonl")).exit_code, 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execl(bin, bin, "cases", "decide", "--db", db.c_str(), "--from", dir.Path("d.jsonl").c_str(), nullptr);
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (Count(db, "SELECT count(*) FROM decisions") < 5 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the stream ended before the kill";
  auto v = RunSluice("cases verify --db " + db);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  int64_t n = Count(db, "SELECT count(*) FROM decisions");
  EXPECT_GE(n, 5);
  EXPECT_LT(n, 2000);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM decision_targets"), n * 800);
}

}  // namespace
}  // namespace sluice
