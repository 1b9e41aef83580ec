#include "world/interner.h"

#include "core/hash.h"

namespace sluice {

Interner::Interner() : offsets_{0}, slots_(1024, 0), mask_(1023) {}

size_t Interner::Probe(std::string_view s, uint64_t h) const {
  size_t i = h & mask_;
  for (;;) {
    uint32_t v = slots_[i];
    if (v == 0 || Get(v - 1) == s) return i;
    i = (i + 1) & mask_;
  }
}

uint32_t Interner::Find(std::string_view s) const {
  uint32_t v = slots_[Probe(s, Hash64(s))];
  return v == 0 ? kNone : v - 1;
}

uint32_t Interner::Intern(std::string_view s, bool* added) {
  size_t i = Probe(s, Hash64(s));
  if (slots_[i] != 0) {
    if (added) *added = false;
    return slots_[i] - 1;
  }
  uint32_t id = size();
  arena_.append(s);
  offsets_.push_back(arena_.size());
  slots_[i] = id + 1;
  if (added) *added = true;
  if (static_cast<size_t>(id + 1) * 10 > slots_.size() * 7) Grow();  // load factor 0.7
  return id;
}

void Interner::Grow() {
  std::vector<uint32_t> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, 0);
  mask_ = slots_.size() - 1;
  for (uint32_t id = 0; id < size(); ++id) {
    size_t i = Hash64(Get(id)) & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = id + 1;
  }
}

void Interner::Reserve(size_t n) {
  offsets_.reserve(n + 1);
  while (n * 10 > slots_.size() * 7) {
    slots_.assign(slots_.size() * 2, 0);
    mask_ = slots_.size() - 1;
  }
  // Re-insert existing ids after the resize.
  std::fill(slots_.begin(), slots_.end(), 0);
  for (uint32_t id = 0; id < size(); ++id) {
    size_t i = Hash64(Get(id)) & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = id + 1;
  }
}

size_t Interner::MemoryBytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(uint64_t) +
         slots_.capacity() * sizeof(uint32_t);
}

}  // namespace sluice
