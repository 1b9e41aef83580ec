#include "text/shingles.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

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

TEST(ShinglesTest, RollingHashesDependOnlyOnTheWindow) {
  std::vector<uint32_t> a = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<uint32_t> b = {9, 9, 3, 4, 5, 6, 7, 9};  // shares tokens 2..6 with a
  std::vector<uint64_t> ha, hb;
  RollingShingleHashes(a.data(), a.size(), 5, 3, &ha);
  RollingShingleHashes(b.data(), b.size(), 5, 3, &hb);
  ASSERT_EQ(ha.size(), 4u);
  EXPECT_EQ(ha[2], hb[2]);  // window [2, 7) is the same in both
  std::set<uint64_t> distinct(ha.begin(), ha.end());
  EXPECT_EQ(distinct.size(), 4u);
  std::vector<uint64_t> other_seed;
  RollingShingleHashes(a.data(), a.size(), 5, 4, &other_seed);
  EXPECT_NE(ha[0], other_seed[0]);
  std::vector<uint64_t> shorter;
  RollingShingleHashes(a.data(), 3, 5, 3, &shorter);
  EXPECT_EQ(shorter.size(), 1u);
}

TEST(ShinglesTest, WinnowingSharesAnAnchorForEveryCommonRunOfAWindow) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t w = 1 + trial % 4;
    std::vector<uint64_t> run(w + trial % 3);
    for (uint64_t& h : run) h = rng();
    std::vector<uint64_t> x(rng() % 20), y(rng() % 20);
    for (uint64_t& h : x) h = rng();
    for (uint64_t& h : y) h = rng();
    x.insert(x.begin() + static_cast<long>(rng() % (x.size() + 1)), run.begin(), run.end());
    y.insert(y.begin() + static_cast<long>(rng() % (y.size() + 1)), run.begin(), run.end());
    std::vector<uint64_t> ax, ay;
    Winnow(x, w, &ax);
    Winnow(y, w, &ay);
    std::set<uint64_t> sx(ax.begin(), ax.end());
    bool shared = false;
    for (uint64_t h : ay) shared |= sx.count(h) > 0;
    EXPECT_TRUE(shared) << "trial " << trial;
    EXPECT_LE(ax.size(), x.size());
  }
  std::vector<uint64_t> anchors;
  Winnow({}, 3, &anchors);
  EXPECT_TRUE(anchors.empty());
  Winnow({5, 3}, 3, &anchors);
  EXPECT_EQ(anchors, (std::vector<uint64_t>{3}));
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
