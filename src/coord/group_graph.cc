#include "coord/group_graph.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sluice::coord {

UnionFind::UnionFind(uint32_t n) : parent_(n), size_(n, 1) {
  for (uint32_t i = 0; i < n; ++i) parent_[i] = i;
}

uint32_t UnionFind::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (size_[a] < size_[b] || (size_[a] == size_[b] && a > b)) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
}

namespace {

// Local graph over a member list: adjacency by local index.
struct Local {
  std::vector<AccountId> ids;                 // sorted
  std::vector<std::vector<uint32_t>> adj;
};

// Components of the subgraph induced by `keep`, as local index lists.
std::vector<std::vector<uint32_t>> Components(const Local& g, const std::vector<uint8_t>& keep) {
  const uint32_t n = static_cast<uint32_t>(g.ids.size());
  std::vector<int32_t> comp(n, -1);
  std::vector<std::vector<uint32_t>> out;
  for (uint32_t s = 0; s < n; ++s) {
    if (!keep[s] || comp[s] >= 0) continue;
    out.emplace_back();
    std::vector<uint32_t> stack{s};
    comp[s] = static_cast<int32_t>(out.size() - 1);
    while (!stack.empty()) {
      uint32_t v = stack.back();
      stack.pop_back();
      out.back().push_back(v);
      for (uint32_t u : g.adj[v])
        if (keep[u] && comp[u] < 0) {
          comp[u] = comp[s];
          stack.push_back(u);
        }
    }
    std::sort(out.back().begin(), out.back().end());
  }
  return out;
}

// Peels `members` until every one has at least ceil(ρ (k - 1)) links inside; returns survivors.
std::vector<uint32_t> Peel(const Local& g, std::vector<uint32_t> members, double rho) {
  std::vector<uint8_t> in(g.ids.size(), 0);
  for (uint32_t v : members) in[v] = 1;
  std::vector<uint32_t> deg(g.ids.size(), 0);
  for (uint32_t v : members)
    for (uint32_t u : g.adj[v]) deg[v] += in[u];
  std::set<std::pair<uint32_t, uint32_t>> order;  // (degree, member)
  for (uint32_t v : members) order.insert({deg[v], v});
  size_t k = members.size();
  while (k > 0) {
    auto [d, v] = *order.begin();
    double need = std::ceil(rho * static_cast<double>(k - 1) - 1e-9);
    if (static_cast<double>(d) >= need) break;
    order.erase(order.begin());
    in[v] = 0;
    --k;
    for (uint32_t u : g.adj[v]) {
      if (!in[u]) continue;
      order.erase({deg[u], u});
      --deg[u];
      order.insert({deg[u], u});
    }
  }
  std::vector<uint32_t> out;
  for (uint32_t v : members)
    if (in[v]) out.push_back(v);
  return out;
}

}  // namespace

std::vector<std::vector<AccountId>> QuasiCliqueGroups(const std::vector<UndirectedEdge>& edges,
                                                      double rho, uint32_t min_size) {
  Local g;
  for (const UndirectedEdge& e : edges) {
    g.ids.push_back(e.a);
    g.ids.push_back(e.b);
  }
  std::sort(g.ids.begin(), g.ids.end());
  g.ids.erase(std::unique(g.ids.begin(), g.ids.end()), g.ids.end());
  auto local = [&](AccountId a) {
    return static_cast<uint32_t>(std::lower_bound(g.ids.begin(), g.ids.end(), a) - g.ids.begin());
  };
  g.adj.resize(g.ids.size());
  for (const UndirectedEdge& e : edges) {
    uint32_t a = local(e.a), b = local(e.b);
    if (a == b) continue;
    g.adj[a].push_back(b);
    g.adj[b].push_back(a);
  }
  for (auto& l : g.adj) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
  }
  std::vector<uint8_t> keep(g.ids.size(), 1);
  std::vector<std::vector<uint32_t>> work = Components(g, keep), done;
  // Peel each component; where peeling removed members, the rest may fall apart: split and
  // peel again until stable.
  while (!work.empty()) {
    std::vector<uint32_t> c = std::move(work.back());
    work.pop_back();
    if (c.size() < min_size) continue;
    std::vector<uint32_t> p = Peel(g, c, rho);
    if (p.size() < min_size) continue;
    if (p.size() == c.size()) {
      done.push_back(std::move(p));
      continue;
    }
    std::vector<uint8_t> in(g.ids.size(), 0);
    for (uint32_t v : p) in[v] = 1;
    for (auto& part : Components(g, in)) work.push_back(std::move(part));
  }
  std::vector<std::vector<AccountId>> out;
  for (const auto& c : done) {
    std::vector<AccountId> ids;
    for (uint32_t v : c) ids.push_back(g.ids[v]);
    out.push_back(std::move(ids));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sluice::coord
