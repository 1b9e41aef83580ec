#include "sim/text_edits.h"

#include <algorithm>
#include <array>
#include <utility>

#include "sim/unicode_text.h"

namespace sluice::sim {

std::string_view EditKindName(EditKind k) {
  switch (k) {
    case EditKind::kExact: return "exact";
    case EditKind::kTradSimp: return "trad_simp";
    case EditKind::kPunctuation: return "punctuation";
    case EditKind::kEmoji: return "emoji";
    case EditKind::kZeroWidth: return "zero_width";
    case EditKind::kFullwidth: return "fullwidth";
    case EditKind::kHomoglyph: return "homoglyph";
    case EditKind::kLookalikeHan: return "lookalike_han";
    case EditKind::kHomophone: return "homophone";
    case EditKind::kPartial: return "partial";
    case EditKind::kEmbedded: return "embedded";
  }
  return "?";
}

std::vector<std::string_view> EditNames(EditSet s) {
  std::vector<std::string_view> names;
  for (int k = 0; k < kEditKindCount; ++k)
    if (s & (1u << k)) names.push_back(EditKindName(static_cast<EditKind>(k)));
  return names;
}

namespace {

// Pairs of characters that differ by a stroke or a dot (形近字); each maps to the other.
constexpr std::u32string_view kLookalikePairs =
    U"己已未末人入士土日曰天夭王玉刀力干千今令体休问间准淮市巿师帅免兔鸟乌采釆拨拔候侯毒毐"
    U"辩辨徒徙戊戌贝见厂广大太木术折拆历厉喝渴住往";

// A character and a substitute with the same (or nearly the same) pinyin (諧音).
constexpr std::u32string_view kHomophonePairs =
    U"是事在再已以有又市事医衣院愿毒独病并疫意苗描学穴校笑生升城成封风死四伤商食十药要警井"
    U"钱前取娶破迫产铲号浩线县机鸡站战喝呵吃痴染冉感敢童同儿而名明后厚部布期其天添全泉停亭"
    U"关官门们人仁中钟月越电店小晓被备装壮辐福射社超抄标彪近进区曲住驻金今断段坍贪塌他删山"
    U"帖贴业夜接街单担剧据种重倒到消销息惜手首爆报炸榨男南孩还架价列烈须需定订位为费废则责"
    U"考烤卷倦泄谢露路群裙售受答达案暗工公气器抢枪救就现县明鸣周州罚伐带代牌排尾伟失师踪棕";

constexpr std::pair<char32_t, char32_t> kHomoglyphs[] = {
    {U'A', U'\u0410'}, {U'B', U'\u0412'}, {U'C', U'\u0421'}, {U'E', U'\u0415'},
    {U'H', U'\u041D'}, {U'I', U'\u0406'}, {U'K', U'\u041A'}, {U'M', U'\u041C'},
    {U'O', U'\u041E'}, {U'P', U'\u0420'}, {U'S', U'\u0405'}, {U'T', U'\u0422'},
    {U'X', U'\u0425'}, {U'Y', U'\u04AE'}, {U'a', U'\u0430'}, {U'c', U'\u0441'},
    {U'e', U'\u0435'}, {U'i', U'\u0456'}, {U'j', U'\u0458'}, {U'o', U'\u043E'},
    {U'p', U'\u0440'}, {U's', U'\u0455'}, {U'x', U'\u0445'}, {U'y', U'\u0443'}};

char32_t PairLookup(std::u32string_view pairs, char32_t c, bool both_ways) {
  for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
    if (pairs[i] == c) return pairs[i + 1];
    if (both_ways && pairs[i + 1] == c) return pairs[i];
  }
  return 0;
}

constexpr std::u32string_view kPunctuation = U"，。、·…*-./|~！ ";
constexpr std::u32string_view kZeroWidth = U"\u200B\u200C\u200D\u2060\uFEFF";
constexpr std::u32string_view kEmoji[] = {U"😂", U"😭", U"👍", U"🙏", U"🔥", U"😱", U"⚠️",
                                           U"‼️", U"😡", U"🤔", U"💔", U"🙄", U"[泪]", U"[怒]"};

template <typename F>
void Substitute(std::u32string* text, Rng& rng, int max_count, F&& sub) {
  std::vector<size_t> where;
  for (size_t i = 0; i < text->size(); ++i)
    if (sub((*text)[i]) != 0) where.push_back(i);
  if (where.empty()) return;
  int n = static_cast<int>(rng.Between(1, std::max(1, std::min<int>(max_count, where.size()))));
  for (int k = 0; k < n; ++k) {
    size_t j = k + rng.Below(where.size() - k);  // partial Fisher-Yates: distinct positions
    std::swap(where[k], where[j]);
    char32_t& c = (*text)[where[k]];
    c = sub(c);
  }
}

// Inserts between characters (never before the first or after the last).
void InsertBetween(std::u32string* text, Rng& rng, int count,
                   const std::vector<std::u32string_view>& choices) {
  if (text->size() < 2) return;
  for (int k = 0; k < count; ++k) {
    size_t pos = 1 + rng.Below(text->size() - 1);
    text->insert(pos, choices[rng.Below(choices.size())]);
  }
}

}  // namespace

char32_t LookalikeHan(char32_t c) { return PairLookup(kLookalikePairs, c, true); }
char32_t Homophone(char32_t c) { return PairLookup(kHomophonePairs, c, false); }

char32_t CyrillicHomoglyph(char32_t c) {
  for (const auto& [latin, cyr] : kHomoglyphs)
    if (latin == c) return cyr;
  return 0;
}

bool CanSubstitute(EditKind k, std::u32string_view text) {
  for (char32_t c : text) {
    switch (k) {
      case EditKind::kLookalikeHan:
        if (LookalikeHan(c)) return true;
        break;
      case EditKind::kHomophone:
        if (Homophone(c)) return true;
        break;
      case EditKind::kHomoglyph:
        if (CyrillicHomoglyph(c)) return true;
        break;
      case EditKind::kFullwidth:
        if ((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'))
          return true;
        break;
      default: return true;
    }
  }
  return false;
}

void SubstituteLookalikeHan(std::u32string* text, Rng& rng, int max_count) {
  Substitute(text, rng, max_count, LookalikeHan);
}
void SubstituteHomophones(std::u32string* text, Rng& rng, int max_count) {
  Substitute(text, rng, max_count, Homophone);
}
void SubstituteHomoglyphs(std::u32string* text, Rng& rng, int max_count) {
  Substitute(text, rng, max_count, CyrillicHomoglyph);
}

void ToFullwidth(std::u32string* text) {
  for (char32_t& c : *text)
    if ((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'))
      c += 0xFEE0;
}

void InsertPunctuation(std::u32string* text, Rng& rng) {
  std::vector<std::u32string_view> choices;
  for (size_t i = 0; i < kPunctuation.size(); ++i) choices.push_back(kPunctuation.substr(i, 1));
  InsertBetween(text, rng, static_cast<int>(rng.Between(2, 5)), choices);
}

void InsertEmoji(std::u32string* text, Rng& rng) {
  std::vector<std::u32string_view> choices(std::begin(kEmoji), std::end(kEmoji));
  InsertBetween(text, rng, static_cast<int>(rng.Between(2, 4)), choices);
}

void InsertZeroWidth(std::u32string* text, Rng& rng) {
  std::vector<std::u32string_view> choices;
  for (size_t i = 0; i < kZeroWidth.size(); ++i) choices.push_back(kZeroWidth.substr(i, 1));
  InsertBetween(text, rng, static_cast<int>(rng.Between(2, 5)), choices);
}

std::u32string PartialCopy(std::u32string_view text, Rng& rng, size_t min_len) {
  size_t n = text.size();
  size_t len = static_cast<size_t>(n * (0.6 + 0.25 * rng.Uniform()) + 0.5);
  len = std::max(len, std::min(min_len, n));
  if (len >= n) len = n > 1 ? n - 1 : n;
  size_t start = rng.Below(n - len + 1);
  return std::u32string(text.substr(start, len));
}

}  // namespace sluice::sim
