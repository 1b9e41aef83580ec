#include "coord/fraudar.h"

#include <algorithm>
#include <cmath>

#include "coord/indexed_min_heap.h"
#include "coord/radix_sort.h"

namespace sluice::coord {
namespace {

// The graph in both orientations; edge e of the row-major list is alive until a block takes it.
struct Graph {
  uint32_t rows = 0, cols = 0;
  std::vector<uint64_t> row_begin, col_begin;
  std::vector<uint32_t> row_col;   // row-major: column of each edge
  std::vector<uint32_t> col_row;   // column-major: row of each edge ...
  std::vector<uint64_t> col_edge;  // ... and its index in the row-major list
  std::vector<uint8_t> alive;      // by row-major edge index
};

Graph MakeGraph(std::vector<BipartiteEdge>& input, uint32_t rows, uint32_t cols) {
  // Sorted and distinct, as (row << 32 | col).
  std::vector<uint64_t> edges(input.size());
  for (size_t i = 0; i < input.size(); ++i)
    edges[i] = (static_cast<uint64_t>(input[i].row) << 32) | input[i].col;
  input = {};
  RadixSort(&edges);
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  Graph g;
  g.rows = rows;
  g.cols = cols;
  const uint64_t m = edges.size();
  g.row_begin.assign(rows + 1, 0);
  g.col_begin.assign(cols + 1, 0);
  for (uint64_t e : edges) {
    ++g.row_begin[(e >> 32) + 1];
    ++g.col_begin[(e & 0xffffffffu) + 1];
  }
  for (uint32_t r = 0; r < rows; ++r) g.row_begin[r + 1] += g.row_begin[r];
  for (uint32_t c = 0; c < cols; ++c) g.col_begin[c + 1] += g.col_begin[c];
  g.row_col.resize(m);
  g.col_row.resize(m);
  g.col_edge.resize(m);
  std::vector<uint64_t> fill(g.col_begin.begin(), g.col_begin.end() - 1);
  for (uint64_t e = 0; e < m; ++e) {
    uint32_t row = static_cast<uint32_t>(edges[e] >> 32), col = static_cast<uint32_t>(edges[e]);
    g.row_col[e] = col;
    uint64_t at = fill[col]++;
    g.col_row[at] = row;  // rows ascend within a column: edges are row-sorted
    g.col_edge[at] = e;
  }
  g.alive.assign(m, 1);
  return g;
}

FraudarBlock PeelOnce(Graph& g, double log_c, const std::vector<uint32_t>& outside) {
  const uint32_t R = g.rows, C = g.cols;
  std::vector<uint32_t> deg(C, 0);
  for (uint64_t e = 0; e < g.row_col.size(); ++e) deg[g.row_col[e]] += g.alive[e];
  std::vector<double> w(C);
  for (uint32_t c = 0; c < C; ++c)
    w[c] = 1.0 / std::log(static_cast<double>(deg[c]) + (outside.empty() ? 0.0 : outside[c]) + log_c);

  // Nodes 0..R-1 are rows, R..R+C-1 columns; only nodes with an alive edge take part (a node
  // without one would be peeled first at no cost and never belongs to the best set).
  std::vector<double> value(static_cast<size_t>(R) + C, 0.0);
  std::vector<uint8_t> present(static_cast<size_t>(R) + C, 0);
  double total = 0;
  uint64_t present_count = 0;
  for (uint32_t r = 0; r < R; ++r) {
    for (uint64_t e = g.row_begin[r]; e < g.row_begin[r + 1]; ++e) {
      if (!g.alive[e]) continue;
      value[r] += w[g.row_col[e]];
      present[r] = 1;
    }
  }
  for (uint32_t c = 0; c < C; ++c) {
    for (uint32_t k = 0; k < deg[c]; ++k) value[R + c] += w[c];
    present[R + c] = deg[c] > 0;
  }
  for (uint32_t r = 0; r < R; ++r) total += value[r];
  uint64_t rows_left = 0, cols_left = 0;
  for (uint32_t r = 0; r < R; ++r) rows_left += present[r];
  for (uint32_t c = 0; c < C; ++c) cols_left += present[R + c];
  present_count = rows_left + cols_left;

  FraudarBlock block;
  if (rows_left == 0 || cols_left == 0) return block;
  IndexedMinHeap heap(value);
  // Absent nodes leave the heap first, without counting as peeled.
  std::vector<uint32_t> order;  // peeled present nodes, in order
  order.reserve(present_count);
  double score = total;
  double best = total / static_cast<double>(present_count);
  size_t best_peeled = 0;
  while (rows_left > 0 && cols_left > 0 && !heap.empty()) {
    double delta;
    uint32_t v = heap.Pop(&delta);
    if (!present[v]) continue;
    score -= delta;
    if (v < R) {
      for (uint64_t e = g.row_begin[v]; e < g.row_begin[v + 1]; ++e) {
        if (!g.alive[e]) continue;
        uint32_t c = g.row_col[e];
        if (heap.contains(R + c)) heap.Lower(R + c, -w[c]);
      }
      --rows_left;
    } else {
      uint32_t c = v - R;
      for (uint64_t k = g.col_begin[c]; k < g.col_begin[c + 1]; ++k) {
        if (!g.alive[g.col_edge[k]]) continue;
        uint32_t r = g.col_row[k];
        if (heap.contains(r)) heap.Lower(r, -w[c]);
      }
      --cols_left;
    }
    order.push_back(v);
    uint64_t left = rows_left + cols_left;
    if (left == 0) break;
    double avg = score / static_cast<double>(left);
    if (avg > best) {
      best = avg;
      best_peeled = order.size();
    }
  }
  std::vector<uint8_t> in(static_cast<size_t>(R) + C, 0);
  for (size_t i = 0; i < in.size(); ++i) in[i] = present[i];
  for (size_t i = 0; i < best_peeled; ++i) in[order[i]] = 0;
  for (uint32_t r = 0; r < R; ++r)
    if (in[r]) block.rows.push_back(r);
  for (uint32_t c = 0; c < C; ++c)
    if (in[R + c]) block.cols.push_back(c);
  block.score = best;
  // Take the block's edges out of the graph for the next round.
  for (uint32_t r : block.rows)
    for (uint64_t e = g.row_begin[r]; e < g.row_begin[r + 1]; ++e)
      if (g.alive[e] && in[R + g.row_col[e]]) {
        g.alive[e] = 0;
        ++block.edges;
      }
  return block;
}

}  // namespace

std::vector<FraudarBlock> Fraudar(std::vector<BipartiteEdge> edges, uint32_t rows, uint32_t cols,
                                  const FraudarOptions& options) {
  Graph g = MakeGraph(edges, rows, cols);
  edges = {};
  std::vector<FraudarBlock> blocks;
  for (uint32_t b = 0; b < options.blocks; ++b) {
    FraudarBlock block = PeelOnce(g, options.log_c, options.outside_degree);
    if (block.rows.empty() || block.cols.empty()) break;
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace sluice::coord
