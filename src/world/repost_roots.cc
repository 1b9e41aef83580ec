#include "world/repost_roots.h"

namespace sluice {

std::vector<PostId> RepostRoots(const PostTable& p, ChainEnd end, uint64_t* cycles) {
  const PostId n = static_cast<PostId>(p.size());
  std::vector<PostId> root(n, kNone);
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on the current path, 2 done
  std::vector<PostId> path;
  for (PostId s = 0; s < n; ++s) {
    if (state[s] == 2) continue;
    path.clear();
    PostId q = s;
    PostId r;
    for (;;) {
      if (state[q] == 2) {
        r = root[q];
        break;
      }
      if (state[q] == 1) {  // a cycle: q becomes a root
        if (cycles != nullptr) ++*cycles;
        r = root[q] = q;
        state[q] = 2;
        break;
      }
      state[q] = 1;
      path.push_back(q);
      PostId parent = p.repost_of[q];
      if (parent == kNone || parent >= n || (end == ChainEnd::kDeclaredPost && !p.declared[parent])) {
        r = root[q] = q;
        state[q] = 2;
        break;
      }
      q = parent;
    }
    for (PostId x : path) {
      if (state[x] != 2) root[x] = r;
      state[x] = 2;
    }
  }
  return root;
}

}  // namespace sluice
