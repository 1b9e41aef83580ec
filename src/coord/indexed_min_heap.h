// A binary min-heap over items 0..n-1 with a value each, supporting "lower this item's value" and
// "remove the minimum" in O(log n): the priority structure of FRAUDAR's greedy peeling, where
// every removed edge lowers the value of the node at its other end.
//
// Ties break by item index (smaller first), so peeling order — and every result built on it — is
// the same on every run and every standard library.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace sluice::coord {

class IndexedMinHeap {
 public:
  explicit IndexedMinHeap(std::vector<double> values) : value_(std::move(values)) {
    const uint32_t n = static_cast<uint32_t>(value_.size());
    heap_.resize(n);
    pos_.resize(n);
    for (uint32_t i = 0; i < n; ++i) heap_[i] = pos_[i] = i;
    for (uint32_t i = n / 2; i-- > 0;) Down(i);
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  bool contains(uint32_t item) const { return pos_[item] != kGone; }
  double value(uint32_t item) const { return value_[item]; }

  // REQUIRES: !empty().
  uint32_t top() const { return heap_[0]; }

  // Removes and returns the minimum. REQUIRES: !empty().
  uint32_t Pop() {
    uint32_t top = heap_[0];
    uint32_t last = heap_.back();
    heap_.pop_back();
    pos_[top] = kGone;
    if (!heap_.empty()) {
      heap_[0] = last;
      pos_[last] = 0;
      Down(0);
    }
    return top;
  }

  // Adds `delta` (<= 0) to the item's value. REQUIRES: contains(item).
  void Lower(uint32_t item, double delta) {
    value_[item] += delta;
    Up(pos_[item]);
  }

 private:
  static constexpr uint32_t kGone = UINT32_MAX;
  bool Less(uint32_t a, uint32_t b) const {
    return value_[a] < value_[b] || (value_[a] == value_[b] && a < b);
  }
  void Up(uint32_t i) {
    uint32_t item = heap_[i];
    while (i > 0) {
      uint32_t parent = (i - 1) / 2;
      if (!Less(item, heap_[parent])) break;
      heap_[i] = heap_[parent];
      pos_[heap_[i]] = i;
      i = parent;
    }
    heap_[i] = item;
    pos_[item] = i;
  }
  void Down(uint32_t i) {
    const uint32_t n = static_cast<uint32_t>(heap_.size());
    uint32_t item = heap_[i];
    while (true) {
      uint32_t c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && Less(heap_[c + 1], heap_[c])) ++c;
      if (!Less(heap_[c], item)) break;
      heap_[i] = heap_[c];
      pos_[heap_[i]] = i;
      i = c;
    }
    heap_[i] = item;
    pos_[item] = i;
  }

  std::vector<double> value_;
  std::vector<uint32_t> heap_;  // items in heap order
  std::vector<uint32_t> pos_;   // item -> place in heap_, kGone once popped
};

}  // namespace sluice::coord
