// Rumor matches as JSON: the signals with their evidence, a `sluice match --json` line, and a
// finding line of findings.jsonl (docs/findings.md). Keys are written in a fixed order so the
// same match always gives the same bytes.
//
// Signals:
//   rumor.claim_match     weight = claim_match_weight × containment; evidence: the claim, the
//                         matched spans in the original post (code points, half-open) and their
//                         text, the containment on each channel, the longest copied run, the
//                         share of the post covered, and the normalizations the match needed.
//   rumor.debunk_context  weight = sum of the cue weights (negative); evidence: each cue and its
//                         span. Present only when a cue was found.
#pragma once

#include <string>
#include <string_view>

#include "rumor/matcher.h"

namespace sluice::rumor {

// The text of code points [begin, end) of UTF-8 `text` (invalid bytes count as one code point
// each and come out as U+FFFD).
std::string CodePointSubstring(std::string_view text, uint32_t begin, uint32_t end);

// Appends the signals array ("[{...},...]") of one match of the post `text`.
void AppendSignalsJson(std::string* out, const ClaimMatch& m, std::string_view text);

// Appends one `sluice match --json` line (with '\n'):
// {"post":..,"claim":..,"flagged":..,"score":..,"signals":[..]}
void AppendMatchLine(std::string* out, std::string_view post_id, const ClaimMatch& m,
                     std::string_view text);

// Appends one findings.jsonl line (with '\n'):
// {"subject":"post","id":..,"label":"rumor","claim":..,"score":..,"signals":[..]}
void AppendFindingLine(std::string* out, std::string_view post_id, const ClaimMatch& m,
                       std::string_view text);

}  // namespace sluice::rumor
