// The text of every kind of post the simulator writes, with the hashtags, mentions and URLs it
// contains also listed in their own fields (as a platform's API reports them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/lexicon.h"
#include "sim/population.h"
#include "sim/rng.h"
#include "sim/sim_params.h"
#include "sim/vocabulary.h"

namespace sluice::sim {

struct PostText {
  std::string text;
  std::vector<std::string> hashtags;  // without the surrounding #
  std::vector<std::string> mentions;  // account names, without @
  std::vector<std::string> urls;
  void Clear() {
    text.clear();
    hashtags.clear();
    mentions.clear();
    urls.clear();
  }
};

// A hot event: what happened and the words fixed for it (its city, its star...).
struct HotEvent {
  int kind = 0;  // index into Lexicon::hot_kinds
  FixedWords fixed;
};
HotEvent MakeHotEvent(const Lexicon& lex, Rng& rng);

class PostComposer {
 public:
  // REQUIRES: every argument outlives the composer.
  PostComposer(const SimParams& p, const Lexicon& lex, const Population& pop);

  // An everyday post on a random topic, decorated with emoji, hashtag, mention or URL.
  void Organic(uint32_t author, Rng& rng, PostText* out) const;
  // A post about a hot event: the same event words, a varied text, often the event's hashtag.
  void Hot(uint32_t author, const HotEvent& e, Rng& rng, PostText* out) const;
  // The reposter's comment; deeper reposts quote the chain ("//@name:comment").
  void Repost(uint32_t author, uint32_t parent_author, Rng& rng, PostText* out) const;
  // A wire story as an outlet publishes it: identical body, the outlet's own link.
  void Wire(uint64_t story, uint32_t outlet, uint64_t seed, PostText* out) const;
  // What every member of a copy-paste round shares: a base text, and maybe a hashtag and a link
  // (empty when the round has none).
  struct CampaignRound {
    std::string base;
    std::string tag;
    std::string url;
  };
  CampaignRound Round(uint64_t group, uint64_t round, uint64_t seed) const;
  // A member's variant of the round's base text, with the shared hashtag and link.
  void CopyPaste(const CampaignRound& r, Rng& rng, PostText* out) const;
  // Appends the round's shared hashtag and link to `out`.
  void AddRoundExtras(const CampaignRound& r, PostText* out) const;
  // A short post from a phone farm account.
  void Farm(uint32_t author, Rng& rng, PostText* out) const;

  // Adds a hashtag / mention / URL to the text and to its field.
  void AddHashtag(const std::string& tag, bool at_start, PostText* out) const;
  void AddMention(uint32_t who, PostText* out) const;
  void AddUrl(Rng& rng, PostText* out) const;
  static std::string RandomUrl(Rng& rng);

 private:
  void Decorate(uint32_t author, Script s, int topic, Rng& rng, PostText* out) const;

  const SimParams& p_;
  const Lexicon& lex_;
  const Population& pop_;
};

}  // namespace sluice::sim
