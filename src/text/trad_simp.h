// Traditional → simplified Chinese, one code point at a time, as a table built once.
//
// Built from OpenCC's data (t2s, then tw2s for Taiwan variant forms that t2s leaves alone), each
// Han code point converted on its own, so the result is a pure per-character map: phrase-level
// choices (乾淨→干净 vs 乾隆) are not made, the first candidate of OpenCC's character dictionary
// wins. When OpenCC's data cannot be opened, ICU's Traditional-Simplified transliterator is used
// instead and `source()` says so.
#pragma once

#include <string>
#include <unordered_map>

#include "core/status.h"

namespace sluice::text {

class TradSimpMap {
 public:
  // Converts every Han code point (CJK Unified Ideographs, Extensions A and B, compatibility
  // ideographs). Takes a few tens of milliseconds.
  static Result<TradSimpMap> Build();
  // The map of this process: built by the first call (thread-safe), shared by every later one,
  // so the rumor matcher's table and the spam normalizer do not each convert every Han code point.
  static const Result<TradSimpMap>& Shared();

  // The simplified form of `cp`, or `cp` itself when it has none.
  char32_t Map(char32_t cp) const {
    auto it = map_.find(cp);
    return it == map_.end() ? cp : it->second;
  }
  size_t size() const { return map_.size(); }
  // "opencc" or "icu": where the data came from.
  const std::string& source() const { return source_; }

 private:
  std::unordered_map<char32_t, char32_t> map_;
  std::string source_;
};

}  // namespace sluice::text
