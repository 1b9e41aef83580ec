// Precision, recall and F1 from counts of true positives, false positives and false negatives.
//
// A score whose denominator is zero is undefined and reported as n/a (nullopt), never as 0 or 1:
// with no findings at all, precision says nothing, while recall is 0 when there was something
// to find. F1 is computed as 2·tp / (2·tp + fp + fn), which equals the harmonic mean of precision
// and recall wherever both are defined and is 0, not n/a, when a detector found nothing of
// something that was there (or found only wrong things).
#pragma once

#include <cstdint>
#include <optional>

namespace sluice::eval {

struct Counts {
  uint64_t tp = 0, fp = 0, fn = 0;

  std::optional<double> Precision() const { return Ratio(tp, tp + fp); }
  std::optional<double> Recall() const { return Ratio(tp, tp + fn); }
  std::optional<double> F1() const { return Ratio(2 * tp, 2 * tp + fp + fn); }

  static std::optional<double> Ratio(uint64_t num, uint64_t den) {
    if (den == 0) return std::nullopt;
    return static_cast<double>(num) / static_cast<double>(den);
  }
};

// How many of `truth` items a detector found.
struct RecallCount {
  uint64_t truth = 0, found = 0;
  std::optional<double> Recall() const { return Counts::Ratio(found, truth); }
};

// How many of `truth` labelled negatives a detector wrongly flagged.
struct FalsePositiveCount {
  uint64_t truth = 0, flagged = 0;
  std::optional<double> Rate() const { return Counts::Ratio(flagged, truth); }
};

}  // namespace sluice::eval
