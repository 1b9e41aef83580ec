// What `sluice coord` writes, as bytes: findings.jsonl (the shared findings contract,
// docs/findings.md), groups.jsonl (one group a line, docs/coord.md), edge lists (CSV or JSONL)
// and a summary. Every output is sorted and holds no timing, so the same input and configuration
// give the same bytes.
#pragma once

#include <string>

#include "coord/co_action_network.h"
#include "coord/coord_config.h"
#include "coord/water_army.h"
#include "world/world.h"

namespace sluice::coord {

std::string FindingsJsonl(const World& w, const CoordResult& r);

// `max_targets`: targets listed per group (the total is always given).
std::string GroupsJsonl(const World& w, const CoordResult& r, uint32_t max_targets);

// Edges sorted by (user_1, user_2) platform ids. CSV: header "user_1,user_2,weight" (+ ",npmi").
std::string EdgesCsv(const World& w, const CoActionNetwork& net, bool npmi);
std::string EdgesJsonl(const World& w, const CoActionNetwork& net, NetworkType type, bool npmi);

// One JSON object: the run's counts (for summary.json).
std::string StatsJson(const CoordStats& st);
std::string NetworkStatsJson(NetworkType type, const CoActionStats& st);

}  // namespace sluice::coord
