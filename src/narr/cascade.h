// Repost cascades: the forest that repost_of draws over a set of posts, and what it says about
// who started a narrative and who carried it.
//
// Structural virality (Goel, Anderson, Hofman, Watts, Management Science 2016) is the mean
// shortest-path distance over all pairs of nodes of a cascade tree. Summed over pairs, every
// edge is crossed by the s·(n − s) pairs it separates (s: nodes below it), so the sum takes one
// pass over subtree sizes: O(n), not the O(n²) of all pairs. A star of n nodes gives
// 2(n − 1)/n (→ 2: broadcast), a chain (n + 1)/3 (grows with n: person-to-person spread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"

namespace sluice::narr {

inline constexpr uint32_t kNoParent = UINT32_MAX;

struct CascadeNode {
  uint32_t parent = kNoParent;  // index into the node list; kNoParent for a root (an original)
  int64_t time = 0;             // Unix seconds
  uint32_t account = 0;
  uint32_t post = 0;            // caller's post id, reported back in seeders and amplifiers
};

struct Seeder {
  uint32_t account, post;
  int64_t time;
};
struct Amplifier {
  uint32_t account, post;
  uint64_t downstream;  // reposts below this repost
};

struct CascadeStats {
  uint64_t nodes = 0, roots = 0, reposts = 0;
  uint32_t depth = 0;        // longest root-to-leaf path, in edges
  uint64_t max_breadth = 0;  // most nodes on one level (roots are level 0), over the forest
  // Of the largest tree; 0 for a tree of one node.
  double structural_virality = 0;
  uint64_t largest_tree = 0;
  // Seconds from the first node to the 10th, 100th, 1000th repost; -1 when there are fewer.
  int64_t t10 = -1, t100 = -1, t1000 = -1;
  uint64_t downstream_accounts = 0;  // distinct accounts among the reposts
  std::vector<Seeder> seeders;        // earliest roots, one per account, earliest first
  std::vector<Amplifier> amplifiers;  // reposts with the most reposts below, one per account
};

// REQUIRES: every parent index is < nodes.size(). Nodes that sit on a parent cycle are treated
// as roots, so any input gives an answer. Ties are broken by time, then post id, so the result
// does not depend on node order. Keeps up to `max_list` seeders and amplifiers.
CascadeStats AnalyzeCascade(const std::vector<CascadeNode>& nodes, size_t max_list = 5);

// Structural virality of one tree given as parent indices (kNoParent for the single root).
// REQUIRES: a tree. O(n).
double StructuralVirality(const std::vector<uint32_t>& parent);

}  // namespace sluice::narr
