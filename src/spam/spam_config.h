// Configuration of the spam detector: every signal's weight and parameters, the block threshold,
// and where the lexicon comes from. The defaults below are compiled in; config/spam.json holds
// the same values for people to read and copy (a test keeps the two equal).
//
// A candidate block is spam when the weights of its fired signals add up to at least
// `threshold` (Rspamd-style). Lexicon signals scale: a category with h phrase hits in the block
// (at most 2 counted per item) adds weight * min(h, saturation_hits) / saturation_hits.
#pragma once

#include <string>

#include "core/status.h"

namespace sluice::spam {

struct SpamConfig {
  double threshold = 4.5;
  // A neighbouring candidate joins a spam block when its own score reaches this and it shares
  // evidence with the block (a lexicon hit, a link, or the same separator).
  double grow_threshold = 3.0;
  std::string lexicon_dir;  // empty: the lists compiled in from data/spam/

  struct Blocks {
    int max_phrase_cps = 24;   // longer items are prose, never part of a keyword block
    int max_link_cps = 120;    // URLs may be longer
    double trim_overlap = 0.5; // edge items sharing this much vocabulary with the body are article
    int min_lexicon_items = 1; // a spam block has at least this many items with a lexicon hit
    double min_evident_line_share = 0.75;  // of a group of list lines, lines with a hit or link
  } blocks;

  struct SeparatorDensity {
    double weight = 1.0;
    double min_density = 0.05;     // list separators per code point of the block
    double min_uniformity = 0.6;   // share of the most common separator kind
  } separator_density;
  struct ShortPhrases {
    double weight = 0.5;
    double max_mean_cps = 10;
    int min_items = 3;
  } short_phrases;
  struct ShortPhraseRun {
    double weight = 1.0;
    int min_items = 6;
  } short_phrase_run;
  struct Trailer {
    double weight = 0.5;
  } trailer;
  struct VocabularyShift {
    double weight = 1.0;
    double max_overlap = 0.25;  // share of the block's Han bigrams also found in the body
    int min_body_han = 40;
    int min_block_han = 8;
  } vocabulary_shift;
  struct ScriptShift {
    double weight = 1.0;
    double min_gap = 0.08;  // difference in the share of traditional characters
    int min_body_han = 40;
    int min_block_han = 8;
  } script_shift;
  struct Repetition {
    double weight = 1.0;
    double min_share = 0.3;  // items sharing one two-character prefix or suffix, or repeated
    int min_items = 4;
  } repetition;
  struct LinkDensity {
    double weight = 2.0;
    double min_share = 0.3;  // items that are URLs or links
  } link_density;
  struct LexiconDensity {
    double weight = 1.5;
    double min_share = 0.5;  // items with a lexicon hit of any category
    int min_items = 2;
  } lexicon_density;
  struct Lexicon {
    double weight = 0.0;
    int saturation_hits = 3;  // phrases counted per item up to 2 (ItemFeatures::hits)
  };
  Lexicon lexicon_pornography{4.0, 3};
  Lexicon lexicon_gambling{4.0, 3};
  Lexicon lexicon_piracy{3.0, 3};
  Lexicon lexicon_advertising{4.0, 3};
  Lexicon lexicon_link_farm{4.0, 3};
  struct Prose {
    double weight = -5.0;  // negative: a sentence with commas and a full stop is article text
  } prose;

  // Spam sources (spam_accounts.h): an account is one when at least `min_posts` of its posts,
  // and at least `min_share` of them, are spam findings.
  struct Accounts {
    double weight = 5.0;
    int min_posts = 3;
    double min_share = 0.3;
  } accounts;
};

// Reads a JSON config. Keys left out keep their defaults; an unknown key or a value of the wrong
// type is an error naming the key and the file.
Result<SpamConfig> LoadSpamConfig(const std::string& path);
Result<SpamConfig> ParseSpamConfig(std::string_view json, const std::string& source_name);

// The whole config as JSON, fixed key order (what config/spam.json holds for the defaults).
std::string SpamConfigToJson(const SpamConfig& c);

}  // namespace sluice::spam
