// What the narratives phase writes, as bytes: clusters.jsonl (the contract in
// /work/notes/clusters_contract.md, documented in docs/narratives.md), the copy_paste post
// findings (the findings contract, docs/findings.md) and claim_cascades.jsonl. Sorted and free of
// timings, so the same input and configuration give the same bytes.
#pragma once

#include <string>

#include "narr/narr_config.h"
#include "narr/narratives.h"
#include "world/world.h"

namespace sluice::narr {

std::string ClustersJsonl(const World& w, const NarrResult& r);
std::string CopyPasteFindingsJsonl(const World& w, const NarrResult& r, const NarrConfig& c);
std::string ClaimCascadesJsonl(const World& w, const NarrResult& r);
// One JSON object of counts, for summary lines and benchmarks.
std::string StatsJson(const NarrResult& r);

}  // namespace sluice::narr
