#include "narr/fingerprint.h"

#include <algorithm>

#include "text/normalizer.h"
#include "text/shingles.h"

namespace sluice::narr {

Fingerprinter::Fingerprinter(const NarrConfig& c)
    : shingle_size_(c.shingle_size),
      min_tokens_(c.min_tokens),
      seed_(c.seed),
      minhash_(static_cast<size_t>(c.num_perm), c.seed) {}

void Fingerprinter::Compute(std::string_view text, Fingerprint* out) const {
  static thread_local std::vector<uint32_t> chars, sounds;
  static thread_local std::vector<uint64_t> shingles;
  text::NormalizeTokens(text, &chars, &sounds);
  out->tokens = static_cast<uint32_t>(chars.size());
  out->minhash.clear();
  if (chars.size() < static_cast<size_t>(min_tokens_)) return;
  shingles.clear();
  text::ShingleHashes(chars.data(), chars.size(), static_cast<size_t>(shingle_size_), seed_,
                      &shingles);
  minhash_.Signature(shingles, &out->minhash);
}

}  // namespace sluice::narr
