#include "spam/segmenter.h"

#include <algorithm>

namespace sluice::spam {

namespace {

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsBullet(char32_t c) {
  switch (c) {
    case 0x00B7: case 0x2022: case 0x2027: case 0x30FB: case 0xFF65: case 0x25CF: case 0x25CB:
    case 0x25C6: case 0x25C7: case 0x25A0: case 0x25A1: case 0x2605: case 0x2606: case 0x2666:
    case 0x25AA: case 0x25B6: case 0x25BA:
      return true;
    default:
      return false;
  }
}

// The separator kind of cps[i] in context, kNone when it is text. [lb, le) is its line.
SepKind SepAt(std::span<const char32_t> cps, size_t i, size_t lb, size_t le) {
  char32_t c = cps[i];
  if (c >= 0x3400 && c <= 0x9FFF) return SepKind::kNone;  // Han: the common case, never a separator
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
    return SepKind::kNone;
  char32_t prev = i > lb ? cps[i - 1] : 0;
  char32_t next = i + 1 < le ? cps[i + 1] : 0;
  if (IsLineBreak(next)) next = 0;
  auto space_or_edge = [](char32_t x) { return x == 0 || IsHorizontalSpace(x); };
  switch (c) {
    case '|': case 0xFF5C: case 0x00A6: case 0x2016:
      return SepKind::kPipe;
    case 0x3001:
      return SepKind::kIdeoComma;
    case 0xFF0C:
      return SepKind::kComma;
    case ',':
      return IsDigit(prev) && IsDigit(next) ? SepKind::kNone : SepKind::kComma;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B:
      return SepKind::kTerminator;
    case '!': case '?': case ';':
      return (next == 0 || next >= 0x80 || IsHorizontalSpace(next)) ? SepKind::kTerminator
                                                                     : SepKind::kNone;
    case '.': case 0xFF0E:
      return (space_or_edge(next) && prev != 0 && !IsHorizontalSpace(prev)) ? SepKind::kTerminator
                                                                             : SepKind::kNone;
    case 0xFF1A:
      return SepKind::kColon;
    case ':':
      if (IsDigit(prev) && IsDigit(next)) return SepKind::kNone;  // 15:47:00
      if (next == '/') return SepKind::kNone;                       // http://
      return SepKind::kColon;
    case '/': case 0xFF0F: case '\\': {
      bool url_left = IsAsciiAlnum(prev) || prev == '.' || prev == ':' || prev == '/';
      bool url_right = IsAsciiAlnum(next) || next == '/';
      return url_left && url_right ? SepKind::kNone : SepKind::kSlash;
    }
    case '>': case 0x00BB: case 0x203A: case 0x2192: case 0xFF1E:
      return SepKind::kArrow;
    case 0x3010: case 0x3011: case 0x3016: case 0x3017: case '[': case ']':
      return SepKind::kBracket;
    case '-': case 0x2013: case 0x2014: case 0xFF0D:
      return (space_or_edge(prev) || space_or_edge(next)) ? SepKind::kDash : SepKind::kNone;
    case '~': case 0xFF5E:
      return IsDigit(prev) && IsDigit(next) ? SepKind::kNone : SepKind::kDash;
    default:
      return IsBullet(c) ? SepKind::kBullet : SepKind::kNone;
  }
}

// A URL or a bare domain: "http", "www." or a dot followed by a common top-level domain.
bool LooksLikeUrl(std::span<const char32_t> cps, uint32_t b, uint32_t e) {
  static constexpr std::string_view kTlds[] = {"com", "net", "org", "cn", "cc", "top", "xyz",
                                               "vip", "info", "me", "tv", "io", "co", "biz",
                                               "site", "club", "online", "shop", "app", "live"};
  auto lower = [](char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
  auto match_at = [&](uint32_t i, std::string_view w) {
    if (i + w.size() > e) return false;
    for (size_t k = 0; k < w.size(); ++k)
      if (lower(cps[i + k]) != static_cast<char32_t>(w[k])) return false;
    return true;
  };
  for (uint32_t i = b; i < e; ++i) {
    char32_t c = lower(cps[i]);
    if (c == 'h' && match_at(i, "http")) return true;
    if (c == 'w' && match_at(i, "www.")) return true;
    if (c == '.' && i > b && IsAsciiAlnum(cps[i - 1])) {
      for (std::string_view t : kTlds) {
        if (!match_at(i + 1, t)) continue;
        uint32_t after = i + 1 + static_cast<uint32_t>(t.size());
        if (after == e || !IsAsciiAlnum(cps[after])) return true;
      }
    }
  }
  return false;
}

}  // namespace

SepKind SeparatorAt(std::span<const char32_t> cps, size_t i, size_t line_begin, size_t line_end) {
  return SepAt(cps, i, line_begin, line_end);
}

std::string_view SepKindName(SepKind k) {
  switch (k) {
    case SepKind::kNone: return "none";
    case SepKind::kSpace: return "space";
    case SepKind::kDash: return "dash";
    case SepKind::kComma: return "comma";
    case SepKind::kArrow: return "arrow";
    case SepKind::kBracket: return "bracket";
    case SepKind::kBullet: return "bullet";
    case SepKind::kSlash: return "slash";
    case SepKind::kIdeoComma: return "ideographic_comma";
    case SepKind::kPipe: return "pipe";
    case SepKind::kColon: return "colon";
    case SepKind::kTerminator: return "terminator";
    case SepKind::kLineBreak: return "line_break";
  }
  return "?";
}



namespace {

// What a BMP code point can be, so the hot loop looks at most characters once: plain text, a
// horizontal space, a line break, or a character whose role depends on its neighbours.
enum CharClass : uint8_t { kText, kSpaceClass, kBreakClass, kMaybeSep };

const uint8_t* Classes() {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> t(0x10000, kText);
    char32_t probe[3] = {0, 0, 0};
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (IsLineBreak(c)) t[c] = kBreakClass;
      else if (IsHorizontalSpace(c)) t[c] = kSpaceClass;
      else {
        // A separator in some context: try it between spaces and between letters.
        probe[1] = c;
        probe[0] = probe[2] = ' ';
        bool sep = SepAt(probe, 1, 0, 3) != SepKind::kNone;
        probe[0] = probe[2] = 'a';
        sep |= SepAt(probe, 1, 0, 3) != SepKind::kNone;
        probe[0] = probe[2] = '1';
        sep |= SepAt(probe, 1, 0, 3) != SepKind::kNone;
        probe[0] = 'a', probe[2] = ' ';
        sep |= SepAt(probe, 1, 0, 3) != SepKind::kNone;
        sep |= SepAt(std::span<const char32_t>(probe + 1, 1), 0, 0, 1) != SepKind::kNone;
        if (sep) t[c] = kMaybeSep;
      }
    }
    return t;
  }();
  return table.data();
}

}  // namespace

void Segment(std::span<const char32_t> cps, Segmentation* out) {
  out->items.clear();
  out->lines.clear();
  const uint8_t* classes = Classes();
  auto cls = [classes](char32_t c) -> uint8_t {
    return c < 0x10000 ? classes[c] : static_cast<uint8_t>(kText);
  };
  auto han = [](char32_t c) { return c >= 0x3400 && c <= 0x9FFF; };  // never a separator
  const size_t n = cps.size();
  size_t lb = 0, i = 0;
  uint32_t blanks = 0;
  // SepAt looks one character past a separator; a line break there reads as the line's edge.
  auto sep_at = [&](size_t k) { return SepAt(cps, k, lb, n); };
  auto gap_kind = [&](size_t k) {
    uint8_t c = cls(cps[k]);
    return c == kSpaceClass ? SepKind::kSpace : c == kMaybeSep ? sep_at(k) : SepKind::kNone;
  };
  auto line_over = [&](size_t k) { return k == n || cls(cps[k]) == kBreakClass; };
  while (true) {
    while (i < n && gap_kind(i) != SepKind::kNone) ++i;
    if (line_over(i)) {
      if (i > lb || i < n) ++blanks;  // not the empty end after a final line break
      if (i == n) break;
      lb = ++i;
      continue;
    }
    Line line;
    line.begin = static_cast<uint32_t>(lb);
    line.first_item = static_cast<uint32_t>(out->items.size());
    line.blank_lines_before = out->lines.empty() ? 0 : blanks;
    uint32_t line_no = static_cast<uint32_t>(out->lines.size());
    while (true) {
      size_t b = i;
      bool dot = false;
      while (i < n) {
        char32_t c = cps[i];
        if (han(c)) {
          ++i;
          continue;
        }
        uint8_t k = cls(c);
        if (k == kText) {
          ++i;
          continue;
        }
        if (k == kBreakClass) break;
        if (k == kSpaceClass) {
          // Spaces between two ASCII letters or digits belong to the item.
          size_t j = i;
          while (j < n && IsHorizontalSpace(cps[j])) ++j;
          if (i > b && j < n && IsAsciiAlnum(cps[i - 1]) && IsAsciiAlnum(cps[j]) &&
              sep_at(j) == SepKind::kNone) {
            i = j;
            continue;
          }
          break;
        }
        if (sep_at(i) != SepKind::kNone) break;
        dot |= c == '.';
        ++i;
      }
      Item item;
      item.begin = static_cast<uint32_t>(b);
      item.end = static_cast<uint32_t>(i);
      item.line = line_no;
      SepKind sep = SepKind::kNone;
      for (SepKind k; i < n && (k = gap_kind(i)) != SepKind::kNone; ++i) sep = std::max(sep, k);
      item.sep = sep;
      item.sep_end = static_cast<uint32_t>(i);
      item.url = dot && LooksLikeUrl(cps, item.begin, item.end);
      out->items.push_back(item);
      if (line_over(i)) break;
    }
    out->items.back().line_end = true;
    line.end = static_cast<uint32_t>(i);
    line.end_item = static_cast<uint32_t>(out->items.size());
    out->lines.push_back(line);
    blanks = 0;
    if (i == n) break;
    lb = ++i;
  }
}

}  // namespace sluice::spam
