// The registry of debunked claims (claims.jsonl) and the text of every post about a claim:
// rumor posts with their edits, on-topic posts that do not assert it (hard negative
// same_topic) and posts that quote it to refute it (hard negative debunk).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "sim/lexicon.h"
#include "sim/rng.h"
#include "sim/script_converter.h"
#include "sim/sim_params.h"
#include "sim/text_edits.h"
#include "sim/vocabulary.h"

namespace sluice::sim {

struct Claim {
  std::string id;          // "c0001"
  int kind = 0;            // index into Lexicon::claim_kinds
  FixedWords topic;        // the words fixed for this claim (its city, bank, food...)
  std::u32string base;     // the claim in simplified characters
  Script script = Script::kSimplified;  // script of the registered text
  std::string text;        // as registered in claims.jsonl
  std::string source;      // who debunked it
  UnixSeconds published = 0;
};

// Makes p.claims distinct claims, each long enough for partial copies and with characters that
// every substitution edit can change, published across the middle of the period.
Result<std::vector<Claim>> MakeClaims(const SimParams& p, const Lexicon& lex,
                                      const ScriptConverter& conv, uint64_t seed);

// One claims.jsonl line.
std::string ClaimJson(const Claim& c);

// The edits of the ordinal-th rumor post of the run: the primary edit cycles through all kinds
// so every kind appears once there are eleven rumor posts; `multi` adds one or two more.
EditSet ChooseEdits(uint64_t ordinal, bool multi, Rng& rng);

// Text that spreads `c` with exactly the edits in `edits` (never empty).
std::string ComposeRumor(const Claim& c, EditSet edits, Rng& rng, const Lexicon& lex,
                         const ScriptConverter& conv);
// Text that quotes `c` (in script s) inside a refutation.
std::string ComposeDebunk(const Claim& c, Script s, Rng& rng, const Lexicon& lex,
                          const ScriptConverter& conv);
// Text on the claim's topic that does not assert it.
std::string ComposeSameTopic(const Claim& c, Script s, Rng& rng, const Lexicon& lex);
// The claim's topic hashtag (without #), in script s.
std::string ClaimTag(const Claim& c, Script s, Rng& rng, const Lexicon& lex);

}  // namespace sluice::sim
