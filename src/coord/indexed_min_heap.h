// A min-queue over items 0..n-1 with a value each, supporting "lower this item's value" and
// "remove the minimum": the priority structure of FRAUDAR's greedy peeling, where every removed
// edge lowers the value of the node at its other end.
//
// Values only ever go down, and peeling pops far fewer distinct low values at a time than there
// are items, so only the items below a threshold sit in the heap; the others wait in a plain
// array. Lowering a waiting item is one array write (it enters the heap once it drops below the
// threshold); when the heap runs dry the threshold rises to let the next batch of smallest values
// in. The heap stays a fraction of the items and fits in a core's cache, where a heap of every
// item would miss it on most decrease-keys of a large graph.
//
// The heap has four children per node with values stored in its entries, so comparing a node's
// children reads one cache line.
//
// Ties break by item index (smaller first), so the pop order — and every result built on it — is
// exactly that of a plain heap over (value, item), on every run and every standard library.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace sluice::coord {

class IndexedMinHeap {
 public:
  // `min_batch`: the fewest items the threshold lets in when it rises (tests use small ones).
  explicit IndexedMinHeap(const std::vector<double>& values, uint32_t min_batch = 4096)
      : min_batch_(std::max<uint32_t>(1, min_batch)) {
    const uint32_t n = static_cast<uint32_t>(values.size());
    slot_.resize(n);
    for (uint32_t i = 0; i < n; ++i) slot_[i] = {values[i], kWaiting};
    waiting_.resize(n);
    for (uint32_t i = 0; i < n; ++i) waiting_[i] = i;
    left_ = n;
  }

  bool empty() const { return left_ == 0; }
  size_t size() const { return left_; }
  bool contains(uint32_t item) const { return slot_[item].pos != kGone; }
  // REQUIRES: contains(item).
  double value(uint32_t item) const { return slot_[item].value; }

  // Removes the minimum; returns it and stores its value in *value. REQUIRES: !empty().
  uint32_t Pop(double* value) {
    if (heap_.empty()) Raise();
    Entry top = heap_[0];
    Entry last = heap_.back();
    heap_.pop_back();
    slot_[top.item].pos = kGone;
    --left_;
    if (!heap_.empty()) {
      heap_[0] = last;
      slot_[last.item].pos = 0;
      Down(0);
    }
    *value = top.value;
    return top.item;
  }

  // The item Pop() would return if no value changed before, or UINT32_MAX when that is not known
  // without raising the threshold: for prefetching.
  uint32_t Next() const { return heap_.empty() ? UINT32_MAX : heap_[0].item; }

  // A hint that `item` is about to be lowered: its slot is fetched while the caller goes on.
  void Prefetch(uint32_t item) const { __builtin_prefetch(&slot_[item]); }

  // Adds `delta` (<= 0) to the item's value. REQUIRES: contains(item).
  void Lower(uint32_t item, double delta) {
    Slot& s = slot_[item];
    double v = s.value += delta;
    uint32_t i = s.pos;
    if (i == kWaiting) {
      if (!(v < threshold_)) return;
      i = static_cast<uint32_t>(heap_.size());
      heap_.push_back({v, item});
    } else {
      heap_[i].value = v;
    }
    Up(i);
  }

 private:
  static constexpr uint32_t kGone = UINT32_MAX;
  static constexpr uint32_t kWaiting = UINT32_MAX - 1;
  struct Entry {
    double value;
    uint32_t item;
  };
  static bool Less(const Entry& a, const Entry& b) {
    return a.value < b.value || (a.value == b.value && a.item < b.item);
  }

  // Lets in every waiting item whose value is at most the batch's largest, so the heap holds
  // exactly the items below the new threshold and every waiting value stays at or above it.
  // REQUIRES: the heap is empty and items are left.
  void Raise() {
    size_t kept = 0;
    for (uint32_t item : waiting_)
      if (slot_[item].pos == kWaiting) waiting_[kept++] = item;
    waiting_.resize(kept);
    size_t batch = std::max<size_t>(min_batch_, kept / 8);
    const bool all = batch >= kept;
    if (all) {
      threshold_ = std::numeric_limits<double>::infinity();
    } else {
      scratch_.resize(kept);
      for (size_t k = 0; k < kept; ++k) scratch_[k] = slot_[waiting_[k]].value;
      std::nth_element(scratch_.begin(), scratch_.begin() + (batch - 1), scratch_.end());
      threshold_ = std::nextafter(scratch_[batch - 1], std::numeric_limits<double>::infinity());
    }
    kept = 0;
    for (uint32_t item : waiting_) {
      if (all || slot_[item].value < threshold_) heap_.push_back({slot_[item].value, item});
      else waiting_[kept++] = item;
    }
    waiting_.resize(kept);
    for (uint32_t i = 0; i < heap_.size(); ++i) slot_[heap_[i].item].pos = i;
    for (uint32_t i = static_cast<uint32_t>(heap_.size()) / kArity + 1; i-- > 0;) Down(i);
  }
  void Up(uint32_t i) {
    Entry e = heap_[i];
    while (i > 0) {
      uint32_t parent = (i - 1) / kArity;
      if (!Less(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      slot_[heap_[i].item].pos = i;
      i = parent;
    }
    heap_[i] = e;
    slot_[e.item].pos = i;
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
      slot_[heap_[i].item].pos = i;
      i = best;
    }
    heap_[i] = e;
    slot_[e.item].pos = i;
  }

  static constexpr uint32_t kArity = 4;
  // Every item's current value and its place in heap_ (or kWaiting, kGone), side by side so
  // lowering an item reads one cache line.
  struct Slot {
    double value;
    uint32_t pos;
  };
  std::vector<Slot> slot_;
  std::vector<Entry> heap_;       // the items with value below threshold_
  std::vector<uint32_t> waiting_; // items not yet let in (may hold some since let in by Lower)
  std::vector<double> scratch_;
  double threshold_ = -std::numeric_limits<double>::infinity();
  uint32_t min_batch_;
  size_t left_ = 0;
};

}  // namespace sluice::coord
