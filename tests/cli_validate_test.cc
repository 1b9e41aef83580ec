// `sluice validate` as a user runs it: exit codes, messages, the rejects file, stdin, JSON.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ReadFile;
using testing::RunSluice;
using testing::ScratchDir;
using testing::WriteFile;

const char* kGood =
    R"({"type":"account","id":"u1","platform":"weibo","created_at":1700000000})" "\n"
    R"({"type":"post","id":"p1","account":"u1","time":1714550400,"text":"hello"})" "\n";

TEST(CliValidateTest, CleanFileExitsZero) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), kGood);
  auto r = RunSluice("validate " + dir.Path("a.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("account 1  post 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rejected: 0"), std::string::npos) << r.out;
}

TEST(CliValidateTest, RejectsExitOneAndAreWrittenWithFileAndLine) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), std::string(kGood) + "{\"type\":\"post\",\"id\":\"p2\"}\n");
  auto r = RunSluice("validate --rejects " + dir.Path("rejects.jsonl") + " " + dir.Path("a.jsonl"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("a.jsonl:3  missing_field"), std::string::npos) << r.out;
  std::string rj = ReadFile(dir.Path("rejects.jsonl"));
  EXPECT_NE(rj.find("\"line\":3,\"reason\":\"missing_field\""), std::string::npos) << rj;
}

TEST(CliValidateTest, JsonReportIsDeterministic) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), std::string(kGood) + "oops\n");
  auto a = RunSluice("validate --json " + dir.Path("a.jsonl"));
  auto b = RunSluice("validate --json " + dir.Path("a.jsonl"));
  EXPECT_EQ(a.exit_code, 1);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"rejected\":{\"total\":1,\"by_reason\":{\"invalid_json\":1}}"), std::string::npos) << a.out;
}

TEST(CliValidateTest, ReadsStdin) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), kGood);
  auto r = RunSluice("validate -", dir.Path("a.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("post 1"), std::string::npos);
  auto none = RunSluice("validate", dir.Path("a.jsonl"));  // no file at all also means stdin
  EXPECT_EQ(none.exit_code, 0) << none.err;
}

TEST(CliValidateTest, StdinThroughAPipeGivesTheSameRejectsAsTheFile) {
  // A pipe hands its bytes over in short reads, so lines are cut between reads everywhere; the
  // bad lines must still be found on their own line numbers, as when the file is read.
  ScratchDir dir;
  std::string text;
  std::vector<int> bad;
  for (int i = 1; i <= 30000; ++i) {
    if (i % 997 == 0) {
      text += "{\"type\":\"engagement\",\"account\":\n";  // invalid JSON, cut short
      bad.push_back(i);
      continue;
    }
    text += R"({"type":"engagement","account":"u)" + std::to_string(i % 50) +
            R"(","target":"p1","kind":"like","time":)" + std::to_string(1714550400 + i) + "}\n";
  }
  WriteFile(dir.Path("a.jsonl"), text);
  auto file = RunSluice("validate --json --rejects " + dir.Path("from-file.jsonl") + " " + dir.Path("a.jsonl"));
  EXPECT_EQ(file.exit_code, 1) << file.err;
  const std::string cmd = "cat " + dir.Path("a.jsonl") + " | " + testing::SluiceBinary() +
                          " validate --json --rejects " + dir.Path("from-pipe.jsonl") + " - >" +
                          dir.Path("pipe.out");
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << cmd;
  EXPECT_EQ(WEXITSTATUS(status), 1);
  std::string from_file = ReadFile(dir.Path("from-file.jsonl"));
  std::string from_pipe = ReadFile(dir.Path("from-pipe.jsonl"));
  for (size_t at; (at = from_pipe.find("<stdin>")) != std::string::npos;)
    from_pipe.replace(at, 7, dir.Path("a.jsonl"));
  EXPECT_EQ(from_pipe, from_file);
  for (int line : bad)
    EXPECT_NE(from_file.find("\"line\":" + std::to_string(line) + ","), std::string::npos) << line;
  EXPECT_NE(ReadFile(dir.Path("pipe.out")).find("\"lines\":30000"), std::string::npos);
}

TEST(CliValidateTest, LineLimitOutOfRangeExitsTwoNamingTheOption) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), kGood);
  for (const char* limit : {"2000000000", "0"}) {
    auto r = RunSluice(std::string("validate --max-line-bytes ") + limit + " " + dir.Path("a.jsonl"));
    EXPECT_EQ(r.exit_code, 2) << limit;
    EXPECT_NE(r.err.find("--max-line-bytes"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << r.out;
  }
}

TEST(CliValidateTest, UnusableInputsExitTwoWithOneLineNamingTheFile) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), kGood);
  std::string z = testing::ZstdCompress(std::string(kGood) + std::string(kGood));
  WriteFile(dir.Path("cut.jsonl.zst"), z.substr(0, z.size() - 4));
  struct Case {
    std::string args, message;
  } cases[] = {
      {dir.Path("missing.jsonl"), "missing.jsonl: no such file"},
      {dir.path().string(), "is a directory"},
      {dir.Path("cut.jsonl.zst"), "cut.jsonl.zst: truncated zstd stream"},
  };
  for (const Case& c : cases) {
    auto r = RunSluice("validate --rejects " + dir.Path("rejects.jsonl") + " " + dir.Path("a.jsonl") +
                       " " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.Path("rejects.jsonl")));
  }
}

TEST(CliValidateTest, UnreadableFileIsUnusable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file; permission errors cannot be provoked";
  ScratchDir dir;
  WriteFile(dir.Path("secret.jsonl"), kGood);
  std::filesystem::permissions(dir.Path("secret.jsonl"), std::filesystem::perms::none);
  auto r = RunSluice("validate " + dir.Path("secret.jsonl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("secret.jsonl"), std::string::npos);
}

TEST(CliValidateTest, UsageErrorExitsTwo) {
  auto r = RunSluice("validate --no-such-flag");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace sluice
