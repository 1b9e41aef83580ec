// Text normalization for the spam detector: the form in which lexicon phrases are matched and
// vocabularies are compared. NFKC, case folding, traditional → simplified Chinese, zero-width and
// other default-ignorable characters removed.
//
// This is an interface on purpose: the project's full normalizer (src/text, built for rumor
// matching) will replace IcuNormalizer behind it without touching the detector. The detector
// only needs what is declared here.
//
// Normalization is per code point (each input code point maps to zero or more output code points
// independently of its neighbours), so every byte of the output traces back to one input code
// point. That gives up NFKC's cross-character composition (combining marks), which no spam phrase
// needs.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace sluice::spam {

// The normalized form of n input code points. The vectors are reused from call to call and
// only grow, so they may hold more entries than n: only the first n (n + 1 for `starts`) mean
// anything.
struct NormalizedText {
  size_t n = 0;                   // input code points
  // The normalized UTF-8 is text.substr(0, bytes): the buffer only grows, because shrinking it
  // to size and growing it again for the next page zero-filled four bytes per code point.
  std::string text;
  size_t bytes = 0;
  std::string_view view() const { return std::string_view(text.data(), bytes); }
  // starts[i] is the byte offset in view() where the output of input code point i begins;
  // starts[n] == bytes. An input code point that normalizes to nothing has
  // starts[i] == starts[i + 1].
  std::vector<uint32_t> starts;
  // folded[i] is the first code point of the output of input code point i, 0 when it has none.
  std::vector<char32_t> folded;
  // traditional[i] is 1 when input code point i is a traditional Chinese character (IsTraditional).
  std::vector<uint8_t> traditional;

  // Makes room for `count` code points (never shrinks).
  void Reserve(size_t count) {
    if (starts.size() < count + 1) {
      starts.resize(count + 1);
      folded.resize(count);
      traditional.resize(count);
    }
  }
};

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  // Thread-safe (const, no shared mutable state). Replaces the contents of *out.
  virtual void Normalize(std::span<const char32_t> cps, NormalizedText* out) const = 0;
  // True when `cp` is a traditional Chinese character that has a different simplified form.
  virtual bool IsTraditional(char32_t cp) const = 0;
  // Decodes `utf8` into `cps` (as DecodeUtf8To does) and normalizes the result, in one pass
  // where the implementation can; returns the number of code points. Thread-safe.
  // REQUIRES: `cps` has room for utf8.size() code points.
  virtual size_t DecodeAndNormalize(std::string_view utf8, char32_t* cps,
                                    NormalizedText* out) const;
  // The normalized form of one UTF-8 string (for phrases and tests).
  std::string NormalizeUtf8(std::string_view utf8) const;
};

// ICU's NFKC_Casefold, then the traditional → simplified map of src/text (OpenCC data),
// precomputed for the Basic Multilingual Plane at construction (about 50 ms). Code points above
// it go through ICU at each call and keep their Chinese script (OpenCC maps very few of them).
Result<std::unique_ptr<Normalizer>> MakeIcuNormalizer();

// Decodes UTF-8 into code points; each byte of an invalid sequence becomes one U+FFFD, so code
// point offsets are defined for any input. With `byte_offsets`, also the byte offset where each
// code point starts, plus s.size() at the end.
void DecodeUtf8(std::string_view s, std::vector<char32_t>* out,
                std::vector<uint32_t>* byte_offsets = nullptr);
void AppendUtf8(char32_t cp, std::string* out);
// The same decoding into a caller's buffer; returns the number of code points.
// REQUIRES: `out` has room for s.size() code points.
size_t DecodeUtf8To(std::string_view s, char32_t* out);

}  // namespace sluice::spam
