// One-pass normalization of a post's text for matching, keeping the way back to the original.
//
// Each code point of the input is looked up in the CharTable (NFKC, case folding, combining
// marks removed, traditional → simplified, confusable skeletons, 形近字) and becomes zero, one or
// a few tokens on two parallel channels:
//   - the character channel: the folded character;
//   - the sound channel: the same, except that Han characters become their toneless pinyin
//     syllable, so a 諧音 swap (的/得) still lines up.
// Zero-width and format characters, punctuation and symbols, emoji (and Weibo's bracketed
// emoticons, "[泪]"), URLs and white space are dropped from both channels (they are recorded,
// with their position, as dropped code points).
// Every token remembers the index of the original code point it came from, so a span of tokens
// maps back to a span of what the user wrote.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::text {

struct NormalizedText {
  // One entry per token, all of the same length.
  std::vector<uint32_t> chars;    // character-channel tokens (code points)
  std::vector<uint32_t> sounds;   // sound-channel tokens (see CharTable)
  std::vector<uint32_t> origin;   // index of the original code point the token came from
  std::vector<char32_t> source;   // that original code point
  std::vector<uint16_t> flags;    // Normalization bits that changed it
  // One entry per dropped code point.
  std::vector<uint32_t> dropped_origin;
  std::vector<char32_t> dropped_source;
  std::vector<uint16_t> dropped_flags;
  uint32_t code_points = 0;  // length of the original text in code points
  uint16_t all_flags = 0;    // union of every flag above

  size_t size() const { return chars.size(); }
  // [begin, end) in original code points covered by tokens [first, last).
  // REQUIRES: first < last <= size().
  std::pair<uint32_t, uint32_t> OriginSpan(size_t first, size_t last) const {
    return {origin[first], origin[last - 1] + 1};
  }
  void Clear();
};

// Normalizes UTF-8 `text` into *out (its buffers are reused: keep one NormalizedText per thread).
// Invalid UTF-8 bytes count as one code point each (U+FFFD). Thread-safe.
void Normalize(std::string_view text, NormalizedText* out);

// The two channels only, without origins or flags: the matcher's fast path, which needs the
// rest only for the few posts that have a candidate claim. Gives the same tokens as Normalize.
void NormalizeTokens(std::string_view text, std::vector<uint32_t>* chars,
                     std::vector<uint32_t>* sounds);

// The keys of `text` only (see CharTable): the coarsest channel, from which the matcher draws
// its candidates before it looks at the others.
void NormalizeKeys(std::string_view text, std::vector<uint32_t>* keys);

// The character-channel tokens of `text` as a UTF-8 string, for tests and debugging.
std::string NormalizedString(std::string_view text);
// The sound-channel tokens of `text` as space-separated syllables or characters.
std::string SoundString(std::string_view text);

}  // namespace sluice::text
