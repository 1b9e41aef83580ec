#include "coord/fraudar.h"

#include <gtest/gtest.h>

#include <algorithm>
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
