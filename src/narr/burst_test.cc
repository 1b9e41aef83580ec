#include "narr/burst.h"

#include <gtest/gtest.h>

#include <vector>

namespace sluice::narr {
namespace {

using Hours = std::vector<std::pair<int64_t, uint64_t>>;

TEST(BurstTest, SuddenGrowthScoresHighAndSteadyTalkDoesNot) {
  PlatformRate flat({});
  Hours steady, burst;
  for (int64_t h = 1000; h < 1100; ++h) steady.push_back({h, 3});
  for (int64_t h = 1000; h < 1100; ++h) burst.push_back({h, h >= 1050 && h < 1053 ? 60u : 3u});
  Burst s = DetectBurst(steady, flat, 24);
  Burst b = DetectBurst(burst, flat, 24);
  EXPECT_LE(s.score, 3.0);  // only the first hour stands out: it rose from nothing
  EXPECT_EQ(s.peak_start, 1000 * 3600);
  EXPECT_GT(b.score, 20);
  EXPECT_EQ(b.peak_start, 1050 * 3600);
  EXPECT_EQ(b.peak_end, 1053 * 3600);
}

TEST(BurstTest, PlatformWideSurgeIsDiscounted) {
  // The cluster triples in hour 1050, but so does the whole platform.
  std::vector<std::pair<int64_t, uint64_t>> platform;
  Hours cluster;
  for (int64_t h = 1000; h < 1100; ++h) {
    bool surge = h == 1050;
    platform.push_back({h, surge ? 3000u : 1000u});
    cluster.push_back({h, surge ? 3u : 1u});
  }
  Burst raw = DetectBurst(cluster, PlatformRate({}), 24);
  Burst adjusted = DetectBurst(cluster, PlatformRate(platform), 24);
  EXPECT_EQ(raw.peak_start, 1050 * 3600);
  EXPECT_NE(adjusted.peak_start, 1050 * 3600);
  EXPECT_LT(adjusted.score, raw.score);
}

TEST(BurstTest, NearlyEmptyPlatformHoursDoNotMakeBursts) {
  // The export ends at hour 1100: a few late posts in a nearly empty platform hour.
  std::vector<std::pair<int64_t, uint64_t>> platform;
  Hours cluster;
  for (int64_t h = 1000; h < 1100; ++h) {
    platform.push_back({h, 1000});
    cluster.push_back({h, 10});
  }
  platform.push_back({1100, 2});
  cluster.push_back({1100, 2});
  PlatformRate rate(platform);
  EXPECT_EQ(rate.Scale(1100), PlatformRate::kMaxScale);
  Burst b = DetectBurst(cluster, rate, 24);
  EXPECT_NE(b.peak_start, 1100 * 3600);
}

TEST(BurstTest, TheExportsFirstHoursHaveNoFullBaseline) {
  // A steady cluster that exists when the export begins is not born in its first hour.
  std::vector<std::pair<int64_t, uint64_t>> platform;
  Hours cluster;
  for (int64_t h = 1000; h < 1100; ++h) {
    platform.push_back({h, 1000});
    cluster.push_back({h, 20});
  }
  Burst b = DetectBurst(cluster, PlatformRate(platform), 24);
  EXPECT_LT(b.score, 1.0);
  EXPECT_GT(DetectBurst(cluster, PlatformRate({}), 24).score, 19.0);
}

TEST(BurstTest, EmptyAndSingleHour) {
  EXPECT_EQ(DetectBurst({}, PlatformRate({}), 24).score, 0);
  Burst one = DetectBurst({{5, 1}}, PlatformRate({}), 24);
  EXPECT_EQ(one.score, 1);
  EXPECT_EQ(one.peak_start, 5 * 3600);
  EXPECT_EQ(one.peak_end, 6 * 3600);
}

}  // namespace
}  // namespace sluice::narr
