#include "coord/copost_text.h"

#include <gtest/gtest.h>

#include <utility>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace sluice::coord {
namespace {

TEST(CopostTextTest, ToolkitNormalizeLowercasesStripsMentionsAndCollapsesSpace) {
  EXPECT_EQ(ToolkitNormalize("  Hello   @Bob  WORLD\t\n"), "hello world");
  EXPECT_EQ(ToolkitNormalize("RT @a:b text @c"), "rt text");
  // Full Unicode lowercasing and whitespace, as Python's str.lower() and str.split().
  EXPECT_EQ(ToolkitNormalize("ΣΑΣ\u3000Ａ"), "σας ａ");
  EXPECT_EQ(ToolkitNormalize("転送\u00a0テスト"), "転送 テスト");
  // A mention ends at whitespace only: Chinese text after it without a space goes too.
  EXPECT_EQ(ToolkitNormalize("看@小明今天 好"), "看 好");
  EXPECT_EQ(ToolkitNormalize(""), "");
  EXPECT_EQ(ToolkitNormalize("@only"), "");
  // Expected values printed by Python with the toolkit's own regex and str.split().
  EXPECT_EQ(ToolkitNormalize("Ünïcode @Xy Ａ  中文\u2003END"), "ünïcode ａ 中文 end");
  EXPECT_EQ(ToolkitNormalize("a@b\x1c" "c d"), "a d");  // U+001C splits, but ends no mention
  EXPECT_EQ(ToolkitNormalize("ＩＣＵ病房 @某\u3000人 好"), "ｉｃｕ病房 人 好");
  EXPECT_EQ(ToolkitNormalize("\u00a0\u00a0lead trail\u2029"), "lead trail");
}

// The fast path decides from ranges which characters have no lowercase; ICU is the judge.
TEST(CopostTextTest, ToolkitNormalizeLowercasesSymbolsAndFullwidthFormsAsIcu) {
  const std::pair<UChar32, UChar32> ranges[] = {
      {0x2000, 0x206f}, {0x2190, 0x23ff}, {0x2500, 0x2bff}, {0xfe00, 0xfe0f}, {0xff00, 0xffef}};
  for (auto [first, last] : ranges)
    for (UChar32 c = first; c <= last; ++c) {
      if (u_isUWhiteSpace(c)) continue;
      icu::UnicodeString u(c);
      std::string in, want;
      u.toUTF8String(in);
      u.toLower(icu::Locale::getRoot()).toUTF8String(want);
      EXPECT_EQ(ToolkitNormalize("x" + in + "Y"), "x" + want + "y") << std::hex << c;
      EXPECT_EQ(ToolkitNormalize("中" + in + "文"), "中" + want + "文") << std::hex << c;
    }
}

TEST(CopostTextTest, ShingleCodePointsKeepsOnlyContent) {
  std::u32string a = ShingleCodePoints("震惊！这家店\u200b太好吃了😀 http://t.cn/abc @某人 快去");
  EXPECT_EQ(a, U"震惊这家店太好吃了快去");
  EXPECT_EQ(ShingleCodePoints("Hello, World 42"), U"helloworld42");
}

TEST(CopostTextTest, ShinglesAndJaccard) {
  std::vector<uint64_t> a = ShingleHashes(U"abcde", 3), b = ShingleHashes(U"abcdx", 3);
  EXPECT_EQ(a.size(), 3u);
  EXPECT_DOUBLE_EQ(Jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard(a, b), 2.0 / 4.0);  // abc, bcd shared of abc bcd cde cdx
  EXPECT_EQ(ShingleHashes(U"ab", 3).size(), 1u);
  EXPECT_TRUE(ShingleHashes(U"", 3).empty());
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
}

}  // namespace
}  // namespace sluice::coord
