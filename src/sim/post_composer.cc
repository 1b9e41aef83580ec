#include "sim/post_composer.h"

namespace sluice::sim {
namespace {
constexpr uint64_t kTagWire = 0x3173, kTagRound = 0xc0c0;

constexpr const char* kDomains[] = {"xinwen-kuaibao.com", "meishi-riji.cn", "haowu-tuijian.net",
                                    "chengshi-shenghuo.cn", "video.sim-kan.com"};
constexpr char kBase62[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
}  // namespace

HotEvent MakeHotEvent(const Lexicon& lex, Rng& rng) {
  HotEvent e;
  e.kind = static_cast<int>(rng.Below(lex.hot_kinds.size()));
  for (int list : lex.hot_kinds[e.kind].fixed_lists)
    e.fixed.Set(list, static_cast<uint32_t>(rng.Below(lex.vocab.ListSize(list))));
  return e;
}

PostComposer::PostComposer(const SimParams& p, const Lexicon& lex, const Population& pop)
    : p_(p), lex_(lex), pop_(pop) {}

std::string PostComposer::RandomUrl(Rng& rng) {
  std::string url;
  if (rng.Chance(0.6)) {
    url = "https://t.cn/";
    for (int i = 0; i < 8; ++i) url.push_back(kBase62[rng.Below(62)]);
  } else {
    url = "https://";
    url += kDomains[rng.Below(std::size(kDomains))];
    url += '/';
    url += std::to_string(rng.Between(10000, 99999999));
    url += ".html";
  }
  return url;
}

void PostComposer::AddHashtag(const std::string& tag, bool at_start, PostText* out) const {
  std::string t(1, '#');
  t += tag;
  t += '#';
  if (at_start) out->text.insert(0, t);
  else out->text += t;
  out->hashtags.push_back(tag);
}

void PostComposer::AddMention(uint32_t who, PostText* out) const {
  std::string name = pop_.Name(who, lex_);
  out->text += " @";
  out->text += name;
  out->text += ' ';
  out->mentions.push_back(std::move(name));
}

void PostComposer::AddUrl(Rng& rng, PostText* out) const {
  std::string url = RandomUrl(rng);
  out->text += ' ';
  out->text += url;
  out->urls.push_back(std::move(url));
}

void PostComposer::Decorate(uint32_t author, Script s, int topic, Rng& rng, PostText* out) const {
  const Vocabulary& v = lex_.vocab;
  if (rng.Chance(p_.emoji_prob)) {
    int n = static_cast<int>(rng.Between(1, 3));
    for (int i = 0; i < n; ++i) out->text += v.Emoji(rng);
  }
  if (topic >= 0 && rng.Chance(p_.hashtag_prob)) {
    const auto& tags = lex_.topics[topic].tags;
    std::string tag;
    v.Render(tags[rng.Below(tags.size())], s, rng, &tag);
    AddHashtag(tag, rng.Chance(0.5), out);
  }
  if (rng.Chance(p_.mention_prob)) {
    uint32_t who = pop_.SampleActive(rng);
    if (who != author) AddMention(who, out);
  }
  if (rng.Chance(p_.url_prob)) AddUrl(rng, out);
}

void PostComposer::Organic(uint32_t author, Rng& rng, PostText* out) const {
  Script s = pop_.ScriptOf(author);
  int topic = static_cast<int>(rng.Below(lex_.topics.size()));
  const auto& texts = lex_.topics[topic].texts;
  const Vocabulary& v = lex_.vocab;
  if (rng.Chance(0.35)) v.Render(lex_.openers[rng.Below(lex_.openers.size())], s, rng, &out->text);
  v.Render(texts[rng.Below(texts.size())], s, rng, &out->text);
  if (rng.Chance(0.5)) v.Render(lex_.closers[rng.Below(lex_.closers.size())], s, rng, &out->text);
  Decorate(author, s, topic, rng, out);
}

void PostComposer::Hot(uint32_t author, const HotEvent& e, Rng& rng, PostText* out) const {
  Script s = pop_.ScriptOf(author);
  const Lexicon::HotKind& kind = lex_.hot_kinds[e.kind];
  const Vocabulary& v = lex_.vocab;
  // Many people, one event: the same event words in varied sentences, never one copied text.
  if (rng.Chance(0.4))
    v.Render(lex_.hot_openers[rng.Below(lex_.hot_openers.size())], s, rng, &out->text);
  v.Render(kind.texts[rng.Below(kind.texts.size())], s, rng, e.fixed, &out->text);
  if (rng.Chance(0.6))
    v.Render(lex_.hot_closers[rng.Below(lex_.hot_closers.size())], s, rng, &out->text);
  if (rng.Chance(p_.emoji_prob)) out->text += v.Emoji(rng);
  if (rng.Chance(0.6)) {
    std::string tag;
    v.Render(kind.tag, s, rng, e.fixed, &tag);
    AddHashtag(tag, rng.Chance(0.6), out);
  }
  if (rng.Chance(p_.mention_prob * 0.5)) {
    uint32_t who = pop_.SampleActive(rng);
    if (who != author) AddMention(who, out);
  }
}

void PostComposer::Repost(uint32_t author, uint32_t parent_author, Rng& rng, PostText* out) const {
  Script s = pop_.ScriptOf(author);
  const auto& c = lex_.repost_comments;
  lex_.vocab.Render(c[rng.Below(c.size())], s, rng, &out->text);
  if (rng.Chance(0.3)) {
    std::string name = pop_.Name(parent_author, lex_);
    out->text += "//@";
    out->text += name;
    out->text += ':';
    lex_.vocab.Render(c[rng.Below(c.size())], pop_.ScriptOf(parent_author), rng, &out->text);
    out->mentions.push_back(std::move(name));
  }
}

void PostComposer::Wire(uint64_t story, uint32_t outlet, uint64_t seed, PostText* out) const {
  Rng rng(StreamSeed(seed, kTagWire, story));
  const Vocabulary& v = lex_.vocab;
  FixedWords fixed;
  fixed.Set(lex_.city_list, static_cast<uint32_t>(rng.Below(v.ListSize(lex_.city_list))));
  out->text += "【";
  v.Render(lex_.wire_headlines[rng.Below(lex_.wire_headlines.size())], Script::kSimplified, rng,
           fixed, &out->text);
  out->text += "】";
  int sentences = static_cast<int>(rng.Between(1, 2));
  for (int i = 0; i < sentences; ++i)
    v.Render(lex_.wire_bodies[rng.Below(lex_.wire_bodies.size())], Script::kSimplified, rng, fixed,
             &out->text);
  out->text += "（";
  out->text += v.Word(lex_.agency_list,
                      static_cast<uint32_t>(rng.Below(v.ListSize(lex_.agency_list))),
                      Script::kSimplified);
  out->text += "）";
  Rng own(StreamSeed(seed, kTagWire ^ outlet, story));
  AddUrl(own, out);
}

PostComposer::CampaignRound PostComposer::Round(uint64_t group, uint64_t round,
                                                uint64_t seed) const {
  Rng rng(StreamSeed(seed, kTagRound, group * 100003 + round));
  CampaignRound r;
  const Vocabulary& v = lex_.vocab;
  FixedWords fixed;
  for (const char* name : {"city", "brand", "star", "show", "team", "food"}) {
    int list = v.ListId(name);
    fixed.Set(list, static_cast<uint32_t>(rng.Below(v.ListSize(list))));
  }
  v.Render(lex_.campaign_texts[rng.Below(lex_.campaign_texts.size())], Script::kSimplified, rng,
           fixed, &r.base);
  if (rng.Chance(p_.copy_paste_shared_tag))
    v.Render(lex_.campaign_tags[rng.Below(lex_.campaign_tags.size())], Script::kSimplified, rng,
             fixed, &r.tag);
  if (rng.Chance(p_.copy_paste_shared_link)) r.url = RandomUrl(rng);
  return r;
}

void PostComposer::AddRoundExtras(const CampaignRound& r, PostText* out) const {
  if (!r.tag.empty()) {
    out->text += '#';
    out->text += r.tag;
    out->text += '#';
    out->hashtags.push_back(r.tag);
  }
  if (!r.url.empty()) {
    out->text += ' ';
    out->text += r.url;
    out->urls.push_back(r.url);
  }
}

void PostComposer::CopyPaste(const CampaignRound& r, Rng& rng, PostText* out) const {
  const Vocabulary& v = lex_.vocab;
  v.Render(lex_.campaign_prefixes[rng.Below(lex_.campaign_prefixes.size())], Script::kSimplified,
           rng, &out->text);
  out->text += r.base;
  v.Render(lex_.campaign_suffixes[rng.Below(lex_.campaign_suffixes.size())], Script::kSimplified,
           rng, &out->text);
  if (rng.Chance(0.4)) out->text += v.Emoji(rng);
  AddRoundExtras(r, out);
}

void PostComposer::Farm(uint32_t author, Rng& rng, PostText* out) const {
  const auto& t = lex_.farm_texts;
  lex_.vocab.Render(t[rng.Below(t.size())], pop_.ScriptOf(author), rng, &out->text);
}

}  // namespace sluice::sim
