// Copy-paste campaigns (造熱點、帶節奏): accounts that post the same or similar texts within a
// window of each other, round after round.
//
// Candidates are pairs that posted similar texts (similar_text_network.h, window
// copy_paste.window_s) at least min_weight times in both directions, grouped into quasi-cliques.
// A group is verified CopyCatch-style: the members' posts are clustered by similarity within the
// window; a cluster is a group text when at least text_share of the members posted it and the
// group made at least min_exclusive of all similar posts within ± context_s (a stock phrase that
// many accounts write all day is no campaign); a member needs min_weight group texts.
#pragma once

#include <cstdint>
#include <vector>

#include "coord/coord_config.h"
#include "coord/group.h"
#include "world/world.h"

namespace sluice::coord {

struct CopyPasteStats {
  uint64_t posts = 0;            // original posts long enough to compare
  uint64_t candidates = 0;       // candidate post pairs from the LSH bands
  uint64_t skipped_actions = 0;  // band actions over the crowded-window cap
  uint64_t groups = 0;
};

// Appends one Candidate per verified group (tactic copy_paste; targets are the group texts).
void FindCopyPaste(const World& w, const CoordConfig& config, CopyPasteStats* stats,
                   std::vector<Candidate>* out);

}  // namespace sluice::coord
