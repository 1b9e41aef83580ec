#include "narr/cascade.h"

#include <algorithm>
#include <tuple>

namespace sluice::narr {
namespace {

// Children lists in CSR form and a breadth-first order from the roots. Nodes not reached (on a
// parent cycle) become roots.
struct Forest {
  std::vector<uint32_t> parent, first_child, children, order, level, root;
};

Forest Build(const std::vector<uint32_t>& parent_in) {
  Forest f;
  size_t n = parent_in.size();
  f.parent = parent_in;
  auto build_children = [&] {
    f.first_child.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i)
      if (f.parent[i] != kNoParent) ++f.first_child[f.parent[i] + 1];
    for (size_t i = 0; i < n; ++i) f.first_child[i + 1] += f.first_child[i];
    f.children.assign(f.first_child[n], 0);
    std::vector<uint32_t> fill(f.first_child.begin(), f.first_child.end() - 1);
    for (size_t i = 0; i < n; ++i)
      if (f.parent[i] != kNoParent) f.children[fill[f.parent[i]]++] = static_cast<uint32_t>(i);
  };
  build_children();
  f.level.assign(n, UINT32_MAX);
  f.root.assign(n, kNoParent);
  f.order.clear();
  auto bfs_from = [&](uint32_t r) {
    size_t head = f.order.size();
    f.level[r] = 0;
    f.root[r] = r;
    f.order.push_back(r);
    while (head < f.order.size()) {
      uint32_t u = f.order[head++];
      for (uint32_t k = f.first_child[u]; k < f.first_child[u + 1]; ++k) {
        uint32_t c = f.children[k];
        if (f.level[c] != UINT32_MAX) continue;
        f.level[c] = f.level[u] + 1;
        f.root[c] = r;
        f.order.push_back(c);
      }
    }
  };
  for (size_t i = 0; i < n; ++i)
    if (f.parent[i] == kNoParent) bfs_from(static_cast<uint32_t>(i));
  bool cut = false;
  for (size_t i = 0; i < n; ++i)
    if (f.level[i] == UINT32_MAX) {
      f.parent[i] = kNoParent;  // on a cycle: cut it here
      cut = true;
      bfs_from(static_cast<uint32_t>(i));
    }
  if (cut) build_children();
  return f;
}

}  // namespace

double StructuralVirality(const std::vector<uint32_t>& parent) {
  size_t n = parent.size();
  if (n < 2) return 0;
  Forest f = Build(parent);
  std::vector<uint64_t> below(n, 1);
  double sum = 0;  // sum over unordered pairs of their distance
  for (size_t k = f.order.size(); k-- > 0;) {
    uint32_t u = f.order[k];
    if (f.parent[u] == kNoParent) continue;
    sum += static_cast<double>(below[u]) * static_cast<double>(n - below[u]);
    below[f.parent[u]] += below[u];
  }
  return 2.0 * sum / (static_cast<double>(n) * static_cast<double>(n - 1));
}

CascadeStats AnalyzeCascade(const std::vector<CascadeNode>& nodes, size_t max_list) {
  CascadeStats st;
  size_t n = nodes.size();
  st.nodes = n;
  if (n == 0) return st;
  std::vector<uint32_t> parent(n);
  for (size_t i = 0; i < n; ++i) parent[i] = nodes[i].parent;
  Forest f = Build(parent);

  std::vector<uint64_t> below(n, 1);  // subtree sizes
  for (size_t k = f.order.size(); k-- > 0;) {
    uint32_t u = f.order[k];
    if (f.parent[u] != kNoParent) below[f.parent[u]] += below[u];
  }
  std::vector<uint64_t> per_level;
  int64_t first = nodes[0].time;
  std::vector<int64_t> repost_times;
  std::vector<uint32_t> repost_accounts;
  uint32_t biggest = kNoParent;
  for (size_t i = 0; i < n; ++i) {
    first = std::min(first, nodes[i].time);
    uint32_t lv = f.level[i];
    if (per_level.size() <= lv) per_level.resize(lv + 1, 0);
    ++per_level[lv];
    st.depth = std::max(st.depth, lv);
    if (f.parent[i] == kNoParent) {
      ++st.roots;
      auto key = [&](uint32_t r) { return std::make_tuple(below[r], -nodes[r].time, -static_cast<int64_t>(nodes[r].post)); };
      if (biggest == kNoParent || key(static_cast<uint32_t>(i)) > key(biggest)) biggest = static_cast<uint32_t>(i);
    } else {
      repost_times.push_back(nodes[i].time);
      repost_accounts.push_back(nodes[i].account);
    }
  }
  st.reposts = repost_times.size();
  for (uint64_t c : per_level) st.max_breadth = std::max(st.max_breadth, c);
  std::sort(repost_times.begin(), repost_times.end());
  auto time_to = [&](size_t k) -> int64_t {
    return repost_times.size() >= k ? repost_times[k - 1] - first : -1;
  };
  st.t10 = time_to(10);
  st.t100 = time_to(100);
  st.t1000 = time_to(1000);
  std::sort(repost_accounts.begin(), repost_accounts.end());
  st.downstream_accounts = static_cast<uint64_t>(
      std::unique(repost_accounts.begin(), repost_accounts.end()) - repost_accounts.begin());

  // Structural virality of the largest tree, from the same subtree sizes.
  st.largest_tree = below[biggest];
  if (st.largest_tree >= 2) {
    double sum = 0, m = static_cast<double>(st.largest_tree);
    for (size_t i = 0; i < n; ++i)
      if (f.parent[i] != kNoParent && f.root[i] == biggest)
        sum += static_cast<double>(below[i]) * (m - static_cast<double>(below[i]));
    st.structural_virality = 2.0 * sum / (m * (m - 1));
  }

  // Seeders: roots by time (then post id), one per account.
  std::vector<uint32_t> roots, reposts;
  for (size_t i = 0; i < n; ++i) (f.parent[i] == kNoParent ? roots : reposts).push_back(static_cast<uint32_t>(i));
  std::sort(roots.begin(), roots.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(nodes[a].time, nodes[a].post) < std::tie(nodes[b].time, nodes[b].post);
  });
  std::vector<uint32_t> seen;
  for (uint32_t r : roots) {
    if (st.seeders.size() >= max_list) break;
    if (std::find(seen.begin(), seen.end(), nodes[r].account) != seen.end()) continue;
    seen.push_back(nodes[r].account);
    st.seeders.push_back({nodes[r].account, nodes[r].post, nodes[r].time});
  }
  // Amplifiers: reposts by reposts below them (then earliest), one per account.
  std::sort(reposts.begin(), reposts.end(), [&](uint32_t a, uint32_t b) {
    if (below[a] != below[b]) return below[a] > below[b];
    return std::tie(nodes[a].time, nodes[a].post) < std::tie(nodes[b].time, nodes[b].post);
  });
  seen.clear();
  for (uint32_t r : reposts) {
    if (st.amplifiers.size() >= max_list || below[r] < 2) break;
    if (std::find(seen.begin(), seen.end(), nodes[r].account) != seen.end()) continue;
    seen.push_back(nodes[r].account);
    st.amplifiers.push_back({nodes[r].account, nodes[r].post, below[r] - 1});
  }
  return st;
}

}  // namespace sluice::narr
