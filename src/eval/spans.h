// Character spans: half-open [start, end) ranges of Unicode code points in a subject's original
// text. Eval scores spam spans by the characters they cover, so overlapping or repeated spans
// count once.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace sluice::eval {

using Span = std::pair<int64_t, int64_t>;

// Sorts `spans` and merges those that overlap or touch; empty spans disappear.
// REQUIRES: start <= end for every span.
std::vector<Span> MergeSpans(std::vector<Span> spans);

// Code points covered. REQUIRES: `merged` comes from MergeSpans.
int64_t CoveredLength(const std::vector<Span>& merged);

// Code points covered by both. REQUIRES: both come from MergeSpans.
int64_t OverlapLength(const std::vector<Span>& a, const std::vector<Span>& b);

}  // namespace sluice::eval
