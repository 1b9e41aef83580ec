// A detector's finding line read back as signals, so the scan can score every detector through
// one configuration. Detectors that predate the SignalSink write findings.jsonl lines with their
// own weights and scores (docs/findings.md); this keeps each signal's name, evidence and the
// line's hints, and drops the weights and the score, which scoring recomputes from the
// configuration.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "score/scoring_config.h"
#include "score/signal.h"

namespace sluice {

// Appends one signal per entry of the line's "signals" array. The line's "subject" and "id" make
// the signal's subject; its "claim", "group", "tactic", "edits" and "spans" become every signal's
// hints; other keys ("label", "score", a signal's "weight", detector extras) are ignored. A line
// that is not a finding (bad JSON, a missing key, a signal without a name or an evidence object)
// is an Internal error: it is a detector's bug. A signal name without a "." gets `room` and a "."
// in front ("lockstep" from the coord detector is "coord.lockstep"): the configuration names
// signals "<room>.<rule>", and two rooms may use the same rule name.
Status AppendSignalsOfFindingLine(std::string_view line, std::string_view room,
                                  std::vector<Signal>* out);

// Checks that every signal's name is configured. The error names the configuration's files and
// the key the signal would have, e.g. "config/scoring.json: signals.coord.new_rule: unknown
// signal (emitted for account 'u7'); every signal needs a weight and a description there".
Status CheckSignalsConfigured(const std::vector<Signal>& signals, const ScoringConfig& cfg);

}  // namespace sluice
