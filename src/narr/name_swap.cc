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
  const size_t total = pre + suf + at(0, 0);
  size_t aligned = pre;  // aligned tokens before the current position
  size_t ha = 0, hb = 0;  // where the open hunk began
  auto swap_names = [&](size_t ia, size_t jb) {
    size_t la = ia - ha, lb = jb - hb;
    if (la == 0 || lb == 0 || std::max(la, lb) < kMinNameRun || std::max(la, lb) > kMaxNameRun)
      return false;
    if (aligned < kMinNameAnchor || total - aligned < kMinNameAnchor) return false;
    return true;
  };
  size_t i = 0, j = 0;
  while (i < na || j < nb) {
    if (i < na && j < nb && x[i] == y[j]) {
      if (swap_names(i, j)) return true;
      ++i, ++j, ++aligned;
      ha = i;
      hb = j;
    } else if (j == nb || (i < na && at(i + 1, j) >= at(i, j + 1))) {
      ++i;
    } else {
      ++j;
    }
  }
  return swap_names(na, nb);
}

}  // namespace sluice::narr
