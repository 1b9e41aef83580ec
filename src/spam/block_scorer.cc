#include "spam/block_scorer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "core/json_writer.h"

namespace sluice::spam {

namespace {

uint64_t BigramKey(char32_t a, char32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }
constexpr std::string_view kLexiconSignals[kSpamCategoryCount] = {
    "lexicon_pornography", "lexicon_gambling", "lexicon_piracy", "lexicon_advertising",
    "lexicon_link_farm"};

constexpr size_t kBodyBitWords = 1024;  // 65536 bits
uint32_t BigramSlot(uint64_t k) { return static_cast<uint32_t>((k * 0x9E3779B97F4A7C15ull) >> 48); }

// Builds one evidence object: {"key":value,...} in the order the fields are added.
class Evidence {
 public:
  Evidence() { s_.reserve(96); }
  // Numbers as "%.6g" prints them (integers exactly), at a fraction of printf's cost.
  Evidence& Num(std::string_view key, double v) {
    Key(key);
    char buf[32];
    std::to_chars_result r;
    if (v == static_cast<double>(static_cast<int64_t>(v)) && v > -1e15 && v < 1e15)
      r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    else if (std::isfinite(v))
      r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
    else
      r = {std::copy_n("null", 4, buf), std::errc()};
    s_.append(buf, r.ptr);
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
  std::string Done() {
    if (s_.empty()) return "{}";
    s_ += '}';
    return std::move(s_);
  }

 private:
  // REQUIRES: `key` needs no JSON escaping (the keys here are fixed ASCII names).
  void Key(std::string_view key) {
    s_ += s_.empty() ? "{\"" : ",\"";
    s_ += key;
    s_ += "\":";
  }
  std::string s_;
};

// Most items sharing one two-character prefix or suffix, or being the same item, among
// items [first, last]; *affix gets the shared text (normalized). Counts in a small open-addressing
// table: prefix keys are (a << 22 | b) << 1, suffix keys the same | 1, whole items a hash with the
// top bit set.
uint32_t RepeatedAffix(const PageFeatures& f, uint32_t first, uint32_t last, std::u32string* affix) {
  struct Slot {
    uint64_t key;
    uint32_t count, item;
  };
  thread_local std::vector<Slot> table;
  const uint32_t n = last - first + 1;
  size_t slots = 64;
  while (slots < 8 * static_cast<size_t>(n)) slots *= 2;
  table.assign(slots, Slot{0, 0, 0});
  const size_t mask = slots - 1;
  uint32_t best = 0, best_item = 0;
  uint64_t best_key = 0;
  auto add = [&](uint64_t key, uint32_t item) {
    size_t at = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 40) & mask;
    while (table[at].count != 0 && table[at].key != key) at = (at + 1) & mask;
    Slot& s = table[at];
    if (s.count++ == 0) s.key = key, s.item = item;
    bool whole = key >> 63;
    if (s.count > best && (!whole || s.count > 1)) best = s.count, best_key = key, best_item = s.item;
  };
  const auto& items = f.seg->items;
  const char32_t* c = f.folded.data();
  for (uint32_t i = first; i <= last; ++i) {
    const Item& it = items[i];
    uint64_t h = it.length();
    for (uint32_t k = it.begin; k < it.end; ++k) h = (h ^ c[k]) * 0x100000001B3ull;
    add(h | (uint64_t{1} << 63), i);
    if (it.length() < 3) continue;
    add((static_cast<uint64_t>(c[it.begin]) << 22 | c[it.begin + 1]) << 1, i);
    add(((static_cast<uint64_t>(c[it.end - 2]) << 22 | c[it.end - 1]) << 1) | 1, i);
  }
  if (best > 0 && affix != nullptr) {
    const Item& it = items[best_item];
    if (best_key >> 63) affix->assign(c + it.begin, c + it.end);
    else if (best_key & 1) affix->assign(c + it.end - 2, c + it.end);
    else affix->assign(c + it.begin, c + it.begin + 2);
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

bool PageFeatures::InBody(uint64_t bigram) const {
  if (!body_bits_ready) BuildBodyBits();
  uint32_t h = BigramSlot(bigram);
  return (body_bits[h >> 6] >> (h & 63)) & 1;
}

uint32_t PageFeatures::BodyBigrams() const {
  if (!body_bits_ready) BuildBodyBits();
  return body_bigrams;
}

void PageFeatures::BuildBodyBits() const {
  body_bits.assign(kBodyBitWords, 0);
  body_bigrams = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].body) continue;
    const Item& it = seg->items[i];
    for (uint32_t k = it.begin; k + 1 < it.end; ++k) {
      if (!IsHan(folded[k]) || !IsHan(folded[k + 1])) continue;
      uint32_t h = BigramSlot(BigramKey(folded[k], folded[k + 1]));
      body_bits[h >> 6] |= uint64_t{1} << (h & 63);
      ++body_bigrams;
    }
  }
  body_bits_ready = true;
}

void BuildPageFeatures(PageFeatures* f) {
  const Segmentation& seg = *f->seg;
  const size_t n = seg.items.size();
  f->runs.clear();
  for (const Line& line : seg.lines) {
    uint32_t i = line.first_item;
    while (i < line.end_item) {
      if (!f->items[i].phrase) {
        ++i;
        continue;
      }
      uint32_t s = i;
      while (seg.items[i].sep != SepKind::kTerminator && i + 1 < line.end_item &&
             f->items[i + 1].phrase)
        ++i;
      f->runs.push_back({s, i});
      ++i;
    }
  }

  for (size_t i = 0; i < n; ++i) f->items[i].body = !f->items[i].phrase;
  for (auto [first, last] : f->runs) {
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

  f->body_han = f->body_trad = f->body_cps = 0;
  f->body_before.resize(n + 1);
  f->body_before[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    f->body_before[i + 1] = f->body_before[i] + (f->items[i].body ? 1 : 0);
    if (!f->items[i].body) continue;
    f->body_han += f->items[i].han;
    f->body_trad += f->items[i].trad;
    f->body_cps += seg.items[i].length();
  }
  f->body_bits_ready = false;
  f->item_overlap.assign(n, PageFeatures::kUnknown);
}

void PageFeatures::ItemOverlap(uint32_t i, uint32_t* bigrams, uint32_t* shared) const {
  uint32_t& cached = item_overlap[i];
  if (cached == kUnknown) {
    uint32_t total = 0, in_body = 0;
    const Item& it = seg->items[i];
    for (uint32_t k = it.begin; k + 1 < it.end; ++k) {
      if (!IsHan(folded[k]) || !IsHan(folded[k + 1])) continue;
      ++total;
      in_body += InBody(BigramKey(folded[k], folded[k + 1]));
    }
    cached = std::min<uint32_t>(total, 0xFFFF) << 16 | std::min<uint32_t>(in_body, 0xFFFF);
  }
  *bigrams = cached >> 16;
  *shared = cached & 0xFFFF;
}

double BodyOverlap(const PageFeatures& f, uint32_t first, uint32_t last, uint32_t* bigrams) {
  uint32_t total = 0, shared = 0;
  for (uint32_t i = first; i <= last; ++i) {
    uint32_t t, s;
    f.ItemOverlap(i, &t, &s);
    total += t;
    shared += s;
  }
  if (bigrams != nullptr) *bigrams = total;
  return total == 0 ? 1.0 : static_cast<double>(shared) / total;
}

SepKind DominantSeparator(const PageFeatures& f, uint32_t first, uint32_t last) {
  // Separators next to items with a lexicon hit weigh more: the words a spam tail was appended
  // to, or the space before the link that ends it, should not outvote the tail's own separator.
  auto evident = [&](uint32_t i) { return f.items[i].categories != 0; };
  std::array<uint32_t, static_cast<int>(SepKind::kLineBreak) + 1> votes{};
  for (uint32_t i = first; i < last; ++i)
    votes[static_cast<int>(Between(*f.seg, i))] += 1 + 2 * (evident(i) + evident(i + 1));
  SepKind best = SepKind::kNone;
  uint32_t count = 0;
  for (size_t k = 0; k < votes.size(); ++k)
    if (votes[k] > count) {
      count = votes[k];
      best = static_cast<SepKind>(k);
    }
  return best;
}

BlockScore ScoreBlock(const PageFeatures& f, const SpamConfig& c, const Lexicon& lexicon,
                      uint32_t first, uint32_t last, bool evidence, double floor) {
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
    for (int k = 0; k < kSpamCategoryCount; ++k) {
      r.category_items[k] += (it.categories >> k) & 1;
      r.category_hits[k] += it.hits[k];
    }
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

  // `order` places the signal in the evidence list: config order, whatever the computing order.
  std::vector<int> order;
  auto fire = [&](int at, std::string_view name, double weight, auto&& make_evidence) {
    r.score += weight;
    if (!evidence) return;
    r.signals.push_back(SpamSignal{std::string(name), weight, make_evidence()});
    order.push_back(at);
  };

  if (n >= 3 && IsListSeparator(r.dominant)) {
    double density = static_cast<double>(list_seps) / std::max<uint32_t>(span_cps, 1);
    double uniformity = static_cast<double>(dominant_count) / (n - 1);
    if (density >= c.separator_density.min_density &&
        uniformity >= c.separator_density.min_uniformity)
      fire(0, "separator_density", c.separator_density.weight, [&] {
        return Evidence().Num("separators", list_seps).Num("code_points", span_cps)
            .Num("density", density).Str("kind", SepKindName(r.dominant))
            .Num("uniformity", uniformity).Done();
      });
  }
  double mean_cps = static_cast<double>(item_cps) / n;
  if (static_cast<int>(n) >= c.short_phrases.min_items && mean_cps <= c.short_phrases.max_mean_cps)
    fire(1, "short_phrases", c.short_phrases.weight,
         [&] { return Evidence().Num("items", n).Num("mean_code_points", mean_cps).Done(); });
  if (static_cast<int>(n) >= c.short_phrase_run.min_items)
    fire(2, "short_phrase_run", c.short_phrase_run.weight,
         [&] { return Evidence().Num("items", n).Done(); });

  // Appended: nothing of the body after it, and the body, or text on its own line, before it.
  uint32_t body_total = f.body_before.back();
  bool after_text = f.body_before[first] > 0 ||
                    (first > 0 && seg.items[first - 1].line == seg.items[first].line);
  if (after_text && f.body_before[last + 1] == body_total)
    fire(3, "trailer", c.trailer.weight, [&] {
      return Evidence().Num("body_items_before", f.body_before[first])
          .Num("position", static_cast<double>(seg.items[first].begin) /
                               std::max<size_t>(f.cps.size(), 1)).Done();
    });

  if (static_cast<int>(han) >= c.script_shift.min_block_han &&
      static_cast<int>(f.body_han) >= c.script_shift.min_body_han) {
    double block_share = static_cast<double>(trad) / han;
    double body_share = static_cast<double>(f.body_trad) / f.body_han;
    double gap = block_share > body_share ? block_share - body_share : body_share - block_share;
    if (gap >= c.script_shift.min_gap)
      fire(5, "script_shift", c.script_shift.weight, [&] {
        return Evidence().Num("block_traditional", block_share)
            .Num("body_traditional", body_share).Done();
      });
  }
  if (links > 0 && static_cast<double>(links) / n >= c.link_density.min_share)
    fire(7, "link_density", c.link_density.weight,
         [&] { return Evidence().Num("links", links).Num("items", n).Done(); });

  uint32_t lexicon_items = 0;
  for (uint32_t i = first; i <= last; ++i) lexicon_items += f.items[i].categories != 0;
  if (static_cast<int>(n) >= c.lexicon_density.min_items &&
      static_cast<double>(lexicon_items) / n >= c.lexicon_density.min_share)
    fire(8, "lexicon_density", c.lexicon_density.weight,
         [&] { return Evidence().Num("items", lexicon_items).Num("of", n).Done(); });

  const SpamConfig::Lexicon* lex[kSpamCategoryCount] = {
      &c.lexicon_pornography, &c.lexicon_gambling, &c.lexicon_piracy, &c.lexicon_advertising,
      &c.lexicon_link_farm};
  for (int k = 0; k < kSpamCategoryCount; ++k) {
    uint32_t hit_items = r.category_items[k], hits = r.category_hits[k];
    if (hit_items == 0) continue;
    int sat = lex[k]->saturation_hits;
    double w = lex[k]->weight * std::min<int>(static_cast<int>(hits), sat) / sat;
    auto category = static_cast<SpamCategory>(k);
    fire(9 + k, kLexiconSignals[k], w, [&] {
      std::vector<std::string_view> phrases;
      auto lo = std::lower_bound(f.item_hits.begin(), f.item_hits.end(),
                                 std::pair<uint32_t, uint32_t>{first, 0});
      for (auto it = lo; it != f.item_hits.end() && it->first <= last; ++it) {
        if (lexicon.category(it->second) != category) continue;
        std::string_view p = lexicon.phrase(it->second);
        if (std::find(phrases.begin(), phrases.end(), p) == phrases.end()) phrases.push_back(p);
        if (phrases.size() == 8) break;
      }
      return Evidence().Num("hits", hits).Num("items", hit_items).Num("of", n)
          .StrList("phrases", phrases).Done();
    });
  }

  if (sentence_ends > 0 && commas > 0) {
    r.prose = true;
    fire(14, "prose", c.prose.weight,
         [&] { return Evidence().Num("sentence_ends", sentence_ends).Num("commas", commas).Done(); });
  }

  // The costly signals last, and only when they can still matter. Evidence lists every signal
  // in config order whatever the order of computing.
  double reachable = r.score + std::max(0.0, c.vocabulary_shift.weight) + std::max(0.0, c.repetition.weight);
  double assured = r.score + std::min(0.0, c.vocabulary_shift.weight) + std::min(0.0, c.repetition.weight);
  if (!evidence && (reachable < floor || assured >= floor)) {
    r.pruned = true;  // the comparison with `floor` is already decided
    return r;
  }
  if (static_cast<int>(han) >= c.vocabulary_shift.min_block_han &&
      static_cast<int>(f.body_han) >= c.vocabulary_shift.min_body_han) {
    uint32_t bigrams = 0;
    double overlap = BodyOverlap(f, first, last, &bigrams);
    if (bigrams > 0 && overlap <= c.vocabulary_shift.max_overlap)
      fire(4, "vocabulary_shift", c.vocabulary_shift.weight, [&] {
        return Evidence().Num("overlap", overlap).Num("block_bigrams", bigrams)
            .Num("body_bigrams", f.BodyBigrams()).Done();
      });
  }
  if (static_cast<int>(n) >= c.repetition.min_items) {
    std::u32string affix;
    uint32_t repeated = RepeatedAffix(f, first, last, evidence ? &affix : nullptr);
    if (repeated >= 3 && static_cast<double>(repeated) / n >= c.repetition.min_share)
      fire(6, "repetition", c.repetition.weight, [&] {
        return Evidence().Str("shared", ToUtf8(affix)).Num("items", repeated).Num("of", n).Done();
      });
  }
  if (evidence) {
    std::vector<size_t> idx(order.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return order[a] < order[b]; });
    std::vector<SpamSignal> sorted;
    sorted.reserve(idx.size());
    for (size_t i : idx) sorted.push_back(std::move(r.signals[i]));
    r.signals = std::move(sorted);
  }
  return r;
}

}  // namespace sluice::spam
