// The report's data: what report.html shows, gathered from the files a scan wrote into its output
// directory — summary.json (required), findings.jsonl (required), groups.jsonl and clusters.jsonl
// (each when present; clusters.jsonl follows the contract of docs/narrative.md). The report is
// made from these files alone, so `sluice report DIR` can remake it without the events.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace sluice {

struct ReportLimits {
  size_t narratives = 10;  // clusters shown, by rank
  size_t groups = 10;      // water-army groups shown, highest score first
  size_t rows = 20;        // rows of the rumor and spam tables
  size_t list = 20;        // items kept of any list inside a cluster or group (members, targets…)
};

// One JSON object with a fixed key order:
// {"summary":{…summary.json…},
//  "narratives":[…clusters.jsonl lines, lists cut to `list` items…],
//  "groups":[…groups.jsonl lines, highest score first, lists cut…],
//  "rumor":[{"claim","posts","accounts","platforms":{…},"reach":{…},"max_score","sample":[…]}…],
//  "spam":[{"subject","id","score","platform","account","spans","signals":[…]}…],
//  "platforms":{"<platform>":{"<label>":n,…},…},
//  "signals":{"<name>":n,…},
//  "sources":{"clusters":true|false,"groups":true|false}}
// A list cut short gets a sibling key "<key>_total" with its full length. Errors name the file
// and line.
Result<std::string> ReportDataJson(const std::string& dir, const ReportLimits& limits = {});

}  // namespace sluice
