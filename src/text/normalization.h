// The kinds of change the normalizer makes, as bits. Every normalized token and every dropped code
// point carries the bits of what changed it, so a match can say which normalizations it needed
// (evidence for a reviewer: "matched after traditional→simplified and zero-width removal").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::text {

enum Normalization : uint16_t {
  kFullwidth = 1 << 0,     // full-width or half-width form folded (Ａ→a, ０→0, ｶ→カ)
  kCaseFold = 1 << 1,      // upper case folded to lower
  kCompat = 1 << 2,        // other NFKC compatibility mapping (ligatures, circled, math letters)
  kDiacritic = 1 << 3,     // combining marks removed (é→e)
  kTradSimp = 1 << 4,      // traditional Han character folded to simplified
  kHomoglyph = 1 << 5,     // Latin/Cyrillic/Greek look-alike folded to its confusable skeleton
  kLookalikeHan = 1 << 6,  // Han look-alike character (形近字) folded to its group's first member
  kZeroWidth = 1 << 7,     // zero-width, format or other invisible code point removed
  kPunctuation = 1 << 8,   // punctuation or symbol removed
  kEmoji = 1 << 9,         // emoji, emoji modifier or variation selector removed
  kWhitespace = 1 << 10,   // white space or control character removed
  kHomophone = 1 << 11,    // a different character with the same toneless pinyin (sound channel)
  kUrl = 1 << 12,          // a URL removed: links differ between copies, and are not the claim
};
inline constexpr int kNormalizationCount = 13;

// Normalizations that remove the code point instead of mapping it.
inline constexpr uint16_t kDropKinds = kZeroWidth | kPunctuation | kEmoji | kWhitespace | kUrl;

// The name of one bit, as used in evidence: "trad_simp", "zero_width", "homophone", ...
// The names of rumor edit kinds (docs/findings.md) are reused where they mean the same change.
std::string_view NormalizationName(Normalization n);

// Names of every bit set in `mask`, in bit order.
std::vector<std::string_view> NormalizationNames(uint16_t mask);

}  // namespace sluice::text
