#include "world/interner.h"

namespace sluice {

Interner::Interner() : offsets_{0}, slots_(1024, Slot{0, 0, 0}), mask_(1023) {}

size_t Interner::Probe(IdHash h) const {
  const uint32_t tag = static_cast<uint32_t>(h.low >> 32);
  size_t i = h.low & mask_;
  for (;;) {
    const Slot& slot = slots_[i];
    if (slot.id_plus_1 == 0 || (slot.tag == tag && slot.high == h.high)) return i;
    i = (i + 1) & mask_;
  }
}

uint32_t Interner::Find(std::string_view s) const {
  const Slot& slot = slots_[Probe(HashId(s))];
  return slot.id_plus_1 == 0 ? kNone : slot.id_plus_1 - 1;
}

uint32_t Interner::InternHashed(std::string_view s, IdHash h, bool* added) {
  size_t i = Probe(h);
  if (slots_[i].id_plus_1 != 0) {
    if (added) *added = false;
    return slots_[i].id_plus_1 - 1;
  }
  uint32_t id = size();
  arena_.append(s);
  offsets_.push_back(arena_.size());
  slots_[i] = Slot{h.high, static_cast<uint32_t>(h.low >> 32), id + 1};
  if (added) *added = true;
  if (static_cast<size_t>(id + 1) * 10 > slots_.size() * 7) Rehash(slots_.size() * 2);  // load 0.7
  return id;
}

void Interner::Rehash(size_t slot_count) {
  slots_.assign(slot_count, Slot{0, 0, 0});
  mask_ = slot_count - 1;
  for (uint32_t id = 0; id < size(); ++id) {
    IdHash h = HashId(Get(id));
    size_t i = h.low & mask_;
    while (slots_[i].id_plus_1 != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{h.high, static_cast<uint32_t>(h.low >> 32), id + 1};
  }
}

void Interner::Reserve(size_t n) {
  offsets_.reserve(n + 1);
  size_t count = slots_.size();
  while (n * 10 > count * 7) count *= 2;
  if (count != slots_.size()) Rehash(count);
}

size_t Interner::MemoryBytes() const {
  // Bytes in use; the arena's and offsets' capacity beyond their size was never written.
  return arena_.size() + offsets_.size() * sizeof(uint64_t) + slots_.size() * sizeof(Slot);
}

}  // namespace sluice
