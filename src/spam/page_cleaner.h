// Removes spam spans from a text while keeping every other line byte for byte. A line left
// holding only whitespace by a removal goes away with its line break; spaces that only separated
// the removed block from the rest of its line go with it. Nothing else changes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::spam {

using CpSpan = std::pair<uint32_t, uint32_t>;  // half-open, in code points

// The code point ranges CleanText deletes for `spans` (sorted, disjoint, widened as described
// above). REQUIRES: spans are within cps.
std::vector<CpSpan> RemovalRanges(std::span<const char32_t> cps, std::vector<CpSpan> spans);

// `utf8` with the spans removed. Code points are counted as DecodeUtf8 counts them; bytes outside
// the removed ranges are copied unchanged (invalid bytes included).
std::string CleanText(std::string_view utf8, const std::vector<CpSpan>& spans);

}  // namespace sluice::spam
