// Scoring: signals in, findings out (Rspamd's verdict, per subject and label). Each signal's
// weight is looked up by name in the configuration; a subject's score for a label is the sum of
// the weights of the distinct signal names that fired for it under that label; the subject gets
// a finding with that label when the score reaches the label's threshold.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "score/finding.h"
#include "score/scoring_config.h"
#include "score/signal.h"

namespace sluice {

struct ScoreStats {
  uint64_t signals = 0;          // handed in
  uint64_t duplicates = 0;       // identical to another signal, counted once
  uint64_t candidates = 0;       // (subject, label) pairs with at least one signal
  uint64_t findings = 0;
  uint64_t below_threshold = 0;  // candidates whose score fell short
};

// Returns the findings sorted by FindingLess; the same signals (in any order) and configuration
// give the same findings. A signal whose name the configuration lacks is a Config error, and a
// malformed one (empty id, evidence that is not a JSON object, an unknown tactic, a span with
// end < begin, text that is not UTF-8) an Internal error; both name the signal and its subject.
Result<std::vector<Finding>> Score(std::vector<Signal> signals, const ScoringConfig& cfg,
                                   ScoreStats* stats = nullptr);

}  // namespace sluice
