// The text fingerprint of one post for narrative clustering: src/text's normalizer (character
// channel: NFKC, case, traditional → simplified, look-alikes folded; punctuation, emoji, links
// and zero-width characters dropped), its shingles and a MinHash signature. Only the normalizer,
// shingler and MinHash of src/text are used, so a post clusters with the same variants the rumor
// matcher sees through.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "narr/narr_config.h"
#include "text/minhash.h"

namespace sluice::narr {

struct Fingerprint {
  std::vector<uint32_t> minhash;  // num_perm values; empty when the text is too short
  uint32_t tokens = 0;            // normalized character-channel tokens
};

class Fingerprinter {
 public:
  explicit Fingerprinter(const NarrConfig& config);

  // Fills *out. The signature is left empty when the text has fewer than config.min_tokens
  // normalized tokens. Thread-safe.
  void Compute(std::string_view text, Fingerprint* out) const;

 private:
  int shingle_size_, min_tokens_;
  uint64_t seed_;
  text::MinHash minhash_;
};

}  // namespace sluice::narr
