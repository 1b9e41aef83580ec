// Maps string ids to dense integers 0, 1, 2, … in first-seen order, and back. Strings live in one
// arena; the hash index holds 4-byte slots, so an id costs its bytes plus about 14 bytes (offset and slots).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

inline constexpr uint32_t kNone = UINT32_MAX;

class Interner {
 public:
  Interner();
  // Returns the id of `s`, adding it when new. *added tells which (may be null).
  uint32_t Intern(std::string_view s, bool* added = nullptr);
  // Returns the id of `s` or kNone.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const {
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  size_t MemoryBytes() const;
  void Reserve(size_t n);

 private:
  void Grow();
  size_t Probe(std::string_view s, uint64_t h) const;  // slot holding s, or the empty slot for it

  std::string arena_;
  std::vector<uint64_t> offsets_;   // offsets_[i]..offsets_[i+1] is string i
  std::vector<uint32_t> slots_;     // id + 1, 0 = empty; power-of-two size
  size_t mask_ = 0;
};

}  // namespace sluice
