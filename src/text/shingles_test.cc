#include "text/shingles.h"

#include <gtest/gtest.h>

#include "text/minhash.h"
#include "text/normalizer.h"

namespace sluice::text {
namespace {

std::vector<uint64_t> Shingles(std::string_view s, size_t k) {
  NormalizedText n;
  Normalize(s, &n);
  std::vector<uint64_t> out;
  ShingleHashes(n.chars.data(), n.size(), k, 1, &out);
  return out;
}

TEST(ShinglesTest, CountsAndShortTexts) {
  EXPECT_EQ(Shingles("一二三四五", 3).size(), 3u);
  EXPECT_EQ(Shingles("一二", 3).size(), 1u);
  EXPECT_EQ(Shingles("", 3).size(), 0u);
  EXPECT_NE(Shingles("一二", 3)[0], Shingles("一三", 3)[0]);
}

TEST(ShinglesTest, EditsThatNormalizationUndoesGiveTheSameShingles) {
  EXPECT_EQ(Shingles("疫苗接种后不能洗澡", 3), Shingles("疫苗接種後，不能\u200B洗澡😷", 3));
}

TEST(ShinglesTest, SeedsSeparateChannels) {
  uint32_t t[3] = {1, 2, 3};
  EXPECT_NE(ShingleHash(t, 3, 1), ShingleHash(t, 3, 2));
}

TEST(MinHashTest, EstimatesJaccard) {
  MinHash mh(256, 7);
  std::vector<uint64_t> a, b;
  for (uint64_t i = 0; i < 1000; ++i) a.push_back(i * 0x9E3779B97F4A7C15ull);
  for (uint64_t i = 500; i < 1500; ++i) b.push_back(i * 0x9E3779B97F4A7C15ull);
  std::vector<uint32_t> sa, sb;
  mh.Signature(a, &sa);
  mh.Signature(b, &sb);
  EXPECT_NEAR(MinHash::Estimate(sa, sb), 500.0 / 1500.0, 0.08);
  EXPECT_EQ(MinHash::Estimate(sa, sa), 1.0);
  MinHash same_seed(256, 7);
  std::vector<uint32_t> sa2;
  same_seed.Signature(a, &sa2);
  EXPECT_EQ(sa, sa2);
}

}  // namespace
}  // namespace sluice::text
