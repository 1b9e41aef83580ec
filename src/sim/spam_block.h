// Injected spam: SEO keyword blocks of the kind link farms (蜘蛛池) append to crawled pages,
// and the spam tails appended to posts. Phrases mix five categories (pornography, gambling,
// piracy, advertising, link farm) and are joined in the layouts seen in the wild.
#pragma once

#include <string>

#include "sim/lexicon.h"
#include "sim/rng.h"

namespace sluice::sim {

enum class BlockLayout {
  kPipes,      // "热门搜索：A| B| C"
  kSpaces,     // "A B C"
  kEnumComma,  // "A、B、C"
  kLinkList,   // "A http://…html | B http://…html"
};
inline constexpr int kBlockLayoutCount = 4;

// One spam phrase of a category (0..4: pornography, gambling, piracy, advertising, link farm).
std::string SpamPhrase(int category, Rng& rng, const Lexicon& lex);
// A block of `phrases` phrases in `layout`, from one main category with a few others mixed in.
std::string SpamBlock(BlockLayout layout, int phrases, Rng& rng, const Lexicon& lex);
// A short spam tail for a post; *url receives the link it contains (may be empty).
std::string SpamTail(Rng& rng, const Lexicon& lex, std::string* url);
// A link-farm style URL.
std::string SpamUrl(Rng& rng);

}  // namespace sluice::sim
