// The campaign's figures, counted from the case store: what the report (summary.json) and a
// press release state — cases opened and closed, accounts actioned, posts removed, by category,
// tactic and platform; appeals and overturns; and per platform how fast it acted on notices
// (一案雙查). Only decisions in force count as actions: an overturned decision removed nothing.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cases/case_store.h"
#include "core/status.h"

namespace sluice {

struct CaseTally {
  uint64_t cases = 0, open = 0, closed = 0;
  uint64_t dismissed = 0;  // closed with dismissals only
  uint64_t accounts_actioned = 0, accounts_suspended = 0, accounts_limited = 0;
  uint64_t posts_removed = 0;  // posts and pages
};

// A platform's record on the decisions it was told to carry out.
struct PlatformRecord {
  uint64_t notices = 0;        // decisions naming the platform
  uint64_t acted = 0;          // ... that it reported carried out
  uint64_t pending = 0;        // ... in force and not yet carried out
  uint64_t pending_items = 0;  // targets of the pending decisions
  uint64_t withdrawn = 0;      // overturned before the platform acted
  // Notice-to-action latency over the acted decisions, in seconds.
  double latency_median = 0, latency_mean = 0;
  int64_t latency_max = 0;
};

struct AppealTally {
  uint64_t filed = 0, pending = 0, upheld = 0, overturned = 0;
};

struct CaseSummary {
  CaseTally total;
  // Every category always appears; tactic "none" and platform "unknown" collect the rest. A case
  // counts under each platform its items come from; an action under its target's platform.
  std::map<std::string, CaseTally> by_category, by_tactic, by_platform;
  uint64_t decisions = 0, decisions_in_force = 0;
  AppealTally appeals;
  std::map<std::string, PlatformRecord> platforms;
};

Result<CaseSummary> Summarize(CaseStore* store);

// The summary as one JSON object with a fixed key order, newline-terminated.
std::string SummaryJson(const CaseSummary& s);

}  // namespace sluice
