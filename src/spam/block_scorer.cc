#include "spam/block_scorer.h"

#include <algorithm>
#include <string>

#include "core/json_writer.h"

namespace sluice::spam {

namespace {

uint64_t BigramKey(char32_t a, char32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }

// Builds one evidence object: {"key":value,...} in the order the fields are added.
class Evidence {
 public:
  Evidence& Num(std::string_view key, double v) {
    Key(key);
    AppendJsonNumber(&s_, v);
    return *this;
  }
  Evidence& Str(std::string_view key, std::string_view v) {
    Key(key);
    AppendJsonString(&s_, v);
    return *this;
  }
  Evidence& StrList(std::string_view key, const std::vector<std::string_view>& v) {
    Key(key);
    s_ += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) s_ += ',';
      AppendJsonString(&s_, v[i]);
    }
    s_ += ']';
    return *this;
  }
  std::string Done() { return s_.empty() ? "{}" : s_ + "}"; }

 private:
  void Key(std::string_view key) {
    s_ += s_.empty() ? "{" : ",";
    AppendJsonString(&s_, key);
    s_ += ':';
  }
  std::string s_;
};

// Most items sharing one two-character prefix or suffix, or being the same item, among
// items [first, last]; *affix gets the shared text.
uint32_t RepeatedAffix(const PageFeatures& f, uint32_t first, uint32_t last, std::u32string* affix) {
  std::vector<std::pair<uint64_t, uint32_t>> keys;  // (key, item) for prefixes, suffixes, wholes
  const auto& items = f.seg->items;
  for (uint32_t i = first; i <= last; ++i) {
    const Item& it = items[i];
    if (it.length() < 3) continue;
    const char32_t* c = f.folded.data();
    keys.push_back({BigramKey(c[it.begin], c[it.begin + 1]) << 1, i});
    keys.push_back({(BigramKey(c[it.end - 2], c[it.end - 1]) << 1) | 1, i});
  }
  std::sort(keys.begin(), keys.end());
  uint32_t best = 0;
  size_t best_at = 0;
  for (size_t a = 0; a < keys.size();) {
    size_t b = a;
    while (b < keys.size() && keys[b].first == keys[a].first) ++b;
    if (b - a > best) {
      best = static_cast<uint32_t>(b - a);
      best_at = a;
    }
    a = b;
  }
  if (best > 0 && affix != nullptr) {
    const Item& it = items[keys[best_at].second];
    bool suffix = keys[best_at].first & 1;
    uint32_t s = suffix ? it.end - 2 : it.begin;
    affix->assign(f.cps.begin() + s, f.cps.begin() + s + 2);
  }
  // Whole repeated items count too: a block that lists the same phrase again and again.
  std::vector<std::u32string_view> whole;
  for (uint32_t i = first; i <= last; ++i)
    whole.emplace_back(f.folded.data() + items[i].begin, items[i].length());
  std::sort(whole.begin(), whole.end());
  for (size_t a = 0; a < whole.size();) {
    size_t b = a;
    while (b < whole.size() && whole[b] == whole[a]) ++b;
    if (b - a > best && b - a > 1) {
      best = static_cast<uint32_t>(b - a);
      if (affix != nullptr) affix->assign(whole[a].begin(), whole[a].end());
    }
    a = b;
  }
  return best;
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

}  // namespace

SepKind Between(const Segmentation& seg, uint32_t i) {
  const Item& it = seg.items[i];
  if (it.sep == SepKind::kTerminator) return SepKind::kTerminator;
  if (it.line_end) return SepKind::kLineBreak;
  return it.sep;
}

std::vector<std::pair<uint32_t, uint32_t>> InlineRuns(const PageFeatures& f) {
  std::vector<std::pair<uint32_t, uint32_t>> runs;
  for (const Line& line : f.seg->lines) {
    uint32_t i = line.first_item;
    while (i < line.end_item) {
      if (!f.items[i].phrase) {
        ++i;
        continue;
      }
      uint32_t s = i;
      while (f.seg->items[i].sep != SepKind::kTerminator && i + 1 < line.end_item &&
             f.items[i + 1].phrase)
        ++i;
      runs.push_back({s, i});
      ++i;
    }
  }
  return runs;
}

void BuildPageFeatures(PageFeatures* f) {
  const Segmentation& seg = *f->seg;
  const size_t n = seg.items.size();
  for (size_t i = 0; i < n; ++i) f->items[i].body = !f->items[i].phrase;
  for (auto [first, last] : InlineRuns(*f)) {
    if (seg.items[last].sep != SepKind::kTerminator) continue;
    bool comma = false, list = false;
    for (uint32_t i = first; i < last; ++i) {
      SepKind k = Between(seg, i);
      comma |= k == SepKind::kComma;
      list |= IsListSeparator(k);
    }
    // A sentence: a full stop after commas, or after no list separator at all.
    if (comma || !list)
      for (uint32_t i = first; i <= last; ++i) f->items[i].body = true;
  }
  f->body_bigrams.clear();
  f->body_han = f->body_trad = 0;
  f->body_before.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    f->body_before[i + 1] = f->body_before[i] + (f->items[i].body ? 1 : 0);
    if (!f->items[i].body) continue;
    f->body_han += f->items[i].han;
    f->body_trad += f->items[i].trad;
    const Item& it = seg.items[i];
    for (uint32_t k = it.begin; k + 1 < it.end; ++k)
      if (IsHan(f->folded[k]) && IsHan(f->folded[k + 1]))
        f->body_bigrams.push_back(BigramKey(f->folded[k], f->folded[k + 1]));
  }
  std::sort(f->body_bigrams.begin(), f->body_bigrams.end());
  f->body_bigrams.erase(std::unique(f->body_bigrams.begin(), f->body_bigrams.end()),
                        f->body_bigrams.end());
}

double BodyOverlap(const PageFeatures& f, uint32_t first, uint32_t last, uint32_t* bigrams) {
  uint32_t total = 0, shared = 0;
  for (uint32_t i = first; i <= last; ++i) {
    const Item& it = f.seg->items[i];
    for (uint32_t k = it.begin; k + 1 < it.end; ++k) {
      if (!IsHan(f.folded[k]) || !IsHan(f.folded[k + 1])) continue;
      ++total;
      shared += std::binary_search(f.body_bigrams.begin(), f.body_bigrams.end(),
                                   BigramKey(f.folded[k], f.folded[k + 1]));
    }
  }
  if (bigrams != nullptr) *bigrams = total;
  return total == 0 ? 1.0 : static_cast<double>(shared) / total;
}

BlockScore ScoreBlock(const PageFeatures& f, const SpamConfig& c, const Lexicon& lexicon,
                      uint32_t first, uint32_t last, bool evidence) {
  BlockScore r;
  const Segmentation& seg = *f.seg;
  const uint32_t n = last - first + 1;
  const uint32_t span_cps = seg.items[last].end - seg.items[first].begin;

  uint32_t item_cps = 0, han = 0, trad = 0, links = 0;
  for (uint32_t i = first; i <= last; ++i) {
    const ItemFeatures& it = f.items[i];
    item_cps += seg.items[i].length();
    han += it.han;
    trad += it.trad;
    links += it.link;
    for (int k = 0; k < kSpamCategoryCount; ++k) r.category_items[k] += (it.categories >> k) & 1;
  }

  // Separators between the items.
  std::array<uint32_t, static_cast<int>(SepKind::kLineBreak) + 1> kinds{};
  uint32_t list_seps = 0, commas = 0, sentence_ends = 0;
  for (uint32_t i = first; i < last; ++i) {
    SepKind k = Between(seg, i);
    ++kinds[static_cast<int>(k)];
    list_seps += IsListSeparator(k);
    commas += k == SepKind::kComma;
  }
  for (uint32_t i = first; i <= last; ++i) sentence_ends += seg.items[i].sep == SepKind::kTerminator;
  uint32_t dominant_count = 0;
  for (size_t k = 0; k < kinds.size(); ++k)
    if (kinds[k] > dominant_count) {
      dominant_count = kinds[k];
      r.dominant = static_cast<SepKind>(k);
    }

  auto fire = [&](std::string_view name, double weight, auto&& make_evidence) {
    r.score += weight;
    if (evidence) r.signals.push_back(SpamSignal{std::string(name), weight, make_evidence()});
  };

  if (n >= 3 && IsListSeparator(r.dominant)) {
    double density = static_cast<double>(list_seps) / std::max<uint32_t>(span_cps, 1);
    double uniformity = static_cast<double>(dominant_count) / (n - 1);
    if (density >= c.separator_density.min_density &&
        uniformity >= c.separator_density.min_uniformity)
      fire("separator_density", c.separator_density.weight, [&] {
        return Evidence().Num("separators", list_seps).Num("code_points", span_cps)
            .Num("density", density).Str("kind", SepKindName(r.dominant))
            .Num("uniformity", uniformity).Done();
      });
  }
  double mean_cps = static_cast<double>(item_cps) / n;
  if (static_cast<int>(n) >= c.short_phrases.min_items && mean_cps <= c.short_phrases.max_mean_cps)
    fire("short_phrases", c.short_phrases.weight,
         [&] { return Evidence().Num("items", n).Num("mean_code_points", mean_cps).Done(); });
  if (static_cast<int>(n) >= c.short_phrase_run.min_items)
    fire("short_phrase_run", c.short_phrase_run.weight,
         [&] { return Evidence().Num("items", n).Done(); });

  uint32_t body_total = f.body_before.back();
  if (f.body_before[first] > 0 && f.body_before[last + 1] == body_total)
    fire("trailer", c.trailer.weight, [&] {
      return Evidence().Num("body_items_before", f.body_before[first])
          .Num("position", static_cast<double>(seg.items[first].begin) /
                               std::max<size_t>(f.cps.size(), 1)).Done();
    });

  if (static_cast<int>(han) >= c.vocabulary_shift.min_block_han &&
      static_cast<int>(f.body_han) >= c.vocabulary_shift.min_body_han) {
    uint32_t bigrams = 0;
    double overlap = BodyOverlap(f, first, last, &bigrams);
    if (bigrams > 0 && overlap <= c.vocabulary_shift.max_overlap)
      fire("vocabulary_shift", c.vocabulary_shift.weight, [&] {
        return Evidence().Num("overlap", overlap).Num("block_bigrams", bigrams)
            .Num("body_bigrams", f.body_bigrams.size()).Done();
      });
  }
  if (static_cast<int>(han) >= c.script_shift.min_block_han &&
      static_cast<int>(f.body_han) >= c.script_shift.min_body_han) {
    double block_share = static_cast<double>(trad) / han;
    double body_share = static_cast<double>(f.body_trad) / f.body_han;
    double gap = block_share > body_share ? block_share - body_share : body_share - block_share;
    if (gap >= c.script_shift.min_gap)
      fire("script_shift", c.script_shift.weight, [&] {
        return Evidence().Num("block_traditional", block_share)
            .Num("body_traditional", body_share).Done();
      });
  }
  if (static_cast<int>(n) >= c.repetition.min_items) {
    std::u32string affix;
    uint32_t repeated = RepeatedAffix(f, first, last, evidence ? &affix : nullptr);
    if (repeated >= 3 && static_cast<double>(repeated) / n >= c.repetition.min_share)
      fire("repetition", c.repetition.weight, [&] {
        return Evidence().Str("shared", ToUtf8(affix)).Num("items", repeated).Num("of", n).Done();
      });
  }
  if (links > 0 && static_cast<double>(links) / n >= c.link_density.min_share)
    fire("link_density", c.link_density.weight,
         [&] { return Evidence().Num("links", links).Num("items", n).Done(); });

  const SpamConfig::Lexicon* lex[kSpamCategoryCount] = {
      &c.lexicon_pornography, &c.lexicon_gambling, &c.lexicon_piracy, &c.lexicon_advertising,
      &c.lexicon_link_farm};
  for (int k = 0; k < kSpamCategoryCount; ++k) {
    uint32_t hit_items = r.category_items[k];
    if (hit_items == 0) continue;
    int sat = lex[k]->saturation_items;
    double w = lex[k]->weight * std::min<int>(static_cast<int>(hit_items), sat) / sat;
    auto category = static_cast<SpamCategory>(k);
    fire(std::string("lexicon_") + std::string(SpamCategoryName(category)), w, [&] {
      std::vector<std::string_view> phrases;
      auto lo = std::lower_bound(f.item_hits.begin(), f.item_hits.end(),
                                 std::pair<uint32_t, uint32_t>{first, 0});
      for (auto it = lo; it != f.item_hits.end() && it->first <= last; ++it) {
        if (lexicon.category(it->second) != category) continue;
        std::string_view p = lexicon.phrase(it->second);
        if (std::find(phrases.begin(), phrases.end(), p) == phrases.end()) phrases.push_back(p);
        if (phrases.size() == 8) break;
      }
      return Evidence().Num("items", hit_items).Num("of", n).StrList("phrases", phrases).Done();
    });
  }

  if (sentence_ends > 0 && commas > 0) {
    r.prose = true;
    fire("prose", c.prose.weight,
         [&] { return Evidence().Num("sentence_ends", sentence_ends).Num("commas", commas).Done(); });
  }
  return r;
}

}  // namespace sluice::spam
