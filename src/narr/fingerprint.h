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
  std::vector<uint64_t> figures;  // FigureKeys of the normalized text (when minhash is set)
};

// Where a text states a figure and which. `tokens` are normalized (src/text: full-width digits
// are ASCII, and digits split by emoji, punctuation or zero-width characters are one run again;
// the digits 0 and 1 are folded to the letters o and l). A figure is a maximal run of ASCII
// letters and digits made of digits, o and l only ("369", "lo" for 10; not "5g") with a token
// on both sides; its key is (hash of the token before and the token after) << 32 | (hash of
// the run). A run at either end of the text is left out: a partial copy may have cut it. At
// most kMaxFigures keys, the first in text order, then sorted.
inline constexpr size_t kMaxFigures = 8;
void FigureKeys(const std::vector<uint32_t>& tokens, std::vector<uint64_t>* out);

// Whether two sorted key lists state different figures in the same place: some context holds a
// figure in both and the two never agree there.
bool FiguresConflict(const uint64_t* a, size_t na, const uint64_t* b, size_t nb);

class Fingerprinter {
 public:
  explicit Fingerprinter(const NarrConfig& config);

  // Fills *out. The signature is left empty when the text has fewer than config.min_tokens
  // normalized tokens. Thread-safe.
  void Compute(std::string_view text, Fingerprint* out) const;

 private:
  int shingle_size_, min_tokens_;
  bool split_on_figures_;
  uint64_t seed_;
  text::MinHash minhash_;
};

}  // namespace sluice::narr
