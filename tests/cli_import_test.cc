// `sluice import ced` as a user runs it, on a fixture the test writes (invented texts).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/output_stream.h"
#include "core/test_util.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using testing::RunSluice;

void WriteZst(const fs::path& p, const std::string& text) {
  OutputStream out;
  ASSERT_TRUE(out.Open(p.string()).ok());
  ASSERT_TRUE(out.Write(text).ok());
  ASSERT_TRUE(out.Commit().ok());
}

class CliImportCed : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::SluiceBinary().empty()) GTEST_SKIP() << "SLUICE_BIN is not set; run through ctest";
    dir_ = fs::temp_directory_path() / ("sluice_cli_import_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "ced");
    WriteZst(dir_ / "ced" / "originals.jsonl.zst",
             R"({"mid":"S1","uid":"1","label":"rumor","time":1400000000,"text":"编的原帖","user":{"verified":false,"followers":3,"friends":4,"time":1300000000}})"
             "\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Reposts(const std::string& text) { WriteZst(dir_ / "ced" / "reposts.jsonl.zst", text); }
  fs::path dir_;
};

TEST_F(CliImportCed, CleanInputExitsZeroAndValidates) {
  Reposts(R"({"root":"S1","mid":"R1","uid":"2","parent":"","text":"","date":"2014-05-13 23:00:00"})" "\n");
  std::string out = (dir_ / "events.jsonl.zst").string();
  testing::RunResult r = RunSluice({"import", "ced", (dir_ / "ced").string(), "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("reposts                  1"), std::string::npos) << r.out;
  testing::RunResult v = RunSluice({"validate", out});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("account 2  post 2  engagement 1"), std::string::npos) << v.out;
}

TEST_F(CliImportCed, BadLinesAreReportedCountedAndLeftOut) {
  Reposts(R"({"root":"S1","mid":"R1","uid":"2","parent":"","text":"","date":"2014-05-13 23:00:00"})" "\n"
          "{broken\n"
          R"({"root":"S1","mid":"R2","uid":"3","parent":"R1","text":"x","date":"2014-05-14 01:00:00"})" "\n");
  std::string out = (dir_ / "events.jsonl").string();
  std::string rejects = (dir_ / "rejects.jsonl").string();
  testing::RunResult r = RunSluice(
      {"import", "ced", (dir_ / "ced").string(), "--out", out, "--rejects", rejects});
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  std::string reposts = (dir_ / "ced" / "reposts.jsonl.zst").string();
  EXPECT_NE(r.out.find(reposts + ":2  invalid_json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rejected lines: 1"), std::string::npos) << r.out;
  std::ifstream in(rejects);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line.rfind("{\"file\":\"" + reposts + "\",\"line\":2,\"reason\":\"invalid_json\"", 0), 0u)
      << line;
  testing::RunResult v = RunSluice({"validate", out});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("account 3  post 3  engagement 2"), std::string::npos) << v.out;
}

TEST_F(CliImportCed, UnusableInputExitsTwoAndWritesNothing) {
  std::string out = (dir_ / "events.jsonl").string();
  testing::RunResult r = RunSluice({"import", "ced", (dir_ / "ced").string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sluice import ced: " + (dir_ / "ced" / "reposts.jsonl.zst").string() +
                       ": no such file\n");
  EXPECT_FALSE(fs::exists(out));

  r = RunSluice({"import", "ced", (dir_ / "nowhere").string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sluice import ced: " + (dir_ / "nowhere").string() + ": no such directory\n");

  r = RunSluice({"import", "ced", (dir_ / "ced" / "originals.jsonl.zst").string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a directory"), std::string::npos) << r.err;

  r = RunSluice({"import", "ced", (dir_ / "ced").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace sluice
