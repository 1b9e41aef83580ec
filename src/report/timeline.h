// The scan's timeline: posts per time bucket, and how many of them each finding label flagged,
// for summary.json and the report's chart. Buckets are an hour, a day or a week — the shortest
// that keeps the series at most kMaxTimelineBuckets long.
#pragma once

#include <string>
#include <vector>

#include "score/finding.h"
#include "world/world.h"

namespace sluice {

inline constexpr size_t kMaxTimelineBuckets = 1000;

// One JSON object, fixed key order:
// {"bucket_seconds":3600,"columns":["time","posts","rumor","copy_paste","spam","water_army"],
//  "rows":[["2026-01-01T00:00:00Z",120,3,0,1,7],…]}
// "water_army" counts posts by accounts with a water_army finding. Empty buckets are kept so the
// series reads as a time axis. With no declared post the rows are empty.
std::string TimelineJson(const World& w, const std::vector<Finding>& findings);

}  // namespace sluice
