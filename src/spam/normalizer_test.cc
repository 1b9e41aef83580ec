#include "spam/normalizer.h"

#include <gtest/gtest.h>

namespace sluice::spam {
namespace {

const Normalizer& Norm() {
  static const std::unique_ptr<Normalizer> n = [] {
    auto r = MakeIcuNormalizer();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return std::move(r).value();
  }();
  return *n;
}

TEST(NormalizerTest, FoldsWidthCaseAndScript) {
  EXPECT_EQ(Norm().NormalizeUtf8("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(Norm().NormalizeUtf8("JIZZ"), "jizz");
  EXPECT_EQ(Norm().NormalizeUtf8("國內新聞"), "国内新闻");
  EXPECT_EQ(Norm().NormalizeUtf8("百家樂｜賭場"), "百家乐|赌场");
  EXPECT_EQ(Norm().NormalizeUtf8("午夜影院"), "午夜影院");
}

TEST(NormalizerTest, RemovesZeroWidthAndKeepsTheMap) {
  std::vector<char32_t> cps = {U'午', 0x200B, U'夜', 0xFEFF, U'A'};
  NormalizedText nt;
  Norm().Normalize(cps, &nt);
  EXPECT_EQ(nt.view(), "午夜a");
  ASSERT_EQ(nt.n, 5u);
  EXPECT_EQ(nt.starts[0], 0u);
  EXPECT_EQ(nt.starts[1], 3u);
  EXPECT_EQ(nt.starts[2], 3u);  // the zero-width space has no output
  EXPECT_EQ(nt.starts[3], 6u);
  EXPECT_EQ(nt.starts[4], 6u);
  EXPECT_EQ(nt.starts[5], 7u);
  EXPECT_EQ(nt.folded[1], 0u);
  EXPECT_EQ(nt.folded[4], U'a');
}

TEST(NormalizerTest, KnowsTraditionalCharacters) {
  EXPECT_TRUE(Norm().IsTraditional(U'國'));
  EXPECT_TRUE(Norm().IsTraditional(U'樂'));
  EXPECT_FALSE(Norm().IsTraditional(U'国'));
  EXPECT_FALSE(Norm().IsTraditional(U'中'));  // the same in both scripts
  EXPECT_FALSE(Norm().IsTraditional(U'a'));
}

TEST(NormalizerTest, SupplementaryPlaneGoesThroughIcu) {
  // MATHEMATICAL BOLD CAPITAL A folds to "a"; an emoji stays itself.
  EXPECT_EQ(Norm().NormalizeUtf8("\xF0\x9D\x90\x80"), "a");
  EXPECT_EQ(Norm().NormalizeUtf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
}

TEST(DecodeUtf8Test, EachInvalidByteIsOneReplacement) {
  std::vector<char32_t> cps;
  std::vector<uint32_t> at;
  DecodeUtf8("a\xFF\xE4\xB8", &cps, &at);
  EXPECT_EQ(cps, (std::vector<char32_t>{U'a', 0xFFFD, 0xFFFD, 0xFFFD}));
  EXPECT_EQ(at, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  DecodeUtf8("\xC0\xAF\xED\xA0\x80", &cps);  // overlong '/', a surrogate
  EXPECT_EQ(cps.size(), 5u);
  DecodeUtf8("中\xF0\x9F\x98\x80", &cps, &at);
  EXPECT_EQ(cps, (std::vector<char32_t>{U'中', 0x1F600}));
  EXPECT_EQ(at, (std::vector<uint32_t>{0, 3, 7}));
}

TEST(DecodeUtf8Test, AppendUtf8RoundTrips) {
  std::string s;
  for (char32_t c : {U'a', U'é', U'中', char32_t{0x1F600}}) AppendUtf8(c, &s);
  std::vector<char32_t> cps;
  DecodeUtf8(s, &cps);
  EXPECT_EQ(cps, (std::vector<char32_t>{U'a', U'é', U'中', 0x1F600}));
}

}  // namespace
}  // namespace sluice::spam
