// Runs `sluice match` and `sluice claims` the way a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct Outcome {
  int code = -1;
  std::string out, err;
};

std::string Bin() {
  const char* b = std::getenv("SLUICE_BIN");
  return b != nullptr ? b : "sluice";
}

std::string Tmp(const std::string& name) {
  return ::testing::TempDir() + "/cli_match_" + std::to_string(::getpid()) + "_" + name;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the sluice binary with `args` (shell words) and optional stdin text.
Outcome Sluice(const std::string& args, const std::string& stdin_text = "") {
  std::string in = Tmp("stdin"), out = Tmp("stdout"), err = Tmp("stderr");
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = Bin() + " " + args + " <" + in + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  Outcome r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  std::remove(in.c_str());
  std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

std::string Data(const std::string& name) {
  return std::string(SLUICE_SOURCE_DIR) + "/tests/data/rumor/" + name;
}

TEST(CliMatchTest, ListsMatchesAndExitsOneWhenFound) {
  Outcome r = Sluice("match --claims " + Data("claims.jsonl") + " " + Data("posts.jsonl"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("p-trad\tc1\trumor"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("n-debunk"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("27 posts, 16 flagged"), std::string::npos) << r.err;
}

TEST(CliMatchTest, PlainLinesFromStdinAndExitZeroWhenNothingFound) {
  Outcome r = Sluice("match --claims " + Data("claims.jsonl") + " --json", "今天天气很好\n\n出去走走\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = Sluice("match --claims " + Data("claims.jsonl") + " --json -",
             "无关\n疫苗接种后三天之内不能洗澡，否则会引起严重感染\n");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out.rfind("{\"post\":\"-:2\",\"claim\":\"c3\",\"flagged\":true,", 0), 0u) << r.out;
}

TEST(CliMatchTest, WritesSortedFindings) {
  std::string events = Tmp("events.jsonl"), findings = Tmp("findings.jsonl");
  std::ofstream(events)
      << "{\"type\":\"account\",\"id\":\"u1\",\"platform\":\"weibo\",\"created_at\":0}\n"
         "{\"type\":\"post\",\"id\":\"b\",\"account\":\"u1\",\"time\":1,\"text\":\"喝板藍根可以預防新冠病毒，大家趕緊去藥店買\"}\n"
         "{\"type\":\"post\",\"id\":\"a\",\"account\":\"u1\",\"time\":2,\"text\":\"转发：5G基站的辐射会传播新冠病毒，千万不要靠近基站！\"}\n"
         "{\"type\":\"post\",\"id\":\"c\",\"account\":\"u1\",\"time\":3,\"text\":\"辟谣：5G基站的辐射会传播新冠病毒？不实\"}\n"
         "{\"type\":\"engagement\",\"account\":\"u1\",\"target\":\"a\",\"kind\":\"like\",\"time\":4}\n";
  Outcome r = Sluice("match --claims " + Data("claims.jsonl") + " --events " + events + " --findings " + findings);
  EXPECT_EQ(r.code, 1) << r.err;
  std::string f = Slurp(findings);
  std::istringstream lines(f);
  std::string l1, l2, l3;
  std::getline(lines, l1);
  std::getline(lines, l2);
  EXPECT_FALSE(std::getline(lines, l3)) << f;
  EXPECT_EQ(l1.rfind("{\"subject\":\"post\",\"id\":\"a\",\"label\":\"rumor\",\"claim\":\"c2\",\"score\":1,", 0), 0u) << l1;
  EXPECT_EQ(l2.rfind("{\"subject\":\"post\",\"id\":\"b\",\"label\":\"rumor\",\"claim\":\"c1\",", 0), 0u) << l2;
  EXPECT_NE(l2.find("\"normalizations\":[\"trad_simp\"]"), std::string::npos) << l2;
  EXPECT_NE(r.err.find("2 other records skipped"), std::string::npos) << r.err;
  // Same input, same bytes.
  Outcome again = Sluice("match --claims " + Data("claims.jsonl") + " --events " + events + " --findings " + findings);
  EXPECT_EQ(Slurp(findings), f);
  std::remove(events.c_str());
  std::remove(findings.c_str());
}

TEST(CliMatchTest, BadInputIsNamed) {
  Outcome r = Sluice("match --claims /nonexistent/claims.jsonl -", "x\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sluice match: /nonexistent/claims.jsonl: no such file\n");
  std::string cfg = Tmp("bad.json");
  std::ofstream(cfg) << "{\"min_containment\": 2}";
  r = Sluice("match --claims " + Data("claims.jsonl") + " --config " + cfg + " -", "x\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sluice match: " + cfg + ": 'min_containment' must be a number between 0 and 1\n");
  std::remove(cfg.c_str());
  r = Sluice("match --claims " + Data("claims.jsonl") + " -", "{\"id\":\"x\"}\n{\"text\":\"y\"}\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("sluice match: -:1: missing field 'text'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sluice match: -:2: missing field 'id'"), std::string::npos) << r.err;
}

TEST(CliMatchTest, ClaimsDatabaseRoundTrip) {
  std::string db = Tmp("claims.db");
  std::remove(db.c_str());
  Outcome r = Sluice("claims import --db " + db + " " + Data("claims.jsonl"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = Sluice("claims remove --db " + db + " c3");
  EXPECT_EQ(r.code, 0) << r.err;
  r = Sluice("claims remove --db " + db + " c3");
  EXPECT_EQ(r.code, 1);
  r = Sluice("claims add --db " + db + " --id c9 --text 转发这条消息就能领取一百元红包");
  EXPECT_EQ(r.code, 0) << r.err;
  r = Sluice("claims list --db " + db);
  EXPECT_EQ(r.out.find("c3\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("c9\t转发这条消息就能领取一百元红包\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("c6\t[too short to match] 千万注意！！！"), std::string::npos) << r.out;
  r = Sluice("match --claims " + db + " -", "疫苗接种后三天之内不能洗澡，否则会引起严重感染\n转发这条消息就能领取一百元红包\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.find("\tc3\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-:2\tc9\trumor"), std::string::npos) << r.out;
  std::remove(db.c_str());
}

}  // namespace
