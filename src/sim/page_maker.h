// Crawled pages: a news-like article (breadcrumb, title, date line, paragraphs, editor and
// copyright lines), some with an injected keyword block at the end, in the middle, or both.
// Clean pages sometimes report on gambling or piracy crackdowns, so flagged words alone do not
// make a page spam.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/lexicon.h"
#include "sim/rng.h"
#include "sim/script_converter.h"
#include "sim/sim_params.h"

namespace sluice::sim {

struct Page {
  std::string name;  // "p000123.txt"
  std::string text;
  // Injected blocks, half-open [start, end) in code points of `text`, in order.
  std::vector<std::pair<uint64_t, uint64_t>> spans;
};

// Which pages get a block: an exact round(pages * spam_page_fraction) of them, scattered by a
// seeded permutation; of those, round(spam * spam_midpage_fraction) have one mid-page.
class PagePlan {
 public:
  PagePlan(const SimParams& p, uint64_t seed);
  uint64_t pages() const { return pages_; }
  uint64_t spam_pages() const { return spam_; }
  bool IsSpam(uint64_t i) const { return Slot(i) < spam_; }
  bool HasMidBlock(uint64_t i) const { return Slot(i) < mid_; }

 private:
  uint64_t Slot(uint64_t i) const;
  uint64_t pages_, spam_, mid_, a_ = 1, b_ = 0;
};

Page MakePage(uint64_t index, const PagePlan& plan, const SimParams& p, uint64_t seed,
              const Lexicon& lex);

}  // namespace sluice::sim
