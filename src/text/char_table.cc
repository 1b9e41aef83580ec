#include "text/char_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/unistr.h>

#include <cstring>
#include <map>
#include <optional>

#include "text/code_points.h"
#include "text/lookalike_han.h"
#include "text/normalization.h"
#include "text/pinyin_table.h"
#include "text/trad_simp.h"

namespace sluice::text {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

bool IsEmoji(char32_t cp) {
  UChar32 c = static_cast<UChar32>(cp);
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
         u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
         cp == 0xFE0E || cp == 0xFE0F ||          // text and emoji presentation selectors
         cp == 0x20E3 ||                          // combining keycap
         (cp >= 0xE0020 && cp <= 0xE007F);        // tag characters of emoji flag sequences
}

// CJK Unified Ideographs, Extension A and Extensions B and beyond (not the compatibility block).
bool IsUnifiedIdeograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x3134F);
}

bool IsWidthForm(char32_t cp) { return (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x3000; }

bool IsMark(int8_t type) { return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK; }

bool IsPunctuationOrSymbol(int8_t type) {
  switch (type) {
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION: case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
      return true;
    default:
      return false;
  }
}

bool IsLetterOrDigit(UChar32 c) { return u_isalnum(c) != 0; }

// Scripts whose letters have confusable look-alikes in Latin (UTS #39 skeletons).
bool HasSkeleton(UScriptCode s) {
  return s == USCRIPT_LATIN || s == USCRIPT_CYRILLIC || s == USCRIPT_GREEK ||
         s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_ARMENIAN ||
         s == USCRIPT_CHEROKEE;
}

std::vector<UChar32> CodePoints(const icu::UnicodeString& u) {
  std::vector<UChar32> v;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    v.push_back(c);
    i += U16_LENGTH(c);
  }
  return v;
}

}  // namespace

struct CharTableBuilder {
  const icu::Normalizer2* nfkc = nullptr;
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  USpoofChecker* spoof = nullptr;
  const TradSimpMap* trad_simp = nullptr;
  std::optional<LookalikeHan> lookalike;
  std::optional<PinyinTable> pinyin;
  CharTable* table = nullptr;

  ~CharTableBuilder() {
    if (spoof != nullptr) uspoof_close(spoof);
  }

  void Note(const std::string& s) {
    if (!table->build_notes_.empty()) table->build_notes_ += "; ";
    table->build_notes_ += s;
  }

  void Open() {
    UErrorCode ec = U_ZERO_ERROR;
    nfkc = icu::Normalizer2::getNFKCInstance(ec);
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(ec);
    nfd = icu::Normalizer2::getNFDInstance(ec);
    nfc = icu::Normalizer2::getNFCInstance(ec);
    if (U_FAILURE(ec)) nfkc = nfkc_cf = nfd = nfc = nullptr, Note("ICU normalization data missing");
    ec = U_ZERO_ERROR;
    spoof = uspoof_open(&ec);
    if (U_FAILURE(ec)) spoof = nullptr, Note("ICU confusables data missing: no homoglyph folding");
    IndexAsciiSkeletons();

    const Result<TradSimpMap>& ts = TradSimpMap::Shared();
    if (ts.ok()) {
      trad_simp = &ts.value();
      table->trad_simp_source_ = trad_simp->source();
    } else {
      Note(ts.status().message());
    }
    Result<LookalikeHan> la = LookalikeHan::Parse(LookalikeHan::BuiltinTsv(), "lookalike_han.tsv");
    if (la.ok()) lookalike = std::move(la).value();
    else Note(la.status().message());
    // Traditional characters take the reading of their simplified form, so skip them here.
    Result<PinyinTable> py = PinyinTable::Build(
        [&](char32_t c) { return !trad_simp || trad_simp->Map(c) == c; });
    if (py.ok()) pinyin = std::move(py).value();
    else Note(py.status().message());
    if (pinyin)
      for (size_t i = 1; i <= pinyin->syllable_count(); ++i)
        table->syllables_.emplace_back(pinyin->Name(static_cast<uint16_t>(i)));
  }

  icu::UnicodeString Normalize(const icu::Normalizer2* n, const icu::UnicodeString& u) {
    if (n == nullptr) return u;
    UErrorCode ec = U_ZERO_ERROR;
    icu::UnicodeString r = n->normalize(u, ec);
    return U_FAILURE(ec) ? u : r;
  }

  // `u` with combining marks removed (recomposed when any were). *stripped tells whether marks
  // were removed.
  icu::UnicodeString StripMarks(const icu::UnicodeString& u, bool* stripped) {
    icu::UnicodeString d = Normalize(nfd, u);
    icu::UnicodeString kept;
    *stripped = false;
    for (UChar32 c : CodePoints(d)) {
      if (IsMark(u_charType(c))) *stripped = true;
      else kept.append(c);
    }
    return *stripped ? Normalize(nfc, kept) : u;
  }

  // NFKC case folding of one code point, marks removed.
  std::vector<UChar32> CaseFold(UChar32 c) {
    bool stripped;
    std::vector<UChar32> out = CodePoints(StripMarks(Normalize(nfkc_cf, icu::UnicodeString(c)), &stripped));
    if (out.empty()) out.push_back(c);
    return out;
  }

  // The raw UTS #39 skeleton of `c` (UTF-16), or empty when ICU has none.
  icu::UnicodeString RawSkeleton(UChar32 c) {
    if (spoof == nullptr) return {};
    UChar in[2];
    int32_t len = 0;
    U16_APPEND_UNSAFE(in, len, c);
    UChar sk[64];
    UErrorCode ec = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeleton(spoof, 0, in, len, sk, 64, &ec);
    if (U_FAILURE(ec)) return {};
    return icu::UnicodeString(sk, n);
  }

  // ASCII letters by their skeleton: 'l' → {I, l}, 'O' → {O}.
  std::map<icu::UnicodeString, std::vector<UChar32>> ascii_by_skeleton;

  void IndexAsciiSkeletons() {
    for (UChar32 c = 'A'; c <= 'z'; ++c)
      if (u_isalpha(c)) ascii_by_skeleton[RawSkeleton(c)].push_back(c);
  }

  // The ASCII letter a non-ASCII letter imitates, in the same case when there is a choice
  // (Cyrillic І imitates I, not l), or 0 when it imitates none.
  UChar32 ImitatedAscii(UChar32 c) {
    auto it = ascii_by_skeleton.find(RawSkeleton(c));
    if (it == ascii_by_skeleton.end()) return 0;
    for (UChar32 a : it->second)
      if ((u_isupper(c) && u_isupper(a)) || (u_islower(c) && u_islower(a))) return a;
    return it->second[0];
  }

  // Letters and digits of the case-folded confusable skeleton of `c`. Case folding can turn a
  // prototype into a letter with a skeleton of its own (Σ→σ→o), so it is applied again until
  // nothing changes: the table must map its own output to itself.
  std::vector<UChar32> Skeleton(UChar32 c, int depth = 0) {
    std::vector<UChar32> out;
    if (spoof == nullptr) return CaseFold(c);
    UChar in[2];
    int32_t len = 0;
    U16_APPEND_UNSAFE(in, len, c);
    UChar sk[64];
    UErrorCode ec = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeleton(spoof, 0, in, len, sk, 64, &ec);
    if (U_FAILURE(ec)) return CaseFold(c);
    for (UChar32 x : CodePoints(icu::UnicodeString(sk, n))) {
      for (UChar32 y : CaseFold(x)) {
        if (!IsLetterOrDigit(y)) continue;
        if (y >= 0x80 && y != c && depth < 3) {
          std::vector<UChar32> again = Skeleton(y, depth + 1);
          out.insert(out.end(), again.begin(), again.end());
        } else {
          out.push_back(y);
        }
      }
    }
    if (out.empty()) return CaseFold(c);
    return out;
  }

  struct Piece {
    uint32_t token, sound, key;
  };

  // The sound token of a Han character: its syllable, or the character when it has none.
  uint32_t Sound(char32_t c) const {
    uint16_t syl = pinyin ? pinyin->Syllable(c) : 0;
    return syl ? kSoundBase + syl : c;
  }

  CharEntry Compute(char32_t cp, std::vector<Piece>* pieces) {
    pieces->clear();
    CharEntry e;
    auto drop = [&](uint16_t why) {
      e.count = 0;
      e.flags |= why;
      return e;
    };
    if (IsEmoji(cp)) return drop(kEmoji);
    UChar32 c = static_cast<UChar32>(cp);
    int8_t type = u_charType(c);
    if (IsUnifiedIdeograph(cp) && type != U_UNASSIGNED) {
      // NFKC, case folding and skeletons leave unified ideographs alone: skip ICU for speed.
      char32_t y = trad_simp ? trad_simp->Map(cp) : cp;
      if (y != cp) e.flags |= kTradSimp;
      uint32_t sound = Sound(y);
      char32_t l = lookalike ? lookalike->Canonical(y) : y;
      if (l != y) e.flags |= kLookalikeHan;
      uint32_t key = Sound(l);
      e.token = l == cp ? 0 : l;
      e.sound = sound == l ? 0 : sound;
      e.key = key == (e.sound ? e.sound : l) ? 0 : key;
      return e;
    }
    if (type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR || type == U_SURROGATE ||
        nfkc == nullptr)
      return e;
    icu::UnicodeString src(c);
    icu::UnicodeString k = Normalize(nfkc, src);
    if (k != src) e.flags |= IsWidthForm(cp) ? kFullwidth : kCompat;
    bool stripped = false;
    icu::UnicodeString bare = StripMarks(k, &stripped);
    if (stripped) e.flags |= kDiacritic;
    if (bare.isEmpty()) return drop(0);  // a lone combining mark
    uint16_t dropped = 0;
    for (UChar32 x : CodePoints(bare)) {
      int8_t t = u_charType(x);
      if (IsEmoji(static_cast<char32_t>(x))) { dropped |= kEmoji; continue; }
      if (u_isUWhiteSpace(x) || t == U_CONTROL_CHAR) { dropped |= kWhitespace; continue; }
      if (t == U_FORMAT_CHAR || u_hasBinaryProperty(x, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        dropped |= kZeroWidth;
        continue;
      }
      if (IsPunctuationOrSymbol(t)) { dropped |= kPunctuation; continue; }
      UErrorCode ec = U_ZERO_ERROR;
      UScriptCode script = uscript_getScript(x, &ec);
      if (script == USCRIPT_HAN) {
        char32_t y = static_cast<char32_t>(x);
        if (trad_simp) {
          char32_t s = trad_simp->Map(y);
          if (s != y) e.flags |= kTradSimp, y = s;
        }
        // The sound is read before the look-alike folding: 问 keeps "wen" (so a 諧音 swap to 文
        // still lines up) while its character token becomes its group's first member, 间. The
        // key is the sound of that first member (间 "jian"), so both swaps usually keep it.
        uint32_t sound = Sound(y);
        if (lookalike) {
          char32_t l = lookalike->Canonical(y);
          if (l != y) e.flags |= kLookalikeHan, y = l;
        }
        pieces->push_back({y, sound, Sound(y)});
        continue;
      }
      std::vector<UChar32> folded = CaseFold(x);
      if (folded.size() != 1 || folded[0] != x) e.flags |= kCaseFold;
      // ASCII letters are what the look-alikes imitate, and their skeletons are not closed under
      // case folding (I→l but i→i): they are only case-folded. A letter that imitates an ASCII
      // letter becomes that letter, case-folded (Cyrillic І→I→i, Greek Τ→T→t); other letters,
      // and digits (0→o), become their case-folded skeleton.
      bool ascii_letter = x < 0x80 && u_isalpha(x);
      if (!ascii_letter && HasSkeleton(script) && IsLetterOrDigit(x)) {
        UChar32 imitated = x >= 0x80 ? ImitatedAscii(x) : 0;
        std::vector<UChar32> sk = imitated != 0 ? CaseFold(imitated) : Skeleton(x);
        if (x >= 0x80 && sk != folded) e.flags |= kHomoglyph;
        folded = sk;
      }
      for (UChar32 y : folded) {
        uint32_t t = static_cast<uint32_t>(y);
        pieces->push_back({t, t, t});
      }
      continue;
    }
    if (pieces->empty()) return drop(dropped);
    if (pieces->size() == 1) {
      const Piece& p = (*pieces)[0];
      e.token = p.token == cp ? 0 : p.token;
      e.sound = p.sound == p.token ? 0 : p.sound;
      e.key = p.key == p.sound ? 0 : p.key;
      e.count = 1;
      return e;
    }
    e.count = static_cast<uint8_t>(pieces->size());
    return e;
  }

  void Build() {
    Open();
    std::vector<CharEntry> block(256);
    std::map<std::string, uint16_t> seen;  // block bytes -> block index
    std::vector<Piece> pieces;
    table->stage1_.resize((kMaxCodePoint >> 8) + 1);
    for (char32_t hi = 0; hi <= (kMaxCodePoint >> 8); ++hi) {
      for (char32_t lo = 0; lo < 256; ++lo) {
        CharEntry e = Compute((hi << 8) | lo, &pieces);
        if (e.count > 1) {
          e.token = static_cast<uint32_t>(table->pool_.size());
          for (const Piece& p : pieces) table->pool_.push_back({p.token, p.sound, p.key});
        }
        block[lo] = e;
      }
      std::string key(reinterpret_cast<const char*>(block.data()), block.size() * sizeof(CharEntry));
      auto [it, added] = seen.emplace(key, static_cast<uint16_t>(seen.size()));
      if (added) table->blocks_.insert(table->blocks_.end(), block.begin(), block.end());
      table->stage1_[hi] = it->second;
    }
    table->bmp_keys_.resize(0x10000);
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
      const CharEntry& e = table->Lookup(cp);
      uint32_t key;
      if (e.count > 1 || cp == '[' || cp == 'h' || cp == 'H') {
        key = CharTable::kSlowKey;
      } else if (e.count == 0) {
        key = 0;
      } else {
        uint32_t tok = e.token != 0 ? e.token : cp;
        uint32_t sound = e.sound != 0 ? e.sound : tok;
        key = e.key != 0 ? e.key : sound;
      }
      table->bmp_keys_[cp] = key;
    }
  }
};

static_assert(sizeof(CharEntry) == 16, "CharEntry is hashed as bytes: no padding allowed");

const CharTable& CharTable::Get() {
  static const CharTable* table = [] {
    auto* t = new CharTable();  // never freed: lives as long as the process
    CharTableBuilder b;
    b.table = t;
    b.Build();
    return t;
  }();
  return *table;
}

std::string CharTable::SoundName(uint32_t sound) const {
  if (sound > kSoundBase && sound - kSoundBase <= syllables_.size())
    return syllables_[sound - kSoundBase - 1];
  std::string s;
  if (sound <= kMaxCodePoint) AppendUtf8(&s, static_cast<char32_t>(sound));
  return s;
}

size_t CharTable::MemoryBytes() const {
  size_t n = stage1_.size() * sizeof(uint16_t) + blocks_.size() * sizeof(CharEntry) +
             pool_.size() * sizeof(PooledToken) + bmp_keys_.size() * sizeof(uint32_t);
  for (const std::string& s : syllables_) n += s.size() + sizeof(std::string);
  return n;
}

}  // namespace sluice::text
