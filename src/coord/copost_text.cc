#include "coord/copost_text.h"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "core/hash.h"

namespace sluice::coord {
namespace {

// Python's str.isspace(): what str.split() splits on.
bool IsPySpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
         c == 0x202f || c == 0x205f || c == 0x3000;
}

// The `regex` module's \s, which ends a mention in the toolkit: isspace() without U+001C..001F.
bool IsRegexSpace(char32_t c) { return IsPySpace(c) && !(c >= 0x1c && c <= 0x1f); }

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    out.push_back(c < 0 ? 0xfffd : static_cast<char32_t>(c));
  }
  return out;
}

void AppendUtf8(std::string* out, char32_t c) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(c), err);
  if (!err) out->append(buf, static_cast<size_t>(len));
}

// True when lowercasing may change c (non-ASCII). The scripts most text is written in here — Han,
// kana, Hangul, emoji — have no case, and asking ICU costs a full case mapping per character.
bool MayLower(char32_t c) {
  if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0xf900 && c <= 0xfaff) || c >= 0x1f000)
    return false;
  // Halfwidth and fullwidth forms, where Chinese text takes its punctuation: only the fullwidth
  // capitals Ａ..Ｚ have a lowercase. Neither have general punctuation, arrows and technical
  // signs, symbols and dingbats (☀ ✨ ❤), nor variation selectors (the U+FE0F after emoji).
  if (c >= 0xff00 && c <= 0xffef) return c >= 0xff21 && c <= 0xff3a;
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x2190 && c <= 0x23ff) ||
      (c >= 0x2500 && c <= 0x2bff) || (c >= 0xfe00 && c <= 0xfe0f))
    return false;
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CHANGES_WHEN_LOWERCASED);
}

// The whole text through ICU's full lowercasing (root locale: final sigma in context, as
// Python's str.lower()).
std::string IcuLower(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale::getRoot());
  std::string lowered;
  u.toUTF8String(lowered);
  return lowered;
}

// Lowercased code points, as Python's str.lower() (Unicode full case mapping).
std::u32string LowerCodePoints(std::string_view text) {
  std::u32string s = Decode(text);
  for (char32_t& c : s) {
    if (c < 0x80) {
      if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
    } else if (MayLower(c)) {
      return Decode(IcuLower(text));
    }
  }
  return s;
}

// True when ToolkitNormalize(text) == text: no ASCII capital, '@' or whitespace, and nothing
// non-ASCII that is whitespace or has a lowercase. Most Chinese posts are so; Han characters
// (three bytes led by E4..E9: U+4000..U+9FFF) are passed over without decoding.
bool AlreadyNormal(std::string_view text) {
  const uint8_t* b = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const uint8_t c = b[i];
    if (c < 0x80) {
      if (c == '@' || (c >= 'A' && c <= 'Z') || IsPySpace(c)) return false;
      ++i;
    } else if (c >= 0xe4 && c <= 0xe9 && i + 2 < n && (b[i + 1] & 0xc0) == 0x80 &&
               (b[i + 2] & 0xc0) == 0x80) {
      i += 3;
    } else {
      UChar32 cp;
      U8_NEXT(b, i, n, cp);
      if (cp < 0 || IsPySpace(static_cast<char32_t>(cp)) || MayLower(static_cast<char32_t>(cp)))
        return false;
    }
  }
  return true;
}

// ToolkitNormalize in one pass over the bytes, for text whose only cased letters are ASCII.
// Returns false (and leaves *out unspecified) when a cased non-ASCII letter appears.
bool NormalizeFast(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  const uint8_t* b = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  bool pending_space = false, in_mention = false;
  for (int32_t i = 0; i < n;) {
    if (b[i] < 0x80) {  // ASCII, without decoding
      char32_t cp = b[i++];
      if (in_mention) {
        if (!IsRegexSpace(cp)) continue;
        in_mention = false;
      }
      if (cp == U'@') {
        in_mention = true;
      } else if (IsPySpace(cp)) {
        pending_space = !out->empty();
      } else {
        if (pending_space) out->push_back(' ');
        pending_space = false;
        out->push_back(static_cast<char>(cp >= U'A' && cp <= U'Z' ? cp + (U'a' - U'A') : cp));
      }
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(b, i, n, c);
    char32_t cp = c < 0 ? 0xfffd : static_cast<char32_t>(c);
    if (in_mention) {
      if (!IsRegexSpace(cp)) continue;
      in_mention = false;
    }
    if (cp == U'@') {
      in_mention = true;
      continue;
    }
    if (IsPySpace(cp)) {
      pending_space = !out->empty();
      continue;
    }
    if (pending_space) out->push_back(' ');
    pending_space = false;
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp >= U'A' && cp <= U'Z' ? cp + (U'a' - U'A') : cp));
    } else if (MayLower(cp)) {
      return false;
    } else if (c < 0) {
      AppendUtf8(out, cp);
    } else {
      out->append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return true;
}


// Removes every "@..." up to (not including) the next regex whitespace.
std::u32string StripMentions(const std::u32string& s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == U'@') {
      while (i < s.size() && !IsRegexSpace(s[i])) ++i;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

bool StartsWith(const std::u32string& s, size_t i, std::u32string_view p) {
  return s.size() - i >= p.size() && std::u32string_view(s).substr(i, p.size()) == p;
}

}  // namespace

std::string ToolkitNormalize(std::string_view text) {
  std::string out;
  ToolkitNormalizeInto(text, &out);
  return out;
}

void ToolkitNormalizeInto(std::string_view text, std::string* normalized) {
  std::string& out = *normalized;
  if (AlreadyNormal(text)) {
    out.assign(text);
    return;
  }
  if (NormalizeFast(text, &out)) return;
  std::u32string s = StripMentions(Decode(IcuLower(text)));
  out.clear();
  bool pending_space = false;
  for (char32_t c : s) {
    if (IsPySpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendUtf8(&out, c);
  }
}

std::u32string ShingleCodePoints(std::string_view text) {
  std::u32string s = StripMentions(LowerCodePoints(text));
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (StartsWith(s, i, U"http://") || StartsWith(s, i, U"https://")) {
      while (i < s.size() && !IsPySpace(s[i])) ++i;
      continue;
    }
    char32_t c = s[i++];
    int8_t cat = u_charType(static_cast<UChar32>(c));
    switch (cat) {
      case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
      case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
      case U_LETTER_NUMBER: case U_OTHER_NUMBER:
        out.push_back(c);
        break;
      default:
        break;  // punctuation, symbols, marks, format, separators, controls
    }
  }
  return out;
}

std::vector<uint64_t> ShingleHashes(const std::u32string& cps, uint32_t k) {
  std::vector<uint64_t> h;
  if (cps.empty()) return h;
  auto hash = [&](size_t b, size_t n) {
    return Hash64(std::string_view(reinterpret_cast<const char*>(cps.data() + b),
                                   n * sizeof(char32_t)),
                  0x5417e);
  };
  if (cps.size() <= k) {
    h.push_back(hash(0, cps.size()));
  } else {
    h.reserve(cps.size() - k + 1);
    for (size_t i = 0; i + k <= cps.size(); ++i) h.push_back(hash(i, k));
  }
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  return h;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++both, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

}  // namespace sluice::coord
