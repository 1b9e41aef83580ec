// The edits a rumor spreader makes to a debunked claim so that exact matching misses it. Names
// are fixed by the truth contract (docs/findings.md): exact, trad_simp, punctuation, emoji,
// zero_width, fullwidth, homoglyph, lookalike_han, homophone, partial, embedded.
//
// The character-level edits work on code points of simplified text (the substitution tables are
// written in simplified characters); script conversion and wrapping happen in RumorText.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/rng.h"

namespace sluice::sim {

enum class EditKind : uint8_t {
  kExact, kTradSimp, kPunctuation, kEmoji, kZeroWidth, kFullwidth, kHomoglyph, kLookalikeHan,
  kHomophone, kPartial, kEmbedded
};
inline constexpr int kEditKindCount = 11;
std::string_view EditKindName(EditKind k);

// A set of edits, one bit per EditKind.
using EditSet = uint16_t;
inline EditSet EditBit(EditKind k) { return static_cast<EditSet>(1u << static_cast<int>(k)); }
inline bool Has(EditSet s, EditKind k) { return (s & EditBit(k)) != 0; }
// The names of the set, in EditKind order.
std::vector<std::string_view> EditNames(EditSet s);

// The look-alike (形近字) and sound-alike (諧音) substitute of a simplified character, or 0.
char32_t LookalikeHan(char32_t c);
char32_t Homophone(char32_t c);
// The Cyrillic look-alike of a Latin letter, or 0.
char32_t CyrillicHomoglyph(char32_t c);

// Whether the substitution edits can change `text` at all.
bool CanSubstitute(EditKind k, std::u32string_view text);

// Replaces 1..max_count characters that have a substitute (look-alike, homophone or homoglyph).
// REQUIRES: CanSubstitute(k, *text) for k of the same kind.
void SubstituteLookalikeHan(std::u32string* text, Rng& rng, int max_count);
void SubstituteHomophones(std::u32string* text, Rng& rng, int max_count);
void SubstituteHomoglyphs(std::u32string* text, Rng& rng, int max_count);
// ASCII letters and digits to their full-width forms (all of them).
void ToFullwidth(std::u32string* text);
// Inserts 2..5 punctuation marks, emoji or zero-width characters between characters.
void InsertPunctuation(std::u32string* text, Rng& rng);
void InsertEmoji(std::u32string* text, Rng& rng);
void InsertZeroWidth(std::u32string* text, Rng& rng);
// A contiguous part of 60%..85% of the text, at least `min_len` code points when the text has.
std::u32string PartialCopy(std::u32string_view text, Rng& rng, size_t min_len);

}  // namespace sluice::sim
