// `sluice clean` as a user runs it: cleaned text on stdout or in --out, --json spans in code
// points of the input (HTML included), --findings, exit codes and one-line errors.
#include <gtest/gtest.h>

#include <algorithm>

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

std::string Page(const std::string& name) {
  return std::string(SLUICE_SOURCE_DIR) + "/tests/data/spam/pages/" + name;
}

// The code points [b, e) of `s`, as UTF-8.
std::string Cut(const std::string& s, size_t b, size_t e) {
  std::string out;
  size_t cp = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    bool lead = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (lead && i > 0) ++cp;
    if (cp >= b && cp < e) out.push_back(s[i]);
  }
  return out;
}

size_t Number(const std::string& json, const std::string& key, size_t from = 0) {
  size_t at = json.find("\"" + key + "\":", from);
  if (at == std::string::npos) return std::string::npos;
  return std::stoul(json.substr(at + key.size() + 3));
}

TEST(CliCleanTest, SpamPageCleansToExpectedAndExitsOne) {
  auto r = RunSluice("clean " + Page("trailer_pipe.txt"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, ReadFile(Page("trailer_pipe.expected.txt")));
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliCleanTest, CleanPageComesOutUnchangedAndExitsZero) {
  auto r = RunSluice("clean " + Page("news_mentions_flagged_words.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(Page("news_mentions_flagged_words.txt")));
}

TEST(CliCleanTest, JsonListsSpansInCodePointsOfTheInput) {
  std::string input = ReadFile(Page("trailer_pipe.txt"));
  auto r = RunSluice("clean --json " + Page("trailer_pipe.txt"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  size_t start = Number(r.out, "start"), end = Number(r.out, "end");
  ASSERT_NE(start, std::string::npos) << r.out;
  std::string block = Cut(input, start, end);
  EXPECT_EQ(block.rfind("热门搜索：", 0), 0u) << block;
  EXPECT_EQ(block.substr(block.size() - 1), "|") << block;
  EXPECT_NE(r.out.find("\"category\":\""), std::string::npos);
  EXPECT_NE(r.out.find("\"name\":\"lexicon_link_farm\""), std::string::npos);
  auto again = RunSluice("clean --json " + Page("trailer_pipe.txt"));
  EXPECT_EQ(again.out, r.out);  // deterministic
}

TEST(CliCleanTest, HtmlSpansPointIntoTheMarkup) {
  std::string html = ReadFile(Page("html_link_list.html"));
  auto r = RunSluice("clean --json " + Page("html_link_list.html"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"format\":\"html\""), std::string::npos);
  std::string block = Cut(html, Number(r.out, "start"), Number(r.out, "end"));
  EXPECT_EQ(block.rfind("热门搜索：<a href=\"/s/1\">午夜影院在线看</a>", 0), 0u) << block;
  EXPECT_EQ(block.substr(block.size() - std::string("破解版游戏全集下载").size()), "破解版游戏全集下载")
      << block;
  auto text = RunSluice("clean " + Page("html_link_list.html"));
  EXPECT_EQ(text.out, ReadFile(Page("html_link_list.expected.txt")));
}

TEST(CliCleanTest, OutDirGetsOneFilePerInputAndFindings) {
  ScratchDir dir;
  auto r = RunSluice("clean --out " + dir.Path("clean") + " --findings " + dir.Path("f.jsonl") +
                     " " + Page("trailer_pipe.txt") + " " + Page("clean_page_with_navigation.txt"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(ReadFile(dir.Path("clean/trailer_pipe.txt")), ReadFile(Page("trailer_pipe.expected.txt")));
  EXPECT_EQ(ReadFile(dir.Path("clean/clean_page_with_navigation.txt")),
            ReadFile(Page("clean_page_with_navigation.txt")));
  std::string f = ReadFile(dir.Path("f.jsonl"));
  EXPECT_EQ(f.rfind(R"({"subject":"page","id":"trailer_pipe.txt","label":"spam","spans":[[)", 0), 0u) << f;
  EXPECT_EQ(std::count(f.begin(), f.end(), '\n'), 1) << f;  // the clean page has no finding
}

TEST(CliCleanTest, ReadsStdin) {
  auto r = RunSluice("clean", Page("trailer_pipe.txt"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, ReadFile(Page("trailer_pipe.expected.txt")));
}

TEST(CliCleanTest, UnusableInputsExitTwoWithOneLine) {
  ScratchDir dir;
  auto missing = RunSluice("clean " + dir.Path("nope.txt"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "sluice clean: " + dir.Path("nope.txt") + ": cannot read\n");

  WriteFile(dir.Path("bad.json"), R"({"signals": {"trailer": {"wieght": 1}}})");
  auto config = RunSluice("clean --config " + dir.Path("bad.json") + " " + Page("trailer_pipe.txt"));
  EXPECT_EQ(config.exit_code, 2);
  EXPECT_EQ(config.err,
            "sluice clean: " + dir.Path("bad.json") + ": unknown key 'signals.trailer.wieght'\n");

  std::filesystem::create_directories(dir.Path("a"));
  std::filesystem::create_directories(dir.Path("b"));
  WriteFile(dir.Path("a/p.txt"), "x\n");
  WriteFile(dir.Path("b/p.txt"), "y\n");
  auto clash = RunSluice("clean --out " + dir.Path("o") + " " + dir.Path("a/p.txt") + " " +
                         dir.Path("b/p.txt"));
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_NE(clash.err.find("two inputs would write the same file p.txt"), std::string::npos)
      << clash.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("o/p.txt")));

  auto format = RunSluice("clean --format pdf " + Page("trailer_pipe.txt"));
  EXPECT_EQ(format.exit_code, 2);
}

}  // namespace
}  // namespace sluice
