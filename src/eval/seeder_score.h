// Who started it: for every injected rumor cascade in truth, whether a scan ranks its true
// originating account first among the seeders (docs/findings.md, "Seeders").
//
// Truth names each cascade by its claim: the claim's rumor post lines, one of which carries
// `originator` (the author of the claim's earliest injected rumor post). Two files of
// `sluice scan` are scored:
//   - clusters.jsonl (narratives, no registry needed): the claim's cluster is the one whose
//     listed posts (`seeders[].post` and `sample`) hold most of the claim's rumor posts, the
//     earlier line on a tie; the cascade is right when that cluster's first seeder is the
//     originator, and unmatched when no cluster lists any of its posts;
//   - claim_cascades.jsonl (per registry claim): the line of the claim; right when its first
//     seeder is the originator, unmatched when the claim has no line.
// Only the listed posts are visible to eval (the contract lists up to 5 seeders and 10 sample
// posts, not every member); a claim whose posts are all hidden inside another claim's cluster is
// unmatched, which counts against the scan, as it should.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "eval/label_file.h"
#include "eval/metrics.h"

namespace sluice::eval {

// The cascades truth describes, gathered from its rumor post lines.
class CascadeTruth {
 public:
  // Takes any truth line; keeps what rumor post lines say. A second originator for one claim, or
  // an originator on a line without a claim, is an error.
  Status Add(const LabelLine& line);
  const std::map<std::string, std::string>& originators() const { return originator_; }
  // The claim of a rumor post, or nullptr.
  const std::string* ClaimOf(const std::string& post) const;

 private:
  std::map<std::string, std::string> originator_;  // claim -> account
  std::unordered_map<std::string, std::string> post_claim_;
};

struct SeederCount {
  std::string file;    // empty when this file was not scored
  uint64_t lines = 0;  // records in the file
  uint64_t cascades = 0, right = 0, unmatched = 0;
  std::vector<std::string> wrong;  // claims whose first seeder is someone else, sorted
  std::optional<double> Share() const { return Counts::Ratio(right, cascades); }
};

struct SeederScore {
  SeederCount clusters, claim_cascades;
};

// Scores one file; errors name the file and line ("<file>:<line>: <reason>").
Result<SeederCount> ScoreClusterSeeders(const std::string& path, const CascadeTruth& truth);
Result<SeederCount> ScoreClaimCascadeSeeders(const std::string& path, const CascadeTruth& truth);

}  // namespace sluice::eval
