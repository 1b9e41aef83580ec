#include "coord/fraudar.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "coord/indexed_min_heap.h"

namespace sluice::coord {
namespace {

// The graph in both orientations, each with its own alive flags so that peeling reads both
// sequentially; an edge is alive until a block takes it.
struct Graph {
  uint32_t rows = 0, cols = 0;
  std::vector<uint64_t> row_begin, col_begin;
  std::vector<uint32_t> row_col;  // row-major: column of each edge (ascending within a row)
  std::vector<uint32_t> col_row;  // column-major: row of each edge (ascending within a column)
  std::vector<uint8_t> row_alive, col_alive;
};

// Counting sort by row, then each row's columns sorted and made distinct: two passes over the
// edges where a radix sort of packed pairs needs four.
Graph MakeGraph(std::vector<BipartiteEdge>& input, uint32_t rows, uint32_t cols) {
  Graph g;
  g.rows = rows;
  g.cols = cols;
  g.row_begin.assign(rows + 1, 0);
  for (const BipartiteEdge& e : input) ++g.row_begin[e.row + 1];
  for (uint32_t r = 0; r < rows; ++r) g.row_begin[r + 1] += g.row_begin[r];
  g.row_col.resize(input.size());
  {
    std::vector<uint64_t> fill(g.row_begin.begin(), g.row_begin.end() - 1);
    for (const BipartiteEdge& e : input) g.row_col[fill[e.row]++] = e.col;
  }
  input = {};
  uint64_t m = 0;
  for (uint32_t r = 0; r < rows; ++r) {
    uint32_t* b = g.row_col.data() + g.row_begin[r];
    uint32_t* e = g.row_col.data() + g.row_begin[r + 1];
    if (!std::is_sorted(b, e)) std::sort(b, e);
    g.row_begin[r] = m;
    for (uint32_t* p = b; p < e; ++p)
      if (p == b || *p != p[-1]) g.row_col[m++] = *p;
  }
  g.row_begin[rows] = m;
  g.row_col.resize(m);
  g.row_col.shrink_to_fit();

  g.col_begin.assign(cols + 1, 0);
  for (uint32_t c : g.row_col) ++g.col_begin[c + 1];
  for (uint32_t c = 0; c < cols; ++c) g.col_begin[c + 1] += g.col_begin[c];
  g.col_row.resize(m);
  std::vector<uint64_t> fill(g.col_begin.begin(), g.col_begin.end() - 1);
  for (uint32_t r = 0; r < rows; ++r)
    for (uint64_t e = g.row_begin[r]; e < g.row_begin[r + 1]; ++e) g.col_row[fill[g.row_col[e]]++] = r;
  g.row_alive.assign(m, 1);
  g.col_alive.assign(m, 1);
  return g;
}

FraudarBlock PeelOnce(Graph& g, double log_c, const std::vector<uint32_t>& outside) {
  const uint32_t R = g.rows, C = g.cols;
  std::vector<uint32_t> deg(C, 0);
  for (uint32_t c = 0; c < C; ++c)
    for (uint64_t k = g.col_begin[c]; k < g.col_begin[c + 1]; ++k) deg[c] += g.col_alive[k];
  std::vector<double> w(C);
  for (uint32_t c = 0; c < C; ++c)
    w[c] = 1.0 / std::log(static_cast<double>(deg[c]) + (outside.empty() ? 0.0 : outside[c]) + log_c);

  // Nodes 0..R-1 are rows, R..R+C-1 columns. Only nodes with an alive edge take part: a node
  // without one would be peeled first at no cost and never belongs to the best set, so it gets an
  // infinite value and is never reached (the last row or column goes first).
  constexpr double kAbsent = std::numeric_limits<double>::infinity();
  std::vector<double> value(static_cast<size_t>(R) + C, 0.0);
  double total = 0;
  uint64_t rows_left = 0, cols_left = 0;
  for (uint32_t r = 0; r < R; ++r) {
    bool present = false;
    for (uint64_t e = g.row_begin[r]; e < g.row_begin[r + 1]; ++e) {
      if (!g.row_alive[e]) continue;
      value[r] += w[g.row_col[e]];
      present = true;
    }
    rows_left += present;
    total += value[r];
    if (!present) value[r] = kAbsent;
  }
  for (uint32_t c = 0; c < C; ++c) {
    // Added one edge at a time, as peeling takes them away.
    for (uint32_t k = 0; k < deg[c]; ++k) value[R + c] += w[c];
    cols_left += deg[c] > 0;
    if (deg[c] == 0) value[R + c] = kAbsent;
  }
  const uint64_t present_count = rows_left + cols_left;

  FraudarBlock block;
  if (rows_left == 0 || cols_left == 0) return block;
  IndexedMinHeap heap(value);
  value = {};
  std::vector<uint32_t> order;  // peeled nodes, in order
  order.reserve(present_count);
  double score = total;
  double best = total / static_cast<double>(present_count);
  size_t best_peeled = 0;
  while (rows_left > 0 && cols_left > 0) {
    double delta;
    uint32_t v = heap.Pop(&delta);
    // Peeling waits on memory, not arithmetic: the next row's edges and the slots of the nodes
    // about to be lowered are requested before they are needed.
    uint32_t next = heap.Next();
    if (next < R) __builtin_prefetch(&g.row_col[g.row_begin[next]]);
    score -= delta;
    if (v < R) {
      for (uint64_t e = g.row_begin[v]; e < g.row_begin[v + 1]; ++e) {
        heap.Prefetch(R + g.row_col[e]);
        __builtin_prefetch(&w[g.row_col[e]]);
      }
      for (uint64_t e = g.row_begin[v]; e < g.row_begin[v + 1]; ++e) {
        if (!g.row_alive[e]) continue;
        uint32_t c = g.row_col[e];
        if (heap.contains(R + c)) heap.Lower(R + c, -w[c]);
      }
      --rows_left;
    } else {
      uint32_t c = v - R;
      const double wc = w[c];
      for (uint64_t k = g.col_begin[c]; k < g.col_begin[c + 1]; ++k) heap.Prefetch(g.col_row[k]);
      for (uint64_t k = g.col_begin[c]; k < g.col_begin[c + 1]; ++k) {
        if (!g.col_alive[k]) continue;
        uint32_t r = g.col_row[k];
        if (heap.contains(r)) heap.Lower(r, -wc);
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
  // The best set: every present node not among the first best_peeled peeled.
  std::vector<uint8_t> in(static_cast<size_t>(R) + C, 0);
  for (uint32_t r = 0; r < R; ++r)
    for (uint64_t e = g.row_begin[r]; e < g.row_begin[r + 1]; ++e)
      if (g.row_alive[e]) in[r] = in[R + g.row_col[e]] = 1;
  for (size_t i = 0; i < best_peeled; ++i) in[order[i]] = 0;
  for (uint32_t r = 0; r < R; ++r)
    if (in[r]) block.rows.push_back(r);
  for (uint32_t c = 0; c < C; ++c)
    if (in[R + c]) block.cols.push_back(c);
  block.score = best;
  // Take the block's edges out of the graph for the next round.
  for (uint32_t r : block.rows)
    for (uint64_t e = g.row_begin[r]; e < g.row_begin[r + 1]; ++e) {
      uint32_t c = g.row_col[e];
      if (!g.row_alive[e] || !in[R + c]) continue;
      g.row_alive[e] = 0;
      auto first = g.col_row.begin() + static_cast<std::ptrdiff_t>(g.col_begin[c]);
      auto last = g.col_row.begin() + static_cast<std::ptrdiff_t>(g.col_begin[c + 1]);
      g.col_alive[static_cast<size_t>(std::lower_bound(first, last, r) - g.col_row.begin())] = 0;
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
