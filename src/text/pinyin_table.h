// Toneless pinyin syllables for Han characters, from ICU's Han-Latin transliterator applied once
// per code point when the table is built (about 0.3 s for the 27,000 characters of the CJK
// Unified Ideographs block and Extension A), so matching never calls a transliterator.
//
// A character has one reading: the one ICU gives it on its own (多音字 get their most common
// reading). Characters outside those blocks, or without a reading, have none.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sluice::text {

class PinyinTable {
 public:
  // Reads the pinyin of every code point in [0x3400, 0x9FFF] for which `wanted(cp)` is true.
  // Fails only when ICU has no Han-Latin transliterator.
  template <typename Pred>
  static Result<PinyinTable> Build(Pred wanted) {
    PinyinTable t;
    SLUICE_RETURN_IF_ERROR(t.Open());
    for (char32_t c = kFirst; c <= kLast; ++c)
      if (wanted(c)) t.Read(c);
    t.Close();
    return t;
  }

  // Syllable id of `cp` (1-based), or 0 when it has no reading.
  uint16_t Syllable(char32_t cp) const {
    return cp >= kFirst && cp <= kLast ? ids_[cp - kFirst] : 0;
  }
  // "zhong" for a syllable id from Syllable(). REQUIRES: 1 <= id <= syllable_count().
  std::string_view Name(uint16_t id) const { return names_[id - 1]; }
  size_t syllable_count() const { return names_.size(); }

 private:
  static constexpr char32_t kFirst = 0x3400, kLast = 0x9FFF;
  Status Open();
  void Read(char32_t cp);
  void Close();

  std::vector<uint16_t> ids_ = std::vector<uint16_t>(kLast - kFirst + 1, 0);
  std::vector<std::string> names_;
  struct Transliterator;
  std::shared_ptr<Transliterator> tr_;
};

}  // namespace sluice::text
