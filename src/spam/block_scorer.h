// Scores a candidate block: computes each structure and lexicon signal named in SpamConfig and
// adds up the weights of those that fire. Everything page-wide a signal needs (the article body's
// vocabulary and script, where the body is) is computed once per page into PageFeatures.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "spam/lexicon.h"
#include "spam/segmenter.h"
#include "spam/spam_config.h"
#include "spam/spam_detector.h"

namespace sluice::spam {

struct ItemFeatures {
  uint16_t han = 0, trad = 0;  // Han characters, and those in traditional form
  uint8_t categories = 0;      // bit c set: a phrase of category c lies inside the item
  // Phrases of each category in the item, not overlapping one another, counted up to 2: an item
  // that joins two spam phrases ("百家乐注册送彩金") is stronger evidence than one.
  std::array<uint8_t, kSpamCategoryCount> hits{};
  bool link = false;           // a URL, or mostly inside an HTML link
  bool phrase = false;         // short enough to be an entry of a keyword block
  bool body = false;           // part of the article body (see BuildPageFeatures)
};

struct PageFeatures {
  std::span<const char32_t> cps;     // the text
  std::span<const char32_t> folded;  // normalized first code point of each (NormalizedText)
  const Segmentation* seg = nullptr;
  std::vector<ItemFeatures> items;
  std::vector<std::pair<uint32_t, uint32_t>> item_hits;  // (item, phrase), sorted
  // The in-line runs: maximal runs of phrase items within one line, cut after a sentence end,
  // as [first, last] item indices.
  std::vector<std::pair<uint32_t, uint32_t>> runs;
  uint32_t body_han = 0, body_trad = 0, body_cps = 0;
  std::vector<uint32_t> body_before;  // body_before[i]: body items with index < i (size items+1)

  // Whether a Han bigram occurs in the body, and how many Han bigrams the body has. Membership
  // is a 64 Kibit hashed bitmap built on first use (most pages never need it): a bigram absent
  // from the body reads as present with probability (body bigrams / 65536), about 1% on a news
  // page, which only ever lowers a vocabulary shift.
  bool InBody(uint64_t bigram) const;
  uint32_t BodyBigrams() const;

  // Han bigrams of item i, and how many of them occur in the body; computed on first use.
  void ItemOverlap(uint32_t i, uint32_t* bigrams, uint32_t* shared) const;

  mutable std::vector<uint64_t> body_bits;
  mutable bool body_bits_ready = false;
  mutable uint32_t body_bigrams = 0;
  // Per item: bigrams << 16 | shared (both capped at 65535), or kUnknown before first use.
  mutable std::vector<uint32_t> item_overlap;
  static constexpr uint32_t kUnknown = UINT32_MAX;

 private:
  void BuildBodyBits() const;
};

// The separator between item i and item i + 1 as a block sees it: a sentence end wins, then a
// line break, then the separator inside the line.
SepKind Between(const Segmentation& seg, uint32_t i);

// Finds the in-line runs, marks body items and collects the body's vocabulary. REQUIRES:
// f.items is filled (han, trad, categories, link, phrase) and f.seg, f.cps, f.folded are set.
void BuildPageFeatures(PageFeatures* f);

struct BlockScore {
  double score = 0;
  SepKind dominant = SepKind::kNone;   // most common separator between its items (by count)
  std::array<uint32_t, kSpamCategoryCount> category_items{};  // items with a hit, per category
  std::array<uint32_t, kSpamCategoryCount> category_hits{};   // ItemFeatures::hits, summed
  bool prose = false;
  bool pruned = false;                 // the costly signals were skipped (see ScoreBlock)
  std::vector<SpamSignal> signals;     // filled only when asked for evidence
};

// Scores items [first, last]. With `evidence`, also lists the fired signals with their evidence.
// Without it, the costly signals (vocabulary shift, repetition) are skipped when they cannot
// change how the score compares with `floor`; the score is then marked `pruned` and only that
// comparison is exact.
BlockScore ScoreBlock(const PageFeatures& f, const SpamConfig& config, const Lexicon& lexicon,
                      uint32_t first, uint32_t last, bool evidence, double floor);

// The block's own separator: the most common between items [first, last], counting those next
// to items with a lexicon hit more (kNone for a single item).
SepKind DominantSeparator(const PageFeatures& f, uint32_t first, uint32_t last);

// Share of the Han bigrams of items [first, last] that also occur in the body (1 when the items
// have no bigram).
double BodyOverlap(const PageFeatures& f, uint32_t first, uint32_t last, uint32_t* bigrams);

}  // namespace sluice::spam
