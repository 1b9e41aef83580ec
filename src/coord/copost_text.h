// Text keys for co-post networks. Two views of a post's text:
//
// - ToolkitNormalize: what the QUT coordination-network-toolkit compares for co_tweet, so the two
//   tools agree edge for edge: lowercase (Unicode full case mapping), @mentions removed (from '@'
//   to the next whitespace), runs of whitespace collapsed to one space, ends trimmed.
// - ShingleCodePoints: the letters and digits that carry the content, for similar-text shingles:
//   lowercase, @mentions and URLs removed, then punctuation, symbols (emoji), format characters
//   (zero-width) and whitespace dropped. Inserted symbols or zero-width characters then leave the
//   shingle set unchanged.
//
// This is deliberately basic: full Chinese normalization (traditional/simplified, look-alikes)
// belongs to src/text, which coord does not depend on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::coord {

// REQUIRES: `text` is valid UTF-8 (the World only holds validated text).
std::string ToolkitNormalize(std::string_view text);
// The same into *normalized, reusing its buffer (one allocation for a whole World).
void ToolkitNormalizeInto(std::string_view text, std::string* normalized);

std::u32string ShingleCodePoints(std::string_view text);

// Hashes of the distinct `k`-code-point shingles of `cps`, sorted. A text shorter than k gives
// the hash of the whole text as its only shingle; an empty text gives none.
std::vector<uint64_t> ShingleHashes(const std::u32string& cps, uint32_t k);

// |a ∩ b| / |a ∪ b| of two sorted, distinct lists; 0 when both are empty.
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace sluice::coord
