// Everything the simulator says, in one vocabulary: organic posts by topic, hot-event bursts,
// repost comments, wire stories, copy-paste campaign texts, claim templates with their on-topic
// and debunking companions, spam phrases and news-like pages. All of it was written for Sluice
// (never taken from a dataset), in simplified characters, and converted to traditional by OpenCC.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "sim/script_converter.h"
#include "sim/vocabulary.h"

namespace sluice::sim {

struct Lexicon {
  Vocabulary vocab;

  // Organic posts: each topic has text templates and hashtag templates.
  struct Topic {
    std::vector<int> texts;
    std::vector<int> tags;
  };
  std::vector<Topic> topics;

  // Hot events: the slots fixed per event (its city, star, team...), a hashtag and burst texts.
  struct HotKind {
    std::vector<int> fixed_lists;
    int tag = -1;
    std::vector<int> texts;
  };
  std::vector<HotKind> hot_kinds;

  // Openers and closers people put around what they say, so that posts on the same thing differ.
  std::vector<int> openers, closers;
  std::vector<int> hot_openers, hot_closers;

  std::vector<int> repost_comments;
  std::vector<int> farm_texts;

  // Copy-paste campaigns: base texts, and the small changes members make to them.
  std::vector<int> campaign_texts;
  std::vector<int> campaign_tags;
  std::vector<int> campaign_prefixes, campaign_suffixes;

  // Wire stories: a headline and a body per story; outlets are named from outlet_names.
  std::vector<int> wire_headlines;
  std::vector<int> wire_bodies;
  int agency_list = -1;
  std::vector<int> outlet_names;

  // Account names.
  int name_prefix = -1, name_core = -1, name_suffix = -1;

  // Claims: a template, the lists fixed per claim, and on-topic templates that share them.
  struct ClaimKind {
    int text = -1;
    std::vector<int> fixed_lists;
    std::vector<int> same_topic;
    int tag = -1;
  };
  std::vector<ClaimKind> claim_kinds;
  std::vector<int> claim_sources;
  // Debunks and rumor commentary wrap the claim: prefix + claim + suffix, rendered per post.
  struct Wrapper {
    int prefix = -1;
    int suffix = -1;
  };
  std::vector<Wrapper> debunk_wrappers;
  std::vector<Wrapper> rumor_wrappers;

  // Spam phrases by category (pornography, gambling, piracy, advertising, link farm).
  std::vector<std::vector<int>> spam_phrases;
  std::vector<int> spam_headers;
  // News-like pages.
  int site_list = -1, section_list = -1, city_list = -1;
  int page_person = -1;  // a reporter's or editor's name
  std::vector<int> page_titles;
  std::vector<int> page_sentences;
  std::vector<int> page_flagged_sentences;  // clean news that mentions a flagged word
  std::vector<int> page_copyrights;

  // Builds the whole vocabulary. Fails only on a malformed template (a programming error).
  static Result<std::shared_ptr<const Lexicon>> Build(const ScriptConverter& conv);
};

// The parts of Build that live in their own files.
Status AddOrganicTexts(Lexicon* lex);
Status AddClaimTexts(Lexicon* lex);
Status AddSpamTexts(Lexicon* lex);

}  // namespace sluice::sim
