#include "spam/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <cstring>

#include "core/utf8.h"
#include "text/code_points.h"
#include "text/trad_simp.h"

namespace sluice::spam {

void AppendUtf8(char32_t cp, std::string* out) { text::AppendUtf8(out, cp); }

namespace {

// Decodes UTF-8 already known to be well-formed: branches on the lead byte only.
size_t DecodeValidUtf8(std::string_view s, char32_t* o) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0, k = 0;
  while (i < n) {
    unsigned char c = p[i];
    // Runs of three-byte sequences (Chinese) and of ASCII get their own tight loops.
    while (c >= 0xE0 && c < 0xF0 && i + 3 < n) {
      o[k++] = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) |
               (p[i + 2] & 0x3F);
      i += 3;
      c = p[i];
    }
    while (c < 0x80 && i + 1 < n) {
      o[k++] = c;
      c = p[++i];
    }
    if (c < 0x80) {
      o[k++] = c;
      i += 1;
    } else if (c < 0xE0) {
      o[k++] = (static_cast<char32_t>(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
      i += 2;
    } else if (c < 0xF0) {
      o[k++] = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) |
               (p[i + 2] & 0x3F);
      i += 3;
    } else {
      o[k++] = (static_cast<char32_t>(c & 0x07) << 18) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 12) |
               (static_cast<char32_t>(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      i += 4;
    }
  }
  return k;
}

}  // namespace

size_t DecodeUtf8To(std::string_view s, char32_t* out) {
  if (IsValidUtf8(s)) return DecodeValidUtf8(s, out);
  std::vector<char32_t> cps;
  DecodeUtf8(s, &cps);
  std::copy(cps.begin(), cps.end(), out);
  return cps.size();
}

void DecodeUtf8(std::string_view s, std::vector<char32_t>* out,
                std::vector<uint32_t>* byte_offsets) {
  if (byte_offsets == nullptr && IsValidUtf8(s)) {
    out->resize(s.size());
    out->resize(DecodeValidUtf8(s, out->data()));
    return;
  }
  out->clear();
  out->reserve(s.size());
  if (byte_offsets != nullptr) byte_offsets->clear();
  // The same decoding as the rumor matcher's (src/text): one U+FFFD per byte that does not start
  // a well-formed sequence.
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    if (byte_offsets != nullptr) byte_offsets->push_back(static_cast<uint32_t>(i));
    out->push_back(text::DecodeUtf8(s, &i));
  }
  if (byte_offsets != nullptr) byte_offsets->push_back(static_cast<uint32_t>(n));
}

size_t Normalizer::DecodeAndNormalize(std::string_view utf8, char32_t* cps,
                                      NormalizedText* out) const {
  size_t n = DecodeUtf8To(utf8, cps);
  Normalize(std::span<const char32_t>(cps, n), out);
  return n;
}

std::string Normalizer::NormalizeUtf8(std::string_view utf8) const {
  std::vector<char32_t> cps;
  DecodeUtf8(utf8, &cps);
  NormalizedText nt;
  Normalize(cps, &nt);
  return std::string(nt.view());
}

namespace {

constexpr char32_t kBmp = 0x10000;

// Characters removed outright. NFKC_Casefold already drops default-ignorable code points; the
// list repeats the ones spammers use so the intent survives a change of normalizer.
bool IsZeroWidth(char32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

class IcuNormalizer final : public Normalizer {
 public:
  Status Init() {
    UErrorCode err = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(err);
    if (U_FAILURE(err)) return Status::Internal(std::string("ICU NFKC_Casefold: ") + u_errorName(err));

    // Pass 1: NFKC_Casefold of every BMP code point.
    std::vector<std::string> out(kBmp);
    for (char32_t cp = 0; cp < kBmp; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        AppendUtf8(0xFFFD, &out[cp]);  // lone surrogates cannot come out of DecodeUtf8
        continue;
      }
      if (IsZeroWidth(cp)) continue;
      out[cp] = IcuFold(cp);
    }

    // Pass 2: traditional → simplified over the CJK outputs, with the same per-character map
    // the rumor matcher's table uses (src/text), so both detectors fold 國/国 alike.
    const Result<text::TradSimpMap>& t2s = text::TradSimpMap::Shared();
    if (!t2s.ok()) return t2s.status();
    traditional_.assign(kBmp, 0);
    std::vector<char32_t> chars;
    for (char32_t cp = 0x2E80; cp < kBmp; ++cp) {
      if (out[cp].empty() || static_cast<unsigned char>(out[cp][0]) < 0xE2) continue;
      DecodeUtf8(out[cp], &chars);
      bool changed = false;
      for (char32_t& c : chars) {
        char32_t simp = t2s.value().Map(c);
        changed |= simp != c;
        c = simp;
      }
      if (!changed) continue;
      out[cp].clear();
      for (char32_t c : chars) AppendUtf8(c, &out[cp]);
      traditional_[cp] = 1;
    }

    // The table: outputs of up to 4 bytes inline, longer ones in long_.
    table_.resize(kBmp);
    std::vector<char32_t> tmp;
    for (char32_t cp = 0; cp < kBmp; ++cp) {
      Entry& e = table_[cp];
      DecodeUtf8(out[cp], &tmp);
      char32_t first = tmp.empty() ? 0 : tmp[0];
      e.trad = traditional_[cp];
      e.folded = static_cast<uint16_t>(first);
      if (out[cp].size() <= 4 && first < kBmp) {
        std::memcpy(&e.bytes, out[cp].data(), out[cp].size());
        e.len = static_cast<uint8_t>(out[cp].size());
      } else {
        e.len = kLong;
        e.bytes = static_cast<uint32_t>(long_.size());
        long_.push_back({out[cp], first});
      }
    }
    return Status::Ok();
  }

  void Normalize(std::span<const char32_t> cps, NormalizedText* out) const override {
    const size_t n = cps.size();
    std::string& text = out->text;
    // Room for 4 bytes a code point plus slack, so the inline path writes 4 bytes unchecked.
    if (text.size() < 4 * n + 16) text.resize(4 * n + 16);
    out->Reserve(n);
    out->n = n;
    uint32_t* starts = out->starts.data();
    char32_t* folded = out->folded.data();
    uint8_t* trad = out->traditional.data();
    char* dst = text.data();
    size_t pos = 0;
    for (size_t i = 0; i < n; ++i) {
      char32_t cp = cps[i];
      starts[i] = static_cast<uint32_t>(pos);
      if (cp < 0x80) {
        char c = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        dst[pos++] = c;
        folded[i] = static_cast<unsigned char>(c);
        trad[i] = 0;
        continue;
      }
      std::string_view long_out;
      if (cp < kBmp) {
        const Entry& e = table_[cp];
        trad[i] = e.trad;
        if (e.len != kLong) {
          std::memcpy(dst + pos, &e.bytes, 4);
          pos += e.len;
          folded[i] = e.folded;
          continue;
        }
        long_out = long_[e.bytes].first;
        folded[i] = long_[e.bytes].second;
      } else {
        trad[i] = 0;
      }
      std::string sup;
      if (cp >= kBmp) {
        sup = cp <= 0x10FFFF ? IcuFold(cp) : std::string("\xEF\xBF\xBD");
        std::vector<char32_t> tmp;
        DecodeUtf8(sup, &tmp);
        folded[i] = tmp.empty() ? 0 : tmp[0];
        long_out = sup;
      }
      if (text.size() - pos < long_out.size() + 4 * (n - i) + 16) {
        text.resize(2 * text.size() + long_out.size());
        dst = text.data();
      }
      std::memcpy(dst + pos, long_out.data(), long_out.size());
      pos += long_out.size();
    }
    starts[n] = static_cast<uint32_t>(pos);
    out->bytes = pos;
  }

  // Well-formed UTF-8 takes a fused loop: each sequence is decoded, stored and normalized while
  // its bytes are in hand. Anything else takes the two-pass path.
  size_t DecodeAndNormalize(std::string_view utf8, char32_t* cps,
                            NormalizedText* out) const override {
    if (!IsValidUtf8(utf8)) return Normalizer::DecodeAndNormalize(utf8, cps, out);
    const size_t bytes = utf8.size();
    std::string& text = out->text;
    // At most one code point a byte, at most 4 output bytes inline.
    if (text.size() < 4 * bytes + 16) text.resize(4 * bytes + 16);
    out->Reserve(bytes);
    uint32_t* starts = out->starts.data();
    char32_t* folded = out->folded.data();
    uint8_t* trad = out->traditional.data();
    char* dst = text.data();
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    size_t i = 0, k = 0, pos = 0;
    while (i < bytes) {
      unsigned char c = p[i];
      char32_t cp;
      if (c < 0x80) {
        cps[k] = c;
        starts[k] = static_cast<uint32_t>(pos);
        char low = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        dst[pos++] = low;
        folded[k] = static_cast<unsigned char>(low);
        trad[k++] = 0;
        ++i;
        continue;
      }
      if (c < 0xE0) {
        cp = (static_cast<char32_t>(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
        i += 2;
      } else if (c < 0xF0) {
        cp = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) |
             (p[i + 2] & 0x3F);
        i += 3;
      } else {
        cp = (static_cast<char32_t>(c & 0x07) << 18) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 12) |
             (static_cast<char32_t>(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
        i += 4;
      }
      cps[k] = cp;
      starts[k] = static_cast<uint32_t>(pos);
      if (cp < kBmp && table_[cp].len != kLong) {
        const Entry& e = table_[cp];
        std::memcpy(dst + pos, &e.bytes, 4);
        pos += e.len;
        folded[k] = e.folded;
        trad[k++] = e.trad;
        continue;
      }
      std::string sup;
      std::string_view long_out;
      if (cp < kBmp) {
        long_out = long_[table_[cp].bytes].first;
        folded[k] = long_[table_[cp].bytes].second;
        trad[k] = table_[cp].trad;
      } else {
        sup = IcuFold(cp);
        std::vector<char32_t> tmp;
        DecodeUtf8(sup, &tmp);
        folded[k] = tmp.empty() ? 0 : tmp[0];
        trad[k] = 0;
        long_out = sup;
      }
      ++k;
      if (text.size() - pos < long_out.size() + 4 * (bytes - i) + 16) {
        text.resize(2 * text.size() + long_out.size());
        dst = text.data();
      }
      std::memcpy(dst + pos, long_out.data(), long_out.size());
      pos += long_out.size();
    }
    starts[k] = static_cast<uint32_t>(pos);
    out->n = k;
    out->bytes = pos;
    return k;
  }

  bool IsTraditional(char32_t cp) const override {
    return cp < kBmp && traditional_[cp] != 0;
  }

 private:
  std::string IcuFold(char32_t cp) const {
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString src = icu::UnicodeString(static_cast<UChar32>(cp));
    icu::UnicodeString dst = nfkc_cf_->normalize(src, err);
    std::string s;
    if (U_FAILURE(err)) {
      AppendUtf8(cp, &s);
      return s;
    }
    dst.toUTF8String(s);
    return s;
  }

  // One BMP code point's normalization: up to 4 bytes of output inline (little-endian in
  // `bytes`), or len == kLong and `bytes` indexing long_.
  struct Entry {
    uint32_t bytes = 0;
    uint8_t len = 0;
    uint8_t trad = 0;
    uint16_t folded = 0;
  };
  static constexpr uint8_t kLong = 0xFF;

  const icu::Normalizer2* nfkc_cf_ = nullptr;
  std::vector<Entry> table_;
  std::vector<std::pair<std::string, char32_t>> long_;  // outputs longer than 4 bytes
  std::vector<uint8_t> traditional_;
};

}  // namespace

Result<std::unique_ptr<Normalizer>> MakeIcuNormalizer() {
  auto n = std::make_unique<IcuNormalizer>();
  Status st = n->Init();
  if (!st.ok()) return st;
  return std::unique_ptr<Normalizer>(std::move(n));
}

}  // namespace sluice::spam
