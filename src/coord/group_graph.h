// Groups from an undirected account graph: connected components, each peeled to a quasi-clique
// (every member linked to at least a share ρ of the other members), splitting again where peeling
// cut a component apart. Peeling removes the member with the fewest links first (ties: lower id),
// so the result depends only on the graph.
#pragma once

#include <cstdint>
#include <vector>

#include "world/world.h"

namespace sluice::coord {

struct UndirectedEdge {
  AccountId a, b;  // a != b
};

// Union-find with path halving and union by size.
class UnionFind {
 public:
  explicit UnionFind(uint32_t n);
  uint32_t Find(uint32_t x);
  void Union(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_, size_;
};

// Groups of at least `min_size` members, each sorted; groups sorted by their first member.
// `quasi_clique` = ρ in [0, 1]; 0 keeps plain components.
std::vector<std::vector<AccountId>> QuasiCliqueGroups(const std::vector<UndirectedEdge>& edges,
                                                      double quasi_clique, uint32_t min_size);

}  // namespace sluice::coord
