#include "text/normalization.h"

namespace sluice::text {

std::string_view NormalizationName(Normalization n) {
  switch (n) {
    case kFullwidth: return "fullwidth";
    case kCaseFold: return "case";
    case kCompat: return "compat";
    case kDiacritic: return "diacritic";
    case kTradSimp: return "trad_simp";
    case kHomoglyph: return "homoglyph";
    case kLookalikeHan: return "lookalike_han";
    case kZeroWidth: return "zero_width";
    case kPunctuation: return "punctuation";
    case kEmoji: return "emoji";
    case kWhitespace: return "whitespace";
    case kHomophone: return "homophone";
    case kUrl: return "url";
  }
  return "?";
}

std::vector<std::string_view> NormalizationNames(uint16_t mask) {
  std::vector<std::string_view> names;
  for (int b = 0; b < kNormalizationCount; ++b)
    if (mask & (1u << b)) names.push_back(NormalizationName(static_cast<Normalization>(1u << b)));
  return names;
}

}  // namespace sluice::text
