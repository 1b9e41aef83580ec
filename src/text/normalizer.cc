#include "text/normalizer.h"

#include <string>

#include "text/char_table.h"
#include "text/code_points.h"
#include "text/normalization.h"

namespace sluice::text {

namespace {

bool IsEmoticonChar(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

// Runs of code points dropped as a whole, which no per-code-point table can see:
//   - Weibo's emoticons, a name in ASCII brackets: "[泪]", "[doge]", "[笑cry]" (kEmoji);
//   - URLs, "http://" or "https://" and the ASCII that follows (kUrl): links differ between
//     copies of one claim, and a claim made mostly of a link would match every post with one.
// When such a run starts at text[i], returns the byte offset just past it and sets *why;
// otherwise returns 0. Only called where text[i] is '[', 'h' or 'H'.
size_t DroppedRunEnd(std::string_view text, size_t i, uint16_t* why) {
  if (text[i] == '[') {
    constexpr uint32_t kMaxName = 8;
    size_t j = i + 1;
    uint32_t n = 0;
    while (j < text.size() && n <= kMaxName) {
      if (text[j] == ']') {
        if (n == 0) return 0;
        *why = kEmoji;
        return j + 1;
      }
      if (!IsEmoticonChar(DecodeUtf8(text, &j))) return 0;
      ++n;
    }
    return 0;
  }
  auto lower = [&](size_t k) { return static_cast<char>(text[k] | 0x20); };
  size_t j = i;
  if (text.size() - i < 8 || lower(j) != 'h' || lower(j + 1) != 't' || lower(j + 2) != 't' ||
      lower(j + 3) != 'p')
    return 0;
  j += 4;
  if (lower(j) == 's') ++j;
  if (text.compare(j, 3, "://") != 0) return 0;
  j += 3;
  size_t host = j;
  while (j < text.size() && text[j] > 0x20 && text[j] < 0x7F) ++j;
  if (j == host) return 0;
  *why = kUrl;
  return j;
}

}  // namespace

void NormalizedText::Clear() {
  chars.clear();
  sounds.clear();
  origin.clear();
  source.clear();
  flags.clear();
  dropped_origin.clear();
  dropped_source.clear();
  dropped_flags.clear();
  code_points = 0;
  all_flags = 0;
}

namespace {

// Writes a NormalizedText through raw pointers: sized up front for the common case (at most one
// token and one dropped code point per byte) and grown only for expansions.
class Writer {
 public:
  Writer(NormalizedText* out, size_t bytes) : out_(out) {
    Grow(bytes + 1);
    drop_cap_ = bytes + 1;
    out->dropped_origin.resize(drop_cap_);
    out->dropped_source.resize(drop_cap_);
    out->dropped_flags.resize(drop_cap_);
  }
  void Token(uint32_t tok, uint32_t sound, uint32_t origin, char32_t source, uint16_t flags) {
    if (n_ == cap_) Grow(2 * cap_);
    out_->chars[n_] = tok;
    out_->sounds[n_] = sound;
    out_->origin[n_] = origin;
    out_->source[n_] = source;
    out_->flags[n_] = flags;
    ++n_;
  }
  void Drop(uint32_t origin, char32_t source, uint16_t flags) {
    out_->dropped_origin[d_] = origin;
    out_->dropped_source[d_] = source;
    out_->dropped_flags[d_] = flags;
    ++d_;
  }
  void Finish() {
    Resize(n_);
    out_->dropped_origin.resize(d_);
    out_->dropped_source.resize(d_);
    out_->dropped_flags.resize(d_);
  }

 private:
  void Grow(size_t cap) {
    cap_ = cap;
    Resize(cap);
  }
  void Resize(size_t n) {
    out_->chars.resize(n);
    out_->sounds.resize(n);
    out_->origin.resize(n);
    out_->source.resize(n);
    out_->flags.resize(n);
  }
  NormalizedText* out_;
  size_t n_ = 0, cap_ = 0, d_ = 0, drop_cap_ = 0;
};

}  // namespace

void Normalize(std::string_view text, NormalizedText* out) {
  const CharTable& table = CharTable::Get();
  Writer w(out, text.size());
  uint32_t index = 0;
  uint16_t all = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    char32_t cp;
    if (b == '[' || b == 'h' || b == 'H') {
      uint16_t why;
      if (size_t end = DroppedRunEnd(text, i, &why); end != 0) {
        while (i < end) w.Drop(index++, DecodeUtf8(text, &i), why);
        all |= why;
        continue;
      }
    }
    if (b < 0x80) {
      cp = b;
      ++i;
    } else {
      cp = DecodeUtf8(text, &i);
    }
    const CharEntry& e = table.Lookup(cp);
    all |= e.flags;
    if (e.count == 1) {
      uint32_t tok = e.token != 0 ? e.token : cp;
      w.Token(tok, e.sound != 0 ? e.sound : tok, index, cp, e.flags);
    } else if (e.count == 0) {
      w.Drop(index, cp, e.flags);
    } else {
      const PooledToken* p = table.pool() + e.token;
      for (uint8_t k = 0; k < e.count; ++k) w.Token(p[k].token, p[k].sound, index, cp, e.flags);
    }
    ++index;
  }
  w.Finish();
  out->code_points = index;
  out->all_flags = all;
}

void NormalizeTokens(std::string_view text, std::vector<uint32_t>* chars,
                     std::vector<uint32_t>* sounds) {
  const CharTable& table = CharTable::Get();
  // Most code points give at most one token and take at least one byte: size for that, and
  // grow only for the rare expansions.
  chars->resize(text.size() + 1);
  sounds->resize(text.size() + 1);
  uint32_t* c = chars->data();
  uint32_t* s = sounds->data();
  size_t n = 0, cap = chars->size();
  size_t i = 0;
  while (i < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    char32_t cp;
    if (b == '[' || b == 'h' || b == 'H') {
      uint16_t why;
      if (size_t end = DroppedRunEnd(text, i, &why); end != 0) {
        i = end;
        continue;
      }
    }
    if (b < 0x80) {
      cp = b;
      ++i;
    } else {
      cp = DecodeUtf8(text, &i);
    }
    const CharEntry& e = table.Lookup(cp);
    if (e.count == 1) {
      uint32_t tok = e.token != 0 ? e.token : cp;
      c[n] = tok;
      s[n] = e.sound != 0 ? e.sound : tok;
      ++n;
    } else if (e.count > 1) {
      if (n + e.count > cap) {
        cap = 2 * (n + e.count);
        chars->resize(cap);
        sounds->resize(cap);
        c = chars->data();
        s = sounds->data();
      }
      const PooledToken* p = table.pool() + e.token;
      for (uint8_t k = 0; k < e.count; ++k, ++n) {
        c[n] = p[k].token;
        s[n] = p[k].sound;
      }
    }
  }
  chars->resize(n);
  sounds->resize(n);
}

void NormalizeKeys(std::string_view text, std::vector<uint32_t>* keys) {
  const CharTable& table = CharTable::Get();
  const uint32_t* bmp = table.bmp_keys();
  keys->resize(text.size() + 1);
  uint32_t* k = keys->data();
  size_t n = 0, cap = keys->size();
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    unsigned char b = static_cast<unsigned char>(text[i]);
    char32_t cp;
    if (b < 0x80) {
      cp = b;
      ++i;
    } else {
      cp = DecodeUtf8(text, &i);
    }
    if (cp < 0x10000) {
      uint32_t key = bmp[cp];
      if (key != CharTable::kSlowKey) {
        k[n] = key;
        n += key != 0;
        continue;
      }
      uint16_t why;
      if ((b == '[' || b == 'h' || b == 'H')) {
        if (size_t end = DroppedRunEnd(text, start, &why); end != 0) {
          i = end;
          continue;
        }
      }
    }
    const CharEntry& e = table.Lookup(cp);
    if (e.count == 1) {
      uint32_t tok = e.token != 0 ? e.token : cp;
      uint32_t sound = e.sound != 0 ? e.sound : tok;
      k[n++] = e.key != 0 ? e.key : sound;
    } else if (e.count > 1) {
      if (n + e.count > cap) {
        cap = 2 * (n + e.count);
        keys->resize(cap);
        k = keys->data();
      }
      const PooledToken* p = table.pool() + e.token;
      for (uint8_t j = 0; j < e.count; ++j) k[n++] = p[j].key;
    }
  }
  keys->resize(n);
}

std::string NormalizedString(std::string_view text) {
  NormalizedText n;
  Normalize(text, &n);
  std::string s;
  for (uint32_t t : n.chars) AppendUtf8(&s, t);
  return s;
}

std::string SoundString(std::string_view text) {
  NormalizedText n;
  Normalize(text, &n);
  const CharTable& table = CharTable::Get();
  std::string s;
  for (size_t i = 0; i < n.sounds.size(); ++i) {
    if (i) s.push_back(' ');
    s += table.SoundName(n.sounds[i]);
  }
  return s;
}

}  // namespace sluice::text
