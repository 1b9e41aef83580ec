// Whether two near-duplicate texts tell different stories because they name different things in
// the same place: a rumor template retold about another city, brand or food ("…昆明已有35人" and
// "…烟台已有35人"), where the figures agree and only names tell the claims apart.
//
// The two texts are aligned on the normalizer's sound channel (longest common subsequence; Han
// characters are toneless pinyin there, so a 諧音 swap aligns; a 形近字 or traditional-script
// swap is already folded to one character). A *hunk* is what lies between two aligned stretches:
// sounds of one text replaced by sounds of the other. The texts name different things when some
// hunk
//   - replaces tokens on both sides (an insertion or a cut is an edit, not a swap),
//   - is at least kMinNameRun tokens long on one side (one token is an edit the normalizer does
//     not fold: a rare look-alike, a 多音字 read another way) and at most kMaxNameRun on both:
//     place, person and brand names are two to four characters, while a longer swap is a
//     phrase — a campaign's varied closer before its shared hashtag ("…，大家转起来#话题#"
//     against "…，说得太对了#话题#"),
//   - and lies inside the text: between two aligned runs of at least kMinNameAnchor tokens (a
//     prefix or suffix a copy-paste campaign varies, or a partial copy's cut, is no swap).
// A shorter aligned run between two hunks is a chance match and belongs to the hunk: a debunk's
// tail "…，系谣言。佛山融媒体中心提醒…" and a copy's "…，细思极恐#佛山5G基站#" share "佛山" by chance,
// and are no swap of "系谣言" for "细思极恐".
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice::narr {

inline constexpr size_t kMinNameRun = 2;
inline constexpr size_t kMaxNameRun = 4;
inline constexpr size_t kMinNameAnchor = 3;
// Texts are compared on their first kMaxNameTokens tokens (the alignment is quadratic in them);
// what differs beyond that is not looked at.
inline constexpr size_t kMaxNameTokens = 160;

// Normalized tokens of one text: the character and sound channels of text::NormalizeTokens (only
// the sound channel is compared).
struct NameTokens {
  std::vector<uint32_t> chars, sounds;
};

// Whether a and b name different things in the same place (above). Symmetric. Thread-safe.
bool NamesDiffer(const NameTokens& a, const NameTokens& b);

}  // namespace sluice::narr
