// A min-heap over items 0..n-1 with a value each, supporting "lower this item's value" and
// "remove the minimum" in O(log n): the priority structure of FRAUDAR's greedy peeling, where
// every removed edge lowers the value of the node at its other end.
//
// Four children per node and values stored in the heap entries themselves: peeling a large graph
// is dominated by cache misses in Lower(), and this layout halves them against a binary heap
// that looks values up by item.
//
// Ties break by item index (smaller first), so peeling order — and every result built on it — is
// the same on every run and every standard library.
#pragma once

#include <cstdint>
#include <vector>

namespace sluice::coord {

class IndexedMinHeap {
 public:
  explicit IndexedMinHeap(const std::vector<double>& values) {
    const uint32_t n = static_cast<uint32_t>(values.size());
    heap_.resize(n);
    pos_.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      heap_[i] = {values[i], i};
      pos_[i] = i;
    }
    for (uint32_t i = n / kArity + 1; i-- > 0;) Down(i);
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  bool contains(uint32_t item) const { return pos_[item] != kGone; }
  // REQUIRES: contains(item).
  double value(uint32_t item) const { return heap_[pos_[item]].value; }

  // REQUIRES: !empty().
  uint32_t top() const { return heap_[0].item; }

  // Removes the minimum; returns it and stores its value in *value. REQUIRES: !empty().
  uint32_t Pop(double* value) {
    Entry top = heap_[0];
    Entry last = heap_.back();
    heap_.pop_back();
    pos_[top.item] = kGone;
    if (!heap_.empty()) {
      heap_[0] = last;
      pos_[last.item] = 0;
      Down(0);
    }
    *value = top.value;
    return top.item;
  }

  // Adds `delta` (<= 0) to the item's value. REQUIRES: contains(item).
  void Lower(uint32_t item, double delta) {
    uint32_t i = pos_[item];
    heap_[i].value += delta;
    Up(i);
  }

 private:
  static constexpr uint32_t kGone = UINT32_MAX;
  static constexpr uint32_t kArity = 4;
  struct Entry {
    double value;
    uint32_t item;
  };
  static bool Less(const Entry& a, const Entry& b) {
    return a.value < b.value || (a.value == b.value && a.item < b.item);
  }
  void Up(uint32_t i) {
    Entry e = heap_[i];
    while (i > 0) {
      uint32_t parent = (i - 1) / kArity;
      if (!Less(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      pos_[heap_[i].item] = i;
      i = parent;
    }
    heap_[i] = e;
    pos_[e.item] = i;
  }
  void Down(uint32_t i) {
    const uint32_t n = static_cast<uint32_t>(heap_.size());
    if (i >= n) return;
    Entry e = heap_[i];
    while (true) {
      uint32_t first = kArity * i + 1;
      if (first >= n) break;
      uint32_t best = first;
      uint32_t end = first + kArity < n ? first + kArity : n;
      for (uint32_t c = first + 1; c < end; ++c)
        if (Less(heap_[c], heap_[best])) best = c;
      if (!Less(heap_[best], e)) break;
      heap_[i] = heap_[best];
      pos_[heap_[i].item] = i;
      i = best;
    }
    heap_[i] = e;
    pos_[e.item] = i;
  }

  std::vector<Entry> heap_;
  std::vector<uint32_t> pos_;  // item -> place in heap_, kGone once popped
};

}  // namespace sluice::coord
