#include "narr/burst.h"

#include <algorithm>
#include <cmath>

namespace sluice::narr {

PlatformRate::PlatformRate(std::vector<std::pair<int64_t, uint64_t>> h) {
  std::sort(h.begin(), h.end());
  for (const auto& [hour, n] : h) {
    if (!hours_.empty() && hours_.back().first == hour) hours_.back().second += n;
    else hours_.push_back({hour, n});
  }
  double total = 0;
  for (const auto& x : hours_) total += static_cast<double>(x.second);
  if (!hours_.empty()) mean_ = total / static_cast<double>(hours_.size());
}

double PlatformRate::Scale(int64_t hour) const {
  auto it = std::lower_bound(hours_.begin(), hours_.end(), std::make_pair(hour, uint64_t{0}));
  if (it == hours_.end() || it->first != hour || it->second == 0) return 1;
  return std::min(kMaxScale, mean_ / static_cast<double>(it->second));
}

Burst DetectBurst(const std::vector<std::pair<int64_t, uint64_t>>& hours,
                  const PlatformRate& platform, int baseline_hours) {
  Burst b;
  if (hours.empty()) return b;
  std::vector<double> scaled(hours.size());
  for (size_t i = 0; i < hours.size(); ++i)
    scaled[i] = static_cast<double>(hours[i].second) * platform.Scale(hours[i].first);
  // Sliding window over the sparse hours: sums of the scaled counts in [h − B, h).
  double sum = 0, sum2 = 0, best = -1e300;
  size_t lo = 0, peak = 0;
  const double B = baseline_hours;  // hours in a full baseline window
  for (size_t i = 0; i < hours.size(); ++i) {
    while (lo < i && hours[lo].first < hours[i].first - baseline_hours) {
      sum -= scaled[lo];
      sum2 -= scaled[lo] * scaled[lo];
      ++lo;
    }
    // Only hours since the export began count towards the baseline.
    int64_t known = hours[i].first - platform.first_hour();
    double n = platform.first_hour() == INT64_MIN ? B : std::min<double>(B, static_cast<double>(known));
    double mu = n > 0 ? std::max(0.0, sum / n) : 0;
    double var = n > 0 ? std::max(0.0, sum2 / n - mu * mu) : 0;
    double z = (scaled[i] - mu) / std::sqrt(std::max(var, mu) + 1);
    if (n > 0 && z > best) {
      best = z;
      peak = i;
    }
    sum += scaled[i];
    sum2 += scaled[i] * scaled[i];
  }
  if (best == -1e300) best = 0;  // only the export's first hour: no baseline to compare with
  b.score = best;
  size_t end = peak;
  while (end + 1 < hours.size() && hours[end + 1].first == hours[end].first + 1 &&
         scaled[end + 1] >= scaled[peak] / 2)
    ++end;
  b.peak_start = hours[peak].first * 3600;
  b.peak_end = (hours[end].first + 1) * 3600;
  return b;
}

}  // namespace sluice::narr
