// `sluice gen` as a user runs it: exit codes, error lines, and the files it leaves.
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace {
namespace fs = std::filesystem;

struct CommandRun {
  int code = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class GenCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("SLUICE_BIN");
    if (bin == nullptr) GTEST_SKIP() << "SLUICE_BIN is not set (run through ctest)";
    bin_ = bin;
    std::string tmpl = (fs::temp_directory_path() / "sluice-gen-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  CommandRun Sluice(const std::string& args) {
    std::string cmd = bin_ + " " + args + " >" + (dir_ / "stdout").string() + " 2>" +
                      (dir_ / "stderr").string();
    CommandRun r;
    int status = std::system(cmd.c_str());
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(dir_ / "stdout");
    r.err = Slurp(dir_ / "stderr");
    return r;
  }
  std::string bin_;
  fs::path dir_;
};

TEST_F(GenCommandTest, WritesTheWorldAndSaysWhat) {
  CommandRun r = Sluice("gen --out " + (dir_ / "w").string() + " --scale tiny --seed 4");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("events: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("events/s"), std::string::npos) << r.out;
  for (const char* f : {"events.jsonl.zst", "claims.jsonl", "truth.jsonl", "pages/p000001.txt"})
    EXPECT_TRUE(fs::exists(dir_ / "w" / f)) << f;
  CommandRun v = Sluice("validate " + (dir_ / "w" / "events.jsonl.zst").string() + " " +
                 (dir_ / "w" / "claims.jsonl").string());
  EXPECT_EQ(v.code, 0) << v.out;  // no rejects
}

TEST_F(GenCommandTest, UnknownConfigKeyIsAnErrorNamingKeyAndFile) {
  fs::path cfg = dir_ / "sim.json";
  std::ofstream(cfg) << R"({"claims": 3, "camouflage": 2})";
  CommandRun r = Sluice("gen --out " + (dir_ / "w").string() + " --scale tiny --config " + cfg.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sluice gen: " + cfg.string() + ": unknown key 'camouflage'\n");
  EXPECT_FALSE(fs::exists(dir_ / "w" / "events.jsonl.zst"));
}

TEST_F(GenCommandTest, BadScaleAndMissingOutAreUsageErrors) {
  CommandRun r = Sluice("gen --out " + (dir_ / "w").string() + " --scale huge");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("sluice gen: --scale: 'huge'"), std::string::npos) << r.err;
  r = Sluice("gen --scale tiny");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  fs::path cfg = dir_ / "big.json";
  std::ofstream(cfg) << R"({"campus_groups": 1000})";
  r = Sluice("gen --out " + (dir_ / "w").string() + " --scale tiny --config " + cfg.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("sluice gen: " + cfg.string() + ": accounts is", 0), 0u) << r.err;
}

TEST_F(GenCommandTest, PrintConfigShowsTheEffectiveParameters) {
  fs::path cfg = dir_ / "sim.json";
  std::ofstream(cfg) << R"({"camouflage_ratio": 3})";
  CommandRun r = Sluice("gen --scale tiny --print-config --config " + cfg.string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"camouflage_ratio\":3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"accounts\":550"), std::string::npos) << r.out;
}

}  // namespace
