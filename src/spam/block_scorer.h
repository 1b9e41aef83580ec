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
  std::vector<uint64_t> body_bigrams;                    // sorted, unique Han bigrams of the body
  uint32_t body_han = 0, body_trad = 0;
  std::vector<uint32_t> body_before;  // body_before[i]: body items with index < i (size items+1)
};

// The separator between item i and item i + 1 as a block sees it: a sentence end wins, then a
// line break, then the separator inside the line.
SepKind Between(const Segmentation& seg, uint32_t i);

// Marks body items and collects the body's vocabulary. REQUIRES: f.items is filled (han, trad,
// categories, link, phrase) and f.seg, f.cps, f.folded are set.
void BuildPageFeatures(PageFeatures* f);

// The in-line runs: maximal runs of phrase items within one line, cut after a sentence end.
// Each is [first, last] in item indices.
std::vector<std::pair<uint32_t, uint32_t>> InlineRuns(const PageFeatures& f);

struct BlockScore {
  double score = 0;
  SepKind dominant = SepKind::kNone;   // most common separator between its items
  std::array<uint32_t, kSpamCategoryCount> category_items{};  // items with a hit, per category
  bool prose = false;
  std::vector<SpamSignal> signals;     // filled only when asked for evidence
};

// Scores items [first, last]. With `evidence`, also lists the fired signals with their evidence.
BlockScore ScoreBlock(const PageFeatures& f, const SpamConfig& config, const Lexicon& lexicon,
                      uint32_t first, uint32_t last, bool evidence);

// Share of the Han bigrams of items [first, last] that also occur in the body (1 when the items
// have no bigram).
double BodyOverlap(const PageFeatures& f, uint32_t first, uint32_t last, uint32_t* bigrams);

}  // namespace sluice::spam
