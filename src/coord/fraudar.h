// FRAUDAR (Hooi et al., KDD 2016): dense blocks in a bipartite graph (accounts × targets) that
// camouflage cannot hide.
//
// Each edge into target column j weighs 1 / log(deg(j) + c), so edges into popular targets —
// where fraudsters put their camouflage — count little. Greedy peeling removes, one at a time, the
// node whose removal costs the least weight, and keeps the node set with the best average
// weighted degree g(S) = f(S) / |S| seen on the way; the result is within a factor 2 of the
// optimum of g. Several blocks are found in turn: a found block's edges are removed and the column
// weights recomputed, as the reference code's detectMultiple does.
//
// Peeling uses IndexedMinHeap, so one block costs O(|E| log |V|). Ties break the way the reference
// breaks them (rows before columns, then lower index), so on the same graph both return the same
// blocks (up to floating-point summation order).
#pragma once

#include <cstdint>
#include <vector>

namespace sluice::coord {

struct BipartiteEdge {
  uint32_t row, col;
};

struct FraudarBlock {
  std::vector<uint32_t> rows, cols;  // sorted
  double score = 0;                  // g(S): weighted edges / (|rows| + |cols|)
  uint64_t edges = 0;                // edges between rows and cols (before removal)
};

struct FraudarOptions {
  double log_c = 5;
  uint32_t blocks = 1;
  // When the graph is a part of a larger one: each column's degree outside it, so column weights
  // follow the whole graph (a target popular elsewhere stays cheap here). Empty = none.
  std::vector<uint32_t> outside_degree;
};

// Duplicate edges count once. REQUIRES: row < rows and col < cols for every edge.
std::vector<FraudarBlock> Fraudar(std::vector<BipartiteEdge> edges, uint32_t rows, uint32_t cols,
                                  const FraudarOptions& options);

}  // namespace sluice::coord
