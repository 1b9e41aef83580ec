// Bursts: when a cluster grew faster than its own past, after removing the platform's rhythm.
//
// Method (hourly rate z-score; see docs/narratives.md for why not Kleinberg's automaton): the
// cluster's posts are counted per hour; each count is scaled by mean platform volume / platform
// volume that hour (at most 4×), so a cluster that only follows the evening peak or a
// platform-wide surge does not look like a burst; the scaled count a_h is compared with the mean μ and variance σ²
// of the scaled counts over the preceding `baseline_hours` (empty hours count as zero; hours
// before the export began are unknown and left out, and the export's first hour has no score):
//     z_h = (a_h − μ) / sqrt(max(σ², μ) + 1)
// (the Poisson floor max(σ², μ) keeps a quiet baseline from making every post a burst, and the
// +1 keeps a cluster's first hour finite). The burst score is the highest z_h; the peak runs from
// that hour while the following hours keep at least half its scaled count.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace sluice::narr {

struct Burst {
  double score = 0;
  int64_t peak_start = 0, peak_end = 0;  // Unix seconds, hour aligned, end exclusive
};

// The platform's posts per hour, for the scaling above.
class PlatformRate {
 public:
  // `hour_counts`: (hour index = Unix seconds / 3600, posts), any order, hours may repeat.
  explicit PlatformRate(std::vector<std::pair<int64_t, uint64_t>> hour_counts);
  // Mean platform volume / volume in `hour` (1 when the hour is unknown), at most kMaxScale:
  // the nearly empty hours at the edges of an export would otherwise multiply a handful of late
  // posts into a burst.
  static constexpr double kMaxScale = 4;
  double Scale(int64_t hour) const;
  // Hours before this one are before the export began: unknown, not empty. INT64_MIN when the
  // platform's hours are not given.
  int64_t first_hour() const { return hours_.empty() ? INT64_MIN : hours_.front().first; }

 private:
  std::vector<std::pair<int64_t, uint64_t>> hours_;  // sorted, merged
  double mean_ = 0;
};

// `hours`: the cluster's (hour index, posts), sorted by hour, no repeats, counts > 0.
// REQUIRES: baseline_hours >= 1.
Burst DetectBurst(const std::vector<std::pair<int64_t, uint64_t>>& hours,
                  const PlatformRate& platform, int baseline_hours);

}  // namespace sluice::narr
