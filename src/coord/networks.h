// Builds any co-action network type from the World: picks the actions and their keys, then hands
// them to BuildCoActionNetwork (or BuildSimilarTextNetwork for co_similar_text).
//
//   co_repost        reposts (posts with repost_of, and repost engagements), keyed by the post
//                    reposted — or by the root of its repost chain with repost_key "root"
//   co_like, co_comment, co_review
//                    engagements of that kind keyed by target (replies count as comments)
//   co_text          original posts keyed by their ToolkitNormalize'd text
//   co_similar_text  original posts with similar content (similar_text_network.h)
//   co_link          original posts keyed by each distinct URL they carry
//   co_reply         original posts keyed by the post they reply to
//   co_hashtag       original posts keyed by each distinct hashtag they carry
//
// "Original" means not a repost, as in the coordination-network-toolkit (a plain repost repeats
// its source's text and links).
#pragma once

#include <vector>

#include "coord/act_table.h"
#include "coord/co_action_network.h"
#include "coord/coord_config.h"
#include "world/world.h"

namespace sluice::coord {

// REQUIRES: acts == CollectActs(w); roots == RepostRoots(w.posts, ChainEnd::kAnyPost) (world/repost_roots.h) when config.repost_key is kRoot
// (may be empty otherwise).
CoActionNetwork BuildNetwork(const World& w, const std::vector<Act>& acts,
                             const std::vector<PostId>& roots, NetworkType type,
                             const CoordConfig& config, const NetworkConfig& network);

// The keyed actions of a type other than co_similar_text. Exposed for tests and detectors.
std::vector<KeyedAction> NetworkActions(const World& w, const std::vector<Act>& acts,
                                        const std::vector<PostId>& roots, NetworkType type,
                                        const CoordConfig& config);

}  // namespace sluice::coord
