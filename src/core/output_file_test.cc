#include "core/output_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice {
namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sluice_out_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(OutputFileTest, AppearsOnlyOnCommit) {
  std::string path = (dir_ / "a.jsonl").string();
  OutputFile f;
  ASSERT_TRUE(f.Open(path).ok());
  ASSERT_TRUE(f.Write("hello\n").ok());
  EXPECT_FALSE(fs::exists(path));
  ASSERT_TRUE(f.Commit().ok());
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "hello\n");
}

TEST_F(OutputFileTest, AbandonLeavesNothing) {
  std::string path = (dir_ / "b.jsonl").string();
  {
    OutputFile f;
    ASSERT_TRUE(f.Open(path).ok());
    ASSERT_TRUE(f.Write("partial").ok());
  }  // destroyed uncommitted
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(OutputFileTest, UnwritableDirectoryIsAnError) {
  OutputFile f;
  Status st = f.Open((dir_ / "missing" / "c.jsonl").string());
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("c.jsonl"), std::string::npos);
}

}  // namespace sluice
