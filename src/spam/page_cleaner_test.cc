#include "spam/page_cleaner.h"

#include <gtest/gtest.h>

#include "spam/normalizer.h"

namespace sluice::spam {
namespace {

// Offsets of `needle` in `text`, in code points.
CpSpan Find(std::string_view text, std::string_view needle) {
  size_t at = text.find(needle);
  std::vector<char32_t> a, b;
  DecodeUtf8(text.substr(0, at), &a);
  DecodeUtf8(needle, &b);
  return {static_cast<uint32_t>(a.size()), static_cast<uint32_t>(a.size() + b.size())};
}

TEST(PageCleanerTest, WholeLineGoesWithItsBreak) {
  std::string t = "标题\n\n正文。\n  甲|乙|丙|\n尾行\n";
  EXPECT_EQ(CleanText(t, {Find(t, "甲|乙|丙|")}), "标题\n\n正文。\n尾行\n");
}

TEST(PageCleanerTest, LastLineWithoutBreakKeepsThePreviousBreaks) {
  std::string t = "正文。\n\n      甲| 乙|";
  EXPECT_EQ(CleanText(t, {Find(t, "甲| 乙|")}), "正文。\n\n");
}

TEST(PageCleanerTest, BlockAfterTextOnTheSameLine) {
  std::string t = "正文结束。 甲|乙|丙\n下一行\n";
  EXPECT_EQ(CleanText(t, {Find(t, "甲|乙|丙")}), "正文结束。\n下一行\n");
}

TEST(PageCleanerTest, BlockBeforeTextOnTheSameLine) {
  std::string t = "  甲|乙|  正文开始。\n";
  EXPECT_EQ(CleanText(t, {Find(t, "甲|乙|")}), "  正文开始。\n");
}

TEST(PageCleanerTest, BlockInsideALine) {
  std::string t = "前文 甲|乙 后文\n";
  EXPECT_EQ(CleanText(t, {Find(t, "甲|乙")}), "前文  后文\n");
}

TEST(PageCleanerTest, MultiLineBlockAndMergedSpans) {
  std::string t = "正文。\n甲\n乙\n丙\n尾。\n";
  EXPECT_EQ(CleanText(t, {Find(t, "甲\n乙"), Find(t, "丙")}), "正文。\n尾。\n");
  EXPECT_EQ(CleanText(t, {}), t);
}

TEST(PageCleanerTest, InvalidBytesOutsideSpansSurvive) {
  std::string t = "a\xFF b|c\n";
  EXPECT_EQ(CleanText(t, {{3, 6}}), "a\xFF\n");
}

}  // namespace
}  // namespace sluice::spam
