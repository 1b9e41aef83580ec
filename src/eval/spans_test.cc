#include "eval/spans.h"

#include <gtest/gtest.h>

namespace sluice::eval {
namespace {

TEST(MergeSpans, SortsMergesOverlappingAndTouchingAndDropsEmpty) {
  std::vector<Span> merged = MergeSpans({{30, 40}, {5, 5}, {10, 20}, {15, 25}, {25, 28}, {50, 51}});
  EXPECT_EQ(merged, (std::vector<Span>{{10, 28}, {30, 40}, {50, 51}}));
  EXPECT_EQ(CoveredLength(merged), 18 + 10 + 1);
}

TEST(MergeSpans, RepeatedSpanCountsOnce) {
  EXPECT_EQ(CoveredLength(MergeSpans({{0, 10}, {0, 10}, {2, 3}})), 10);
  EXPECT_TRUE(MergeSpans({}).empty());
}

TEST(OverlapLength, CountsSharedCodePoints) {
  std::vector<Span> truth = MergeSpans({{10, 20}, {30, 40}});
  EXPECT_EQ(OverlapLength(truth, MergeSpans({{15, 35}})), 10);
  EXPECT_EQ(OverlapLength(truth, MergeSpans({{0, 10}, {20, 30}, {40, 50}})), 0);  // only touching
  EXPECT_EQ(OverlapLength(truth, MergeSpans({{0, 100}})), 20);
  EXPECT_EQ(OverlapLength(MergeSpans({{0, 100}}), truth), 20);
  EXPECT_EQ(OverlapLength(truth, {}), 0);
}

}  // namespace
}  // namespace sluice::eval
