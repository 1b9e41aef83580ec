// Splits text into lines and items: the pieces a keyword block is made of. An item is a run of
// text between separators (|, 、, /, bullets, brackets, arrows, commas, colons, sentence ends,
// and spaces next to Chinese text); the separators after it are kept as the item's `sep`.
//
// Spaces between two ASCII letters or digits are part of an item ("free movies online",
// "2023-07-21 15:47:00"), so Latin prose is not cut into words. '/', ':' and '.' inside URLs,
// times and numbers are text, not separators.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace sluice::spam {

// The separator that follows an item, strongest first when several are adjacent.
enum class SepKind : uint8_t {
  kNone,        // nothing follows on this line
  kSpace,
  kDash,        // - – — next to a space, ~ ～ outside number ranges
  kComma,       // ， , — prose punctuation
  kArrow,       // > » › → (breadcrumbs)
  kBracket,     // 【 】 [ ] 〖 〗
  kBullet,      // · • ・ ● ◆ ■ ★ ☆ …
  kSlash,       // / ／ \ outside URLs
  kIdeoComma,   // 、
  kPipe,        // | ｜ ¦ ‖
  kColon,       // ： and : outside times and URLs
  kTerminator,  // 。 ！ ？ ! ? ； ; and '.' before a space or the end of a line
  kLineBreak,   // never set by Segment; blocks use it for "the next item starts a new line"
};
std::string_view SepKindName(SepKind k);

// True for kinds that separate list entries (not prose commas, colons or sentence ends).
inline bool IsListSeparator(SepKind k) {
  switch (k) {
    case SepKind::kSpace: case SepKind::kDash: case SepKind::kArrow: case SepKind::kBracket:
    case SepKind::kBullet: case SepKind::kSlash: case SepKind::kIdeoComma: case SepKind::kPipe:
    case SepKind::kLineBreak:
      return true;
    default:
      return false;
  }
}

struct Item {
  uint32_t begin = 0, end = 0;  // code points of the item, no separators or spaces at either end
  uint32_t sep_end = 0;         // [end, sep_end) holds the separators after it (within the line)
  uint32_t line = 0;
  SepKind sep = SepKind::kNone;
  bool line_end = false;        // last item of its line
  bool url = false;             // looks like a URL or a bare domain
  uint32_t length() const { return end - begin; }
};

struct Line {
  uint32_t begin = 0, end = 0;       // code points, without the line break
  uint32_t first_item = 0, end_item = 0;  // items [first_item, end_item)
  uint32_t blank_lines_before = 0;   // empty or whitespace-only lines between this and the previous non-empty line
};

struct Segmentation {
  std::vector<Item> items;
  std::vector<Line> lines;  // non-empty lines only (at least one item)
};

// REQUIRES: `cps` are code points (any values; invalid ones are treated as text).
void Segment(std::span<const char32_t> cps, Segmentation* out);

// The separator kind of cps[i] in its context, kNone when it is text or a space.
// REQUIRES: line_begin <= i < line_end, and [line_begin, line_end) holds no line break.
SepKind SeparatorAt(std::span<const char32_t> cps, size_t i, size_t line_begin, size_t line_end);

// Character classes the detector also needs.
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
}
inline bool IsHorizontalSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}
inline bool IsLineBreak(char32_t c) { return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029; }

}  // namespace sluice::spam
