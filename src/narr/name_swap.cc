#include "narr/name_swap.h"

#include <algorithm>

namespace sluice::narr {

bool NamesDiffer(const NameTokens& a, const NameTokens& b) {
  const size_t n = std::min(a.sounds.size(), kMaxNameTokens);
  const size_t m = std::min(b.sounds.size(), kMaxNameTokens);
  // Aligned by sound: a 諧音 swap is then no hunk at all, and a hunk where one copy has a 諧音
  // swap and the other a look-alike the normalizer does not fold ("钟独" against "中毐") shrinks
  // to the one character whose sound differs.
  const uint32_t* x = a.sounds.data();
  const uint32_t* y = b.sounds.data();
  // The common prefix and suffix are aligned as they stand; only the middles need the table.
  size_t pre = 0;
  while (pre < n && pre < m && x[pre] == y[pre]) ++pre;
  size_t suf = 0;
  while (suf < n - pre && suf < m - pre && x[n - 1 - suf] == y[m - 1 - suf]) ++suf;
  const size_t na = n - pre - suf, nb = m - pre - suf;
  if (na == 0 || nb == 0) return false;  // one text holds the other plus a cut or an insertion
  x += pre;
  y += pre;
  // lcs[i * (nb + 1) + j]: longest common subsequence of x[i..na) and y[j..nb).
  static thread_local std::vector<uint16_t> lcs;
  lcs.assign((na + 1) * (nb + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint16_t& { return lcs[i * (nb + 1) + j]; };
  for (size_t i = na; i-- > 0;)
    for (size_t j = nb; j-- > 0;)
      at(i, j) = x[i] == y[j] ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                              : std::max(at(i + 1, j), at(i, j + 1));

  // The alignment as alternating runs: aligned (length on both sides) and replaced (la, lb).
  // An aligned run shorter than kMinNameAnchor is a chance match (two unrelated tails that both
  // mention the city) and is folded into the hunk around it.
  struct Hunk {
    size_t la = 0, lb = 0;   // tokens of each side, chance matches included
    bool swap = false;       // holds a replaced run of kMinNameRun+ tokens with both sides set
    bool open = false;
  } hunk;
  bool anchored_before = pre >= kMinNameAnchor;
  size_t run = pre, ra = 0, rb = 0;  // the current aligned run; the current replaced run
  auto end_replaced = [&] {
    if (ra > 0 && rb > 0 && std::max(ra, rb) >= kMinNameRun) hunk.swap = true;
    hunk.la += ra;
    hunk.lb += rb;
    if (ra + rb > 0) hunk.open = true;
    ra = rb = 0;
  };
  // Called when an aligned run of `run` tokens ends (at a replaced token or the end).
  // Returns whether the hunk before it, closed by a long enough run, is a name swap.
  auto end_aligned = [&](bool at_end) {
    if (run >= kMinNameAnchor) {
      bool differ = hunk.open && anchored_before && hunk.swap && hunk.la <= kMaxNameRun &&
                    hunk.lb <= kMaxNameRun;
      if (differ) return true;
      hunk = Hunk{};
      anchored_before = true;
    } else if (!at_end) {
      hunk.la += run;
      hunk.lb += run;
    }
    run = 0;
    return false;
  };
  size_t i = 0, j = 0;
  while (i < na || j < nb) {
    if (i < na && j < nb && x[i] == y[j]) {
      end_replaced();
      ++run;
      ++i, ++j;
      continue;
    }
    if (run > 0 && end_aligned(false)) return true;
    if (j == nb || (i < na && at(i + 1, j) >= at(i, j + 1))) {
      ++i, ++ra;
    } else {
      ++j, ++rb;
    }
  }
  end_replaced();
  run += suf;
  return run > 0 && end_aligned(true);
}

}  // namespace sluice::narr
