#include "core/output_stream.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class OutputStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sluice_output_stream_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// Enough lines to span several compression blocks.
std::string Lines() {
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "{\"type\":\"post\",\"id\":\"" + std::to_string(i) + "\"}\n";
  return s;
}

TEST_F(OutputStreamTest, ZstPathIsCompressedAndRoundTrips) {
  std::string data = Lines();
  fs::path p = dir_ / "out.jsonl.zst";
  OutputStream out;
  ASSERT_TRUE(out.Open(p.string()).ok());
  EXPECT_TRUE(out.compressed());
  for (size_t i = 0; i < data.size(); i += 777) ASSERT_TRUE(out.Write(data.substr(i, 777)).ok());
  EXPECT_FALSE(fs::exists(p)) << "the file must not appear before Commit";
  ASSERT_TRUE(out.Commit().ok());
  std::string z = Slurp(p);
  ASSERT_LT(z.size(), data.size() / 4);
  unsigned long long n = ZSTD_getFrameContentSize(z.data(), z.size());
  std::string back(data.size(), '\0');
  size_t got = ZSTD_decompress(back.data(), back.size(), z.data(), z.size());
  ASSERT_FALSE(ZSTD_isError(got)) << ZSTD_getErrorName(got) << " frame size " << n;
  back.resize(got);
  EXPECT_EQ(back, data);
}

TEST_F(OutputStreamTest, PlainPathIsPlainAndSameBytesGiveSameFile) {
  std::string data = Lines();
  for (const char* name : {"a.jsonl", "b.jsonl", "a.jsonl.zst", "b.jsonl.zst"}) {
    OutputStream out;
    ASSERT_TRUE(out.Open((dir_ / name).string()).ok());
    ASSERT_TRUE(out.Write(data).ok());
    ASSERT_TRUE(out.Commit().ok());
  }
  EXPECT_EQ(Slurp(dir_ / "a.jsonl"), data);
  EXPECT_EQ(Slurp(dir_ / "a.jsonl"), Slurp(dir_ / "b.jsonl"));
  EXPECT_EQ(Slurp(dir_ / "a.jsonl.zst"), Slurp(dir_ / "b.jsonl.zst"));
}

TEST_F(OutputStreamTest, AbandonedOutputLeavesNothing) {
  fs::path p = dir_ / "gone.jsonl.zst";
  {
    OutputStream out;
    ASSERT_TRUE(out.Open(p.string()).ok());
    ASSERT_TRUE(out.Write(Lines()).ok());
  }
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(OutputStreamTest, UnwritableDirectoryIsAnError) {
  OutputStream out;
  Status st = out.Open((dir_ / "no" / "such" / "dir.jsonl").string());
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot write"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace sluice
