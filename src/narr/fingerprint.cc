#include "narr/fingerprint.h"

#include <algorithm>

#include "text/normalizer.h"
#include "text/shingles.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace sluice::narr {

void FigureKeys(const std::vector<uint32_t>& t, std::vector<uint64_t>* out) {
  out->clear();
  auto alnum = [](uint32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); };
  // The normalizer folds the digits 0 and 1 to their skeletons o and l.
  auto figure = [](uint32_t c) { return (c >= '0' && c <= '9') || c == 'o' || c == 'l'; };
  for (size_t i = 0; i < t.size() && out->size() < kMaxFigures;) {
    if (!alnum(t[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    bool all_figure = true;
    for (; e < t.size() && alnum(t[e]); ++e) all_figure = all_figure && figure(t[e]);
    if (all_figure && i > 0 && e < t.size()) {
      uint32_t around[2] = {t[i - 1], t[e]};
      uint64_t context = XXH3_64bits(around, sizeof around);
      uint64_t value = XXH3_64bits(t.data() + i, (e - i) * sizeof(uint32_t));
      out->push_back((context << 32) | (value & 0xffffffffu));
    }
    i = e;
  }
  std::sort(out->begin(), out->end());
}

bool FiguresConflict(const uint64_t* a, size_t na, const uint64_t* b, size_t nb) {
  size_t i = 0, j = 0;
  while (i < na && j < nb) {
    uint64_t ca = a[i] >> 32, cb = b[j] >> 32;
    if (ca != cb) {
      ca < cb ? ++i : ++j;
      continue;
    }
    size_t ie = i, je = j;
    while (ie < na && a[ie] >> 32 == ca) ++ie;
    while (je < nb && b[je] >> 32 == ca) ++je;
    bool agree = false;
    for (size_t x = i; x < ie && !agree; ++x)
      for (size_t y = j; y < je && !agree; ++y) agree = a[x] == b[y];
    if (!agree) return true;
    i = ie;
    j = je;
  }
  return false;
}

Fingerprinter::Fingerprinter(const NarrConfig& c)
    : shingle_size_(c.shingle_size),
      min_tokens_(c.min_tokens),
      split_on_figures_(c.split_on_figures),
      seed_(c.seed),
      minhash_(static_cast<size_t>(c.num_perm), c.seed) {}

void Fingerprinter::Compute(std::string_view text, Fingerprint* out) const {
  static thread_local std::vector<uint32_t> chars, sounds;
  static thread_local std::vector<uint64_t> shingles;
  text::NormalizeTokens(text, &chars, &sounds);
  out->tokens = static_cast<uint32_t>(chars.size());
  out->minhash.clear();
  out->figures.clear();
  if (chars.size() < static_cast<size_t>(min_tokens_)) return;
  if (split_on_figures_) FigureKeys(chars, &out->figures);
  shingles.clear();
  text::ShingleHashes(chars.data(), chars.size(), static_cast<size_t>(shingle_size_), seed_,
                      &shingles);
  minhash_.Signature(shingles, &out->minhash);
}

}  // namespace sluice::narr
