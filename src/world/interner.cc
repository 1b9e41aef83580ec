#include "world/interner.h"

namespace sluice {

namespace {
constexpr size_t kInitialSlots = 1024;
int ShiftFor(size_t slot_count) { return 64 - __builtin_ctzll(slot_count); }
}  // namespace

Interner::Interner()
    : offsets_{0}, slots_(kInitialSlots, Slot{0, 0, 0}), mask_(kInitialSlots - 1), shift_(ShiftFor(kInitialSlots)) {}

size_t Interner::Probe(IdHash h) const {
  const uint32_t tag = static_cast<uint32_t>(h.low >> 32);
  size_t i = h.high >> shift_;
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
  // Each slot is placed again from the hash bits it holds. The old slots are in the order of
  // those bits (but for the few of a cluster that wrapped past the end), so the new ones are
  // written nearly in order too.
  std::vector<Slot, HugePageAllocator<Slot>> old(slot_count, Slot{0, 0, 0});
  old.swap(slots_);  // slots_ is now the new, empty index, and `old` the full one
  mask_ = slot_count - 1;
  shift_ = ShiftFor(slot_count);
  for (const Slot& s : old) {
    if (s.id_plus_1 == 0) continue;
    size_t i = s.high >> shift_;
    while (slots_[i].id_plus_1 != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

void Interner::Reserve(size_t n) {
  offsets_.reserve(n + 1);
  size_t count = slots_.size();
  while (n * 10 > count * 7) count *= 2;
  if (count != slots_.size()) Rehash(count);
}

void Interner::ReserveStorage(size_t n, size_t bytes) {
  offsets_.reserve(n + 1);
  arena_.reserve(bytes);
}

size_t Interner::MemoryBytes() const {
  // Bytes in use; the arena's and offsets' capacity beyond their size was never written.
  return arena_.size() + offsets_.size() * sizeof(uint64_t) + slots_.size() * sizeof(Slot);
}

}  // namespace sluice
