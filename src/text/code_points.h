// Decoding UTF-8 into code points, for the normalizer's one pass over a post.
#pragma once

#include <cstddef>
#include <string_view>

namespace sluice::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[*i] and advances *i past it. A byte that does not start a
// well-formed sequence decodes as U+FFFD and advances by one byte, so every input, valid or not,
// has a definite code-point count (the same one SanitizeUtf8 produces).
// REQUIRES: *i < s.size().
inline char32_t DecodeUtf8(std::string_view s, size_t* i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  size_t p = *i;
  unsigned char c = b(p);
  if (c < 0x80) {
    *i = p + 1;
    return c;
  }
  // Fast path for the three-byte sequences of CJK text (U+0800..U+FFFF, not surrogates).
  if ((c & 0xF0) == 0xE0 && p + 2 < s.size() && (b(p + 1) & 0xC0) == 0x80 &&
      (b(p + 2) & 0xC0) == 0x80) {
    char32_t cp = (char32_t{c & 0x0Fu} << 12) | (char32_t{b(p + 1) & 0x3Fu} << 6) | (b(p + 2) & 0x3Fu);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *i = p + 3;
      return cp;
    }
  }
  size_t n;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
  else {
    *i = p + 1;
    return kReplacementChar;
  }
  if (p + n > s.size()) {
    *i = p + 1;
    return kReplacementChar;
  }
  for (size_t k = 1; k < n; ++k) {
    if ((b(p + k) & 0xC0) != 0x80) {
      *i = p + 1;
      return kReplacementChar;
    }
    cp = (cp << 6) | (b(p + k) & 0x3F);
  }
  // Overlong forms, surrogates and values above U+10FFFF are not well-formed.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    *i = p + 1;
    return kReplacementChar;
  }
  *i = p + n;
  return cp;
}

// Appends the UTF-8 encoding of `cp` to *out. REQUIRES: cp is a Unicode scalar value.
template <typename String>
inline void AppendUtf8(String* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace sluice::text
