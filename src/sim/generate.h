// `sluice gen` as a library call: writes a whole simulated platform into a directory.
//
//   DIR/events.jsonl.zst  accounts, posts and engagements (schema v1), zstd level 3
//   DIR/claims.jsonl      the debunked claims (schema v1 claim records)
//   DIR/truth.jsonl       the truth about accounts, posts and pages (docs/findings.md)
//   DIR/pages/p*.txt      crawled pages
//
// Same parameters and seed give the same bytes in every file. Each file appears whole or not at
// all; pages/ is built beside the old one and swapped in at the end.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "sim/sim_params.h"
#include "sim/simulator.h"

namespace sluice::sim {

struct GenResult {
  SimCounts counts;
  uint64_t claims = 0;
  uint64_t pages = 0, spam_pages = 0;
  uint64_t events_bytes = 0, events_bytes_compressed = 0;
  double seconds = 0;
};

// REQUIRES: ValidateParams(p) is OK (Generate checks again and fails otherwise).
Status Generate(const SimParams& p, uint64_t seed, const std::string& out_dir, GenResult* result);

}  // namespace sluice::sim
