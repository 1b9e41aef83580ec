#include "coord/fraudar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "coord/indexed_min_heap.h"
#include "coord/test_world.h"

namespace sluice::coord {
namespace {

using testing::Rand;

FraudarOptions Blocks(uint32_t n) {
  FraudarOptions o;
  o.blocks = n;
  return o;
}

TEST(IndexedMinHeapTest, PopsInValueThenIndexOrderAfterLowering) {
  IndexedMinHeap h({5, 3, 3, 9, 1});
  h.Lower(3, -8.5);  // 9 -> 0.5
  std::vector<uint32_t> order;
  std::vector<double> values;
  while (!h.empty()) {
    double v;
    order.push_back(h.Pop(&v));
    values.push_back(v);
  }
  EXPECT_EQ(order, (std::vector<uint32_t>{3, 4, 1, 2, 0}));
  EXPECT_EQ(values, (std::vector<double>{0.5, 1, 3, 3, 5}));
}

TEST(IndexedMinHeapTest, MatchesASortOnRandomLowering) {
  Rand rng(3);
  std::vector<double> v(1000);
  for (double& x : v) x = static_cast<double>(rng.Below(100));
  IndexedMinHeap h(v);
  for (int k = 0; k < 3000; ++k) {
    uint32_t i = static_cast<uint32_t>(rng.Below(v.size()));
    double d = -static_cast<double>(rng.Below(5));
    v[i] += d;
    h.Lower(i, d);
  }
  std::vector<std::pair<double, uint32_t>> want;
  for (uint32_t i = 0; i < v.size(); ++i) want.push_back({v[i], i});
  std::sort(want.begin(), want.end());
  for (const auto& [value, item] : want) {
    double got;
    ASSERT_EQ(h.Pop(&got), item);
    EXPECT_EQ(got, value);
  }
}

// Small batches make the threshold rise many times, with items lowered below it in between and
// many equal values straddling it.
TEST(IndexedMinHeapTest, RaisingThresholdKeepsValueThenIndexOrder) {
  for (uint32_t batch : {1u, 3u, 50u}) {
    Rand rng(batch);
    std::vector<double> v(600);
    for (double& x : v) x = static_cast<double>(rng.Below(40));
    IndexedMinHeap h(v, batch);
    std::vector<uint8_t> gone(v.size(), 0);
    size_t left = v.size();
    while (left > 0) {
      // Lower a few remaining items, then the pop must be the smallest (value, index) left.
      for (int k = 0; k < 3; ++k) {
        uint32_t i = static_cast<uint32_t>(rng.Below(v.size()));
        if (gone[i]) continue;
        double d = -static_cast<double>(rng.Below(6));
        v[i] += d;
        h.Lower(i, d);
        EXPECT_EQ(h.value(i), v[i]);
      }
      uint32_t want = UINT32_MAX;
      for (uint32_t i = 0; i < v.size(); ++i)
        if (!gone[i] && (want == UINT32_MAX || v[i] < v[want])) want = i;
      double got;
      ASSERT_EQ(h.Pop(&got), want) << "batch " << batch << ", " << left << " left";
      EXPECT_EQ(got, v[want]);
      EXPECT_FALSE(h.contains(want));
      gone[want] = 1;
      --left;
    }
    EXPECT_TRUE(h.empty());
  }
}

// FRAUDAR's peeling written the plain way: every step scans all nodes for the smallest
// (value, node) with rows numbered before columns. The fast peel must return the same blocks.
std::vector<FraudarBlock> NaiveFraudar(const std::vector<BipartiteEdge>& input, uint32_t rows,
                                       uint32_t cols, uint32_t blocks, double log_c) {
  std::set<std::pair<uint32_t, uint32_t>> edges;
  for (BipartiteEdge e : input) edges.insert({e.row, e.col});
  std::vector<FraudarBlock> out;
  for (uint32_t b = 0; b < blocks; ++b) {
    std::vector<uint32_t> deg(cols, 0), row_deg(rows, 0);
    for (auto [r, c] : edges) ++deg[c], ++row_deg[r];
    std::vector<double> w(cols), value(rows + cols, 0);
    for (uint32_t c = 0; c < cols; ++c) w[c] = 1.0 / std::log(deg[c] + log_c);
    for (auto [r, c] : edges) value[r] += w[c];  // row-major, ascending columns
    double total = 0;
    for (uint32_t r = 0; r < rows; ++r) total += value[r];
    for (uint32_t c = 0; c < cols; ++c)
      for (uint32_t k = 0; k < deg[c]; ++k) value[rows + c] += w[c];
    std::vector<uint8_t> alive(rows + cols);
    uint64_t rows_left = 0, cols_left = 0;
    for (uint32_t r = 0; r < rows; ++r) rows_left += alive[r] = row_deg[r] > 0;
    for (uint32_t c = 0; c < cols; ++c) cols_left += alive[rows + c] = deg[c] > 0;
    if (rows_left == 0 || cols_left == 0) break;
    std::vector<uint8_t> in = alive;
    double score = total, best = total / static_cast<double>(rows_left + cols_left);
    std::vector<uint32_t> order;
    size_t best_peeled = 0;
    while (rows_left > 0 && cols_left > 0) {
      uint32_t v = UINT32_MAX;
      for (uint32_t i = 0; i < rows + cols; ++i)
        if (alive[i] && (v == UINT32_MAX || value[i] < value[v])) v = i;
      alive[v] = 0;
      score -= value[v];
      for (auto [r, c] : edges) {
        if (v < rows && r == v && alive[rows + c]) value[rows + c] -= w[c];
        if (v >= rows && c == v - rows && alive[r]) value[r] -= w[c];
      }
      v < rows ? --rows_left : --cols_left;
      order.push_back(v);
      if (rows_left + cols_left == 0) break;
      double avg = score / static_cast<double>(rows_left + cols_left);
      if (avg > best) best = avg, best_peeled = order.size();
    }
    for (size_t i = 0; i < best_peeled; ++i) in[order[i]] = 0;
    FraudarBlock block;
    for (uint32_t r = 0; r < rows; ++r)
      if (in[r]) block.rows.push_back(r);
    for (uint32_t c = 0; c < cols; ++c)
      if (in[rows + c]) block.cols.push_back(c);
    block.score = best;
    for (auto it = edges.begin(); it != edges.end();)
      if (in[it->first] && in[rows + it->second]) it = edges.erase(it), ++block.edges;
      else ++it;
    out.push_back(block);
  }
  return out;
}

TEST(FraudarTest, SameBlocksAsAPlainPeelOnGraphsFullOfTies) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    Rand rng(seed);
    const uint32_t rows = 30 + static_cast<uint32_t>(rng.Below(50));
    const uint32_t cols = 10 + static_cast<uint32_t>(rng.Below(30));
    std::vector<BipartiteEdge> e;
    const uint64_t m = rows * (1 + rng.Below(4));
    for (uint64_t i = 0; i < m; ++i)
      e.push_back({static_cast<uint32_t>(rng.Below(rows)), static_cast<uint32_t>(rng.Skewed(cols))});
    for (uint32_t r = 0; r < 6; ++r)  // a small dense block
      for (uint32_t c = cols - 5; c < cols; ++c) e.push_back({rows - 1 - r, c});
    auto want = NaiveFraudar(e, rows, cols, 3, 5);
    auto got = Fraudar(e, rows, cols, Blocks(3));
    ASSERT_EQ(got.size(), want.size()) << "seed " << seed;
    for (size_t b = 0; b < want.size(); ++b) {
      EXPECT_EQ(got[b].rows, want[b].rows) << "seed " << seed << " block " << b;
      EXPECT_EQ(got[b].cols, want[b].cols) << "seed " << seed << " block " << b;
      EXPECT_EQ(got[b].score, want[b].score) << "seed " << seed << " block " << b;
      EXPECT_EQ(got[b].edges, want[b].edges) << "seed " << seed << " block " << b;
    }
  }
}

TEST(FraudarTest, FindsACompleteBipartiteCoreAmongPendants) {
  // K(3,3) on rows 0-2 × cols 0-2, plus rows 3-8 with one edge each to cols 3-8.
  std::vector<BipartiteEdge> e;
  for (uint32_t r = 0; r < 3; ++r)
    for (uint32_t c = 0; c < 3; ++c) e.push_back({r, c});
  for (uint32_t r = 3; r < 9; ++r) e.push_back({r, r});
  e.push_back({0, 0});  // duplicates count once
  auto blocks = Fraudar(e, 9, 9, Blocks(1));
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].rows, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(blocks[0].cols, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(blocks[0].edges, 9u);
}

struct Planted {
  std::vector<BipartiteEdge> edges;
  std::set<uint32_t> fraud_rows;
};

// A sparse random graph with popular columns, a 40 × 30 block of density 0.6, and camouflage: each
// fraud row adds as many edges to popular columns as it has in the block.
Planted Inject(uint64_t seed, uint32_t rows, uint32_t cols, uint32_t block_rows, uint32_t first_row,
               double camouflage) {
  Rand rng(seed);
  Planted p;
  for (uint32_t i = 0; i < rows * 4; ++i)
    p.edges.push_back({static_cast<uint32_t>(rng.Below(rows)), static_cast<uint32_t>(rng.Skewed(cols))});
  for (uint32_t r = first_row; r < first_row + block_rows; ++r) {
    p.fraud_rows.insert(r);
    for (uint32_t c = cols - 30; c < cols; ++c) {
      if (!rng.Chance(0.6)) continue;
      p.edges.push_back({r, c});
      if (rng.Chance(camouflage)) p.edges.push_back({r, static_cast<uint32_t>(rng.Skewed(cols / 4))});
    }
  }
  return p;
}

double RowF1(const std::vector<uint32_t>& found, const std::set<uint32_t>& truth) {
  size_t tp = 0;
  for (uint32_t r : found) tp += truth.count(r);
  return found.empty() ? 0 : 2.0 * tp / (found.size() + truth.size());
}

TEST(FraudarTest, PlantedBlockWithCamouflageIsFound) {
  for (uint64_t seed : {1, 2, 3}) {
    Planted p = Inject(seed, 2000, 1000, 40, 500, 1.0);
    auto blocks = Fraudar(p.edges, 2000, 1000, Blocks(1));
    ASSERT_FALSE(blocks.empty());
    EXPECT_GE(RowF1(blocks[0].rows, p.fraud_rows), 0.95) << "seed " << seed;
    // Every planted target is in; besides them only the most popular columns, which the
    // camouflage made dense with the fraud rows too.
    size_t planted = 0;
    for (uint32_t c : blocks[0].cols) planted += c >= 970;
    EXPECT_EQ(planted, 30u);
    EXPECT_LE(blocks[0].cols.size(), 40u);
  }
}

TEST(FraudarTest, SeveralBlocksInTurn) {
  Planted p = Inject(7, 2000, 1000, 40, 100, 1.0);
  Planted q = Inject(8, 2000, 1000, 40, 900, 1.0);
  for (BipartiteEdge e : q.edges)
    if (q.fraud_rows.count(e.row) && e.col >= 970) p.edges.push_back({e.row, e.col - 100});
  // Peeling may return the two blocks together or one after the other: the first block, or the
  // first two, hold both and little else.
  auto blocks = Fraudar(p.edges, 2000, 1000, Blocks(2));
  ASSERT_EQ(blocks.size(), 2u);
  std::set<uint32_t> truth = p.fraud_rows;
  truth.insert(q.fraud_rows.begin(), q.fraud_rows.end());
  std::vector<uint32_t> both = blocks[0].rows;
  both.insert(both.end(), blocks[1].rows.begin(), blocks[1].rows.end());
  std::sort(both.begin(), both.end());
  EXPECT_GE(std::max(RowF1(blocks[0].rows, truth), RowF1(both, truth)), 0.9);
  EXPECT_GE(blocks[0].score, blocks[1].score);
}

TEST(FraudarTest, DeterministicAndOrderIndependent) {
  Planted p = Inject(11, 1500, 800, 30, 10, 1.0);
  auto a = Fraudar(p.edges, 1500, 800, Blocks(3));
  std::reverse(p.edges.begin(), p.edges.end());
  auto b = Fraudar(p.edges, 1500, 800, Blocks(3));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].rows, b[i].rows);
    EXPECT_EQ(a[i].cols, b[i].cols);
    EXPECT_EQ(a[i].score, b[i].score);
  }
}

TEST(FraudarTest, EmptyGraphGivesNoBlock) {
  EXPECT_TRUE(Fraudar({}, 10, 10, Blocks(3)).empty());
}

}  // namespace
}  // namespace sluice::coord
