// The original at the top of every post's repost_of chain, shared by the detectors that read the
// repost forest (coord's co-repost by root, narr's clusters and cascades).
#pragma once

#include <cstdint>
#include <vector>

#include "world/world.h"

namespace sluice {

// Where a chain ends besides at a post that reposts nothing:
//   kAnyPost      — follows repost_of into posts only referenced, never declared (two reposts of
//                   one unknown original still share their root; co-repost by root needs that);
//   kDeclaredPost — stops at the last declared post (a repost of an unknown post is the known
//                   start of its own cascade; narratives need that).
enum class ChainEnd { kAnyPost, kDeclaredPost };

// root[i] is the post at the top of post i's chain (i itself when it starts one). A cycle in
// repost_of (bad data) is cut at the post where the walk found it, which becomes a root; when
// cycles is given, each cut adds one to it. O(posts).
std::vector<PostId> RepostRoots(const PostTable& p, ChainEnd end, uint64_t* cycles = nullptr);

}  // namespace sluice
