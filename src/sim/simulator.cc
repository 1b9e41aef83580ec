#include "sim/simulator.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/json_writer.h"
#include "core/utf8.h"
#include "sim/spam_block.h"
#include "sim/truth_record.h"

namespace sluice::sim {
namespace {

enum StreamTag : uint64_t {
  kTagOrganic = 0x0a11, kTagInject, kTagHot, kTagRumorText, kTagCopyPasteText, kTagSpamText
};

constexpr size_t kRecentPool = 4096, kPopularPool = 512;
constexpr double kPopularMean = 6.0;  // posts expected to draw 6x the average enter the popular pool
constexpr double kMaxReactions = 50000;

// Relative posting activity per local hour (UTC+8), midnight first: a night trough, a lunch
// peak and an evening peak.
constexpr double kHourly[24] = {0.6, 0.35, 0.2, 0.12, 0.1, 0.12, 0.3, 0.7, 1.0, 1.1, 1.1, 1.2,
                                1.4, 1.2, 1.0, 1.0, 1.0, 1.1, 1.3, 1.5, 1.7, 1.8, 1.6, 1.1};

void AppendField(std::string* out, std::string_view key, std::string_view value) {
  *out += ",\"";
  *out += key;
  *out += "\":";
  AppendJsonString(out, value);
}

void AppendList(std::string* out, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  *out += ",\"";
  *out += key;
  *out += "\":[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) *out += ",";
    AppendJsonString(out, values[i]);
  }
  *out += "]";
}

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

std::string_view RoleTactic(Role r) {
  switch (r) {
    case Role::kFakeEngagement: return "fake_engagement";
    case Role::kLockstep: return "lockstep";
    case Role::kCopyPaste: return "copy_paste";
    case Role::kDeviceFarm: return "device_farm";
    default: return "";
  }
}

std::string_view RoleConfounder(Role r) {
  switch (r) {
    case Role::kFamily: return "family_device";
    case Role::kCampus: return "campus_ip";
    case Role::kFan: return "fan";
    case Role::kNews: return "news_wire";
    default: return "";
  }
}

}  // namespace

Simulator::Simulator(const SimParams& p, uint64_t seed, const Lexicon& lex,
                     const ScriptConverter& conv, const std::vector<Claim>& claims)
    : p_(p),
      seed_(seed),
      lex_(lex),
      conv_(conv),
      claims_(claims),
      pop_(p, seed),
      composer_(p_, lex, pop_),
      organic_rng_(StreamSeed(seed, kTagOrganic)),
      inject_rng_(StreamSeed(seed, kTagInject)),
      end_(p.start + p.days * 86400),
      claim_started_(claims.size(), 0) {
  double sum = 0;
  for (double h : kHourly) sum += h;
  for (double h : kHourly) rhythm_.push_back(h * 24 / sum);
  for (int r = 0; r < kRoleCount; ++r) by_role_[r] = pop_.GroupsOf(static_cast<Role>(r));
  for (int64_t e = 0; e < p.hot_events; ++e) {
    Rng rng(StreamSeed(seed, kTagHot, static_cast<uint64_t>(e)));
    hot_events_.push_back(MakeHotEvent(lex, rng));
  }
}

void Simulator::Push(Pending e) {
  e.seq = seq_++;
  queue_.push(e);
  if (queue_.size() > counts_.max_pending) counts_.max_pending = queue_.size();
}

Simulator::Pending Simulator::At(int64_t time, Act act, uint32_t account, uint32_t a, uint64_t b) {
  Pending e{};
  e.time = time;
  e.act = act;
  e.account = account;
  e.a = a;
  e.b = b;
  return e;
}

int64_t Simulator::Clamp(int64_t t) const { return std::clamp(t, p_.start, end_ - 1); }

// Campaigns run inside the middle of the period, when the pools of organic posts are warm.
int64_t Simulator::CampaignStart(Rng& rng, int64_t span) const {
  int64_t period = end_ - p_.start;
  int64_t first = p_.start + period / 10;
  int64_t room = std::max<int64_t>(1, period * 8 / 10 - span);
  return first + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(room)));
}

std::string Simulator::PostId(uint64_t n) const {
  std::string s = "m";
  AppendInt(&s, static_cast<int64_t>(n));
  return s;
}

std::string Simulator::GroupName(const Group& g) const {
  std::string n;
  switch (g.role) {
    case Role::kFamily: n = "family"; break;
    case Role::kCampus: n = "campus"; break;
    case Role::kFan: n = "fan"; break;
    case Role::kNews: return "news";
    case Role::kFakeEngagement: n = "fe"; break;
    case Role::kLockstep: n = "lockstep"; break;
    case Role::kCopyPaste: n = "copypaste"; break;
    case Role::kDeviceFarm: n = "farm"; break;
    case Role::kSpammer: return "spammers";
    case Role::kOrganic: return "";
  }
  return n + std::to_string(g.index + 1);
}

std::string Simulator::Originator(const Claim& c, uint32_t author) {
  size_t i = static_cast<size_t>(&c - claims_.data());
  std::string id;
  if (claim_started_[i]) return id;
  claim_started_[i] = 1;
  pop_.AppendId(author, &id);
  return id;
}

void Simulator::EmitTruth(const TruthRecord& r) {
  AppendTruthJson(r, &truth_);
  ++counts_.truth_lines;
}

Status Simulator::EmitAccounts() {
  for (uint32_t a = 0; a < pop_.size(); ++a) {
    std::string& s = *events_->buffer();
    s += "{\"type\":\"account\",\"id\":\"";
    size_t id_at = s.size();
    pop_.AppendId(a, &s);
    std::string id = s.substr(id_at);
    s += "\",\"platform\":\"sim\",\"created_at\":";
    AppendInt(&s, pop_.CreatedAt(a));
    s += ",\"followers\":";
    AppendInt(&s, pop_.Followers(a));
    s += ",\"following\":";
    AppendInt(&s, pop_.Following(a));
    s += pop_.Verified(a) ? ",\"verified\":true" : ",\"verified\":false";
    s += ",\"device\":\"";
    pop_.AppendDevice(a, &s);
    s += "\",\"ip\":\"";
    pop_.AppendIp(a, p_.start, &s);
    s += "\"";
    AppendField(&s, "name", pop_.Name(a, lex_));
    s += "}\n";
    ++counts_.accounts;
    SLUICE_RETURN_IF_ERROR(events_->MaybeFlush());

    const Group* g = pop_.GroupOf(a);
    if (g == nullptr) continue;
    std::string group = GroupName(*g);
    TruthRecord r;
    r.subject = "account";
    r.id = id;
    r.group = group;
    if (!RoleTactic(g->role).empty()) {
      r.label = "water_army";
      r.tactic = RoleTactic(g->role);
    } else if (g->role == Role::kSpammer) {
      r.label = "spam";
    } else {
      r.label = "organic";
      r.confounder = RoleConfounder(g->role);
    }
    EmitTruth(r);
  }
  return Status::Ok();
}

void Simulator::ScheduleInjected() {
  Rng& rng = inject_rng_;
  const int64_t period = end_ - p_.start;
  auto anytime = [&](double from, double to) {
    return p_.start + static_cast<int64_t>((from + (to - from) * rng.Uniform()) * period);
  };
  for (int64_t e = 0; e < p_.hot_events; ++e)
    Push(At(anytime(0.05, 0.9), Act::kHotEvent, 0, static_cast<uint32_t>(e)));
  for (int64_t s = 0; s < p_.wire_stories; ++s)
    Push(At(anytime(0.02, 0.95), Act::kWireStory, 0, static_cast<uint32_t>(s)));

  // A claim circulates from a third of the rumor window before its debunk to the window's end;
  // debunks follow the publication. Both are cut to the period.
  auto within = [&](int64_t from, int64_t to) {
    from = Clamp(from);
    to = std::max(from, Clamp(to));
    return from + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(to - from) + 1));
  };
  for (size_t c = 0; c < claims_.size(); ++c) {
    int64_t from = claims_[c].published - p_.rumor_window_s / 3;
    int64_t to = from + p_.rumor_window_s;
    uint32_t ci = static_cast<uint32_t>(c);
    for (int64_t i = 0; i < p_.rumor_posts_per_claim; ++i)
      Push(At(within(from, to), Act::kRumorPost, pop_.SampleActive(rng), ci, static_cast<uint64_t>(i)));
    for (int64_t i = 0; i < p_.same_topic_per_claim; ++i)
      Push(At(within(from, to), Act::kSameTopicPost, pop_.SampleActive(rng), ci));
    for (int64_t i = 0; i < p_.debunk_per_claim; ++i)
      Push(At(within(claims_[c].published, to), Act::kDebunkPost, pop_.SampleActive(rng), ci));
  }

  for (const Group* g : Groups(Role::kFakeEngagement))
    Push(At(CampaignStart(rng, p_.fake_engagement_window_s + 3600), Act::kFakeEngagementStart, 0,
            g->index));
  for (const Group* g : Groups(Role::kLockstep)) {
    int64_t t0 = CampaignStart(rng, p_.lockstep_span_s);
    for (int64_t k = 0; k < p_.lockstep_targets; ++k)
      Push(At(t0 + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(p_.lockstep_span_s))),
              Act::kLockstepTarget, 0, g->index, static_cast<uint64_t>(k)));
  }
  for (const Group* g : Groups(Role::kCopyPaste))
    for (int64_t r = 0; r < p_.copy_paste_rounds; ++r)
      Push(At(CampaignStart(rng, p_.copy_paste_window_s), Act::kCopyPasteRound, 0, g->index,
              static_cast<uint64_t>(r)));
  for (const Group* g : Groups(Role::kDeviceFarm))
    for (int64_t s = 0; s < p_.farm_sessions; ++s)
      Push(At(CampaignStart(rng, 3600), Act::kFarmSession, 0, g->index, static_cast<uint64_t>(s)));
  const std::vector<const Group*>& spammers = Groups(Role::kSpammer);
  if (!spammers.empty())
    for (int64_t i = 0; i < p_.spam_posts; ++i)
      Push(At(anytime(0.0, 1.0), Act::kSpamPost,
              spammers[0]->first + static_cast<uint32_t>(rng.Below(spammers[0]->size)), 0,
              static_cast<uint64_t>(i)));
}

void Simulator::ScheduleOrganicPosts(int64_t t0) {
  Rng& rng = organic_rng_;
  int hour = static_cast<int>(((t0 + 8 * 3600) / 3600) % 24);
  double mean = static_cast<double>(pop_.organic()) * p_.posts_per_account_day / 24.0 * rhythm_[hour];
  uint64_t n = rng.Poisson(mean);
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t author = pop_.SampleActive(rng);
    const Group* g = pop_.GroupOf(author);
    if (g != nullptr && g->role == Role::kNews) continue;  // outlets publish wire stories
    Push(At(t0 + static_cast<int64_t>(rng.Below(3600)), Act::kOrganicPost, author));
  }
}

uint64_t Simulator::EmitPost(uint32_t author, int64_t t, const PostText& text, uint64_t repost_of) {
  uint64_t n = ++next_post_;
  std::string& s = *events_->buffer();
  s += "{\"type\":\"post\",\"id\":\"m";
  AppendInt(&s, static_cast<int64_t>(n));
  s += "\",\"account\":\"";
  pop_.AppendId(author, &s);
  s += "\",\"time\":";
  AppendInt(&s, t);
  AppendField(&s, "text", text.text);
  if (repost_of != 0) {
    s += ",\"repost_of\":\"m";
    AppendInt(&s, static_cast<int64_t>(repost_of));
    s += "\"";
  }
  AppendList(&s, "hashtags", text.hashtags);
  AppendList(&s, "mentions", text.mentions);
  AppendList(&s, "urls", text.urls);
  s += ",\"device\":\"";
  pop_.AppendDevice(author, &s);
  s += "\",\"ip\":\"";
  pop_.AppendIp(author, t, &s);
  s += "\"}\n";
  ++counts_.posts;
  return n;
}

void Simulator::EmitEngagement(uint32_t account, uint64_t post, EngagementKind kind, int64_t t) {
  std::string& s = *events_->buffer();
  s += "{\"type\":\"engagement\",\"account\":\"";
  pop_.AppendId(account, &s);
  s += "\",\"target\":\"m";
  AppendInt(&s, static_cast<int64_t>(post));
  s += "\",\"kind\":\"";
  s += EngagementKindName(kind);
  s += "\",\"time\":";
  AppendInt(&s, t);
  s += ",\"device\":\"";
  pop_.AppendDevice(account, &s);
  s += "\",\"ip\":\"";
  pop_.AppendIp(account, t, &s);
  s += "\"}\n";
  ++counts_.engagements;
}

void Simulator::AddToPools(uint64_t post, uint32_t author, double mean) {
  PoolEntry e{post, author};
  if (recent_.size() < kRecentPool) recent_.push_back(e);
  else recent_[recent_next_] = e;
  recent_next_ = (recent_next_ + 1) % kRecentPool;
  if (mean < kPopularMean * p_.engagements_per_post) return;
  if (popular_.size() < kPopularPool) popular_.push_back(e);
  else popular_[popular_next_] = e;
  popular_next_ = (popular_next_ + 1) % kPopularPool;
}

bool Simulator::PickTarget(Rng& rng, bool popular, PoolEntry* out) const {
  const std::vector<PoolEntry>& pool = popular && !popular_.empty() ? popular_ : recent_;
  if (pool.empty()) return false;
  *out = pool[rng.Below(pool.size())];
  return true;
}

void Simulator::ScheduleReactions(uint64_t post, uint32_t author, int64_t t, double mean,
                                  uint8_t depth) {
  Rng& rng = organic_rng_;
  if (mean <= 0) return;
  double sigma = p_.engagement_sigma;
  double m = std::min(kMaxReactions, mean * rng.LogNormal(-sigma * sigma / 2, sigma));
  uint64_t n = rng.Poisson(m);
  // Fans first: a fan who likes the post does not react to it again as an ordinary reader.
  fan_likers_.clear();
  if (const Group* fans = pop_.FansOf(author)) {
    for (uint32_t f = fans->first; f < fans->first + fans->size; ++f) {
      if (!rng.Chance(p_.fan_like_prob)) continue;
      Pending e = At(t + rng.Between(10, p_.fan_delay_max_s), Act::kEngage, f, 0, post);
      e.kind = static_cast<uint8_t>(EngagementKind::kLike);
      Push(e);
      fan_likers_.push_back(f);  // ascending: fans are a contiguous range
    }
  }
  engagers_.clear();
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t who = pop_.SampleActive(rng);
    if (who != author && !std::binary_search(fan_likers_.begin(), fan_likers_.end(), who))
      engagers_.push_back(who);
  }
  std::sort(engagers_.begin(), engagers_.end());  // one reaction per account and post
  engagers_.erase(std::unique(engagers_.begin(), engagers_.end()), engagers_.end());
  double log_median = std::log(p_.delay_median_s);
  for (uint32_t who : engagers_) {
    double u = rng.Uniform();
    int64_t delay = std::clamp<int64_t>(
        static_cast<int64_t>(rng.LogNormal(log_median, p_.delay_sigma)), 1, p_.delay_max_s);
    if (u < p_.repost_share && depth < p_.max_cascade_depth) {
      Pending e = At(t + delay, Act::kRepost, who, author, post);
      e.depth = static_cast<uint8_t>(depth + 1);
      Push(e);
    } else {
      Pending e = At(t + delay, Act::kEngage, who, 0, post);
      e.kind = static_cast<uint8_t>(u < p_.repost_share + p_.comment_share ? EngagementKind::kComment
                                                                           : EngagementKind::kLike);
      Push(e);
    }
  }
}

EngagementKind Simulator::ArmyKind(Rng& rng) const {
  double u = rng.Uniform();
  return u < 0.6 ? EngagementKind::kLike : u < 0.85 ? EngagementKind::kComment : EngagementKind::kRepost;
}

uint64_t Simulator::PairKey(uint32_t account, uint64_t post) {
  return (static_cast<uint64_t>(account) << 34) ^ post;
}

bool Simulator::FirstTime(uint32_t account, uint64_t post) {
  return army_pairs_.insert(PairKey(account, post)).second;
}

bool Simulator::Engaged(uint32_t account, uint64_t post) const {
  return army_pairs_.count(PairKey(account, post)) != 0;
}

bool Simulator::ArmyAct(uint32_t account, uint64_t post, uint32_t post_author, EngagementKind kind,
                        int64_t t) {
  if (!FirstTime(account, post)) return false;
  Pending e = At(t, kind == EngagementKind::kRepost ? Act::kRepost : Act::kEngage, account,
                 post_author, post);
  e.kind = static_cast<uint8_t>(kind);
  e.army = 1;
  e.depth = static_cast<uint8_t>(p_.max_cascade_depth);
  Push(e);
  return true;
}

Status Simulator::Handle(const Pending& e) {
  const int64_t t = e.time;
  const double base = p_.engagements_per_post;
  switch (e.act) {
    case Act::kOrganicPost: {
      text_.Clear();
      composer_.Organic(e.account, organic_rng_, &text_);
      uint64_t n = EmitPost(e.account, t, text_, 0);
      double mean = base * pop_.Popularity(e.account);
      ScheduleReactions(n, e.account, t, mean, 0);
      AddToPools(n, e.account, mean);
      break;
    }
    case Act::kHotEvent: {
      Rng& rng = inject_rng_;
      uint64_t posts = rng.Poisson(p_.hot_event_posts);
      for (uint64_t i = 0; i < posts; ++i) {
        int64_t at = t + static_cast<int64_t>(std::min(
                             rng.Exponential(static_cast<double>(p_.hot_event_window_s)),
                             6.0 * static_cast<double>(p_.hot_event_window_s)));
        Push(At(at, Act::kHotPost, pop_.SampleActive(rng), e.a));
      }
      break;
    }
    case Act::kHotPost: {
      text_.Clear();
      composer_.Hot(e.account, hot_events_[e.a], organic_rng_, &text_);
      uint64_t n = EmitPost(e.account, t, text_, 0);
      double mean = 1.5 * base * pop_.Popularity(e.account);
      ScheduleReactions(n, e.account, t, mean, 0);
      AddToPools(n, e.account, mean);
      break;
    }
    case Act::kRepost: {
      text_.Clear();
      composer_.Repost(e.account, e.a, organic_rng_, &text_);
      uint64_t n = EmitPost(e.account, t, text_, e.b);
      EmitEngagement(e.account, e.b, EngagementKind::kRepost, t);
      if (!e.army)
        ScheduleReactions(n, e.account, t, base * p_.repost_decay * pop_.Popularity(e.account),
                          e.depth);
      break;
    }
    case Act::kEngage:
      EmitEngagement(e.account, e.b, static_cast<EngagementKind>(e.kind), t);
      break;
    case Act::kCamouflage: {
      // Camouflage is an ordinary-looking engagement of an organic post, popular or random.
      Rng& rng = inject_rng_;
      bool popular = rng.Chance(p_.camouflage_popular);
      PoolEntry target;
      for (int attempt = 0; attempt < 8; ++attempt) {
        if (!PickTarget(rng, popular, &target)) break;
        if (!FirstTime(e.account, target.post)) continue;
        EmitEngagement(e.account, target.post,
                       rng.Chance(0.8) ? EngagementKind::kLike : EngagementKind::kComment, t);
        break;
      }
      break;
    }
    case Act::kWireStory: {
      const std::vector<const Group*>& news = Groups(Role::kNews);
      if (news.empty()) break;
      for (uint32_t o = news[0]->first; o < news[0]->first + news[0]->size; ++o)
        Push(At(t + inject_rng_.Between(60, p_.wire_spread_s), Act::kWirePost, o, e.a));
      break;
    }
    case Act::kWirePost: {
      text_.Clear();
      composer_.Wire(e.a, e.account, seed_, &text_);
      uint64_t n = EmitPost(e.account, t, text_, 0);
      std::string id = PostId(n), group = "wire" + std::to_string(e.a + 1);
      TruthRecord r;
      r.subject = "post";
      r.id = id;
      r.label = "organic";
      r.group = group;
      r.confounder = "news_wire";
      EmitTruth(r);
      double mean = base * pop_.Popularity(e.account);
      ScheduleReactions(n, e.account, t, mean, 0);
      AddToPools(n, e.account, mean);
      break;
    }
    case Act::kRumorPost: {
      const Claim& c = claims_[e.a];
      uint64_t ordinal = e.a * static_cast<uint64_t>(p_.rumor_posts_per_claim) + e.b;
      Rng rng(StreamSeed(seed_, kTagRumorText, ordinal));
      EditSet edits = ChooseEdits(ordinal, rng.Chance(p_.multi_edit_fraction), rng);
      text_.Clear();
      text_.text = ComposeRumor(c, edits, rng, lex_, conv_);
      if (Has(edits, EditKind::kEmbedded) && rng.Chance(0.4)) {
        Script s = pop_.ScriptOf(e.account);
        composer_.AddHashtag(ClaimTag(c, s, rng, lex_), false, &text_);
      }
      uint64_t n = EmitPost(e.account, t, text_, 0);
      std::string id = PostId(n);
      TruthRecord r;
      r.subject = "post";
      r.id = id;
      r.label = "rumor";
      r.claim = c.id;
      r.edits = edits;
      std::string originator = Originator(c, e.account);
      r.originator = originator;
      EmitTruth(r);
      ScheduleReactions(n, e.account, t, 2 * base * pop_.Popularity(e.account), 0);
      break;
    }
    case Act::kSameTopicPost:
    case Act::kDebunkPost: {
      const Claim& c = claims_[e.a];
      Rng& rng = inject_rng_;
      Script s = pop_.ScriptOf(e.account);
      text_.Clear();
      bool debunk = e.act == Act::kDebunkPost;
      text_.text = debunk ? ComposeDebunk(c, s, rng, lex_, conv_) : ComposeSameTopic(c, s, rng, lex_);
      if (rng.Chance(0.4)) {
        std::string tag = debunk ? (s == Script::kTraditional ? "闢謠" : "辟谣") : ClaimTag(c, s, rng, lex_);
        composer_.AddHashtag(tag, rng.Chance(0.5), &text_);
      }
      uint64_t n = EmitPost(e.account, t, text_, 0);
      std::string id = PostId(n);
      TruthRecord r;
      r.subject = "post";
      r.id = id;
      r.label = "organic";
      r.claim = c.id;
      r.hard_negative = debunk ? "debunk" : "same_topic";
      EmitTruth(r);
      ScheduleReactions(n, e.account, t, base * pop_.Popularity(e.account), 0);
      break;
    }
    case Act::kFakeEngagementStart:
      for (int64_t j = 0; j < p_.fake_engagement_targets; ++j)
        Push(At(t + inject_rng_.Between(0, 3600), Act::kFakeEngagementTarget,
                pop_.SampleActive(inject_rng_), e.a, static_cast<uint64_t>(j)));
      break;
    case Act::kFakeEngagementTarget: {
      // A customer's post: organic in itself, then boosted by the group.
      text_.Clear();
      composer_.Organic(e.account, organic_rng_, &text_);
      uint64_t n = EmitPost(e.account, t, text_, 0);
      ScheduleReactions(n, e.account, t, base * pop_.Popularity(e.account), 0);
      const Group& g = *Groups(Role::kFakeEngagement)[e.a];
      Rng& rng = inject_rng_;
      double whole = std::floor(p_.camouflage_ratio), frac = p_.camouflage_ratio - whole;
      for (uint32_t m = g.first; m < g.first + g.size; ++m) {
        if (!rng.Chance(p_.fake_engagement_density)) continue;
        ArmyAct(m, n, e.account, ArmyKind(rng), t + rng.Between(60, p_.fake_engagement_window_s));
        int camouflage = static_cast<int>(whole) + (rng.Chance(frac) ? 1 : 0);
        for (int k = 0; k < camouflage; ++k)
          Push(At(t + rng.Between(0, p_.fake_engagement_window_s), Act::kCamouflage, m));
      }
      break;
    }
    case Act::kLockstepTarget: {
      Rng& rng = inject_rng_;
      const Group& g = *Groups(Role::kLockstep)[e.a];
      // A target the group has not acted on yet (the first member stands for the group).
      PoolEntry target;
      bool found = false;
      for (int attempt = 0; attempt < 16 && !found; ++attempt)
        found = PickTarget(rng, rng.Chance(0.5), &target) && !Engaged(g.first, target.post);
      if (!found) break;
      EngagementKind kind = ArmyKind(rng);
      for (uint32_t m = g.first; m < g.first + g.size; ++m)
        if (rng.Chance(p_.lockstep_participation))
          ArmyAct(m, target.post, target.author, kind, t + rng.Between(0, p_.lockstep_window_s));
      break;
    }
    case Act::kCopyPasteRound: {
      const Group& g = *Groups(Role::kCopyPaste)[e.a];
      for (uint32_t m = g.first; m < g.first + g.size; ++m)
        Push(At(t + inject_rng_.Between(0, p_.copy_paste_window_s), Act::kCopyPastePost, m, e.a, e.b));
      break;
    }
    case Act::kCopyPastePost: {
      const Group& g = *Groups(Role::kCopyPaste)[e.a];
      Rng rng(StreamSeed(seed_, kTagCopyPasteText, (static_cast<uint64_t>(e.account) << 16) ^ e.b));
      PostComposer::CampaignRound round = composer_.Round(e.a, e.b, seed_);
      bool rumor = !claims_.empty() && IsRumorGroup(p_, e.a);
      text_.Clear();
      EditSet edits = 0;
      const Claim* claim = nullptr;
      if (rumor) {
        claim = &claims_[(e.a + e.b) % claims_.size()];
        static constexpr EditKind kVariants[] = {EditKind::kExact, EditKind::kPunctuation,
                                                 EditKind::kEmoji, EditKind::kZeroWidth};
        EditKind v = kVariants[rng.Below(std::size(kVariants))];
        text_.text = ComposeRumor(*claim, EditBit(v), rng, lex_, conv_);
        composer_.AddRoundExtras(round, &text_);
        bool extras = !round.tag.empty() || !round.url.empty();
        edits = extras ? static_cast<EditSet>((v == EditKind::kExact ? 0 : EditBit(v)) |
                                              EditBit(EditKind::kEmbedded))
                       : EditBit(v);
      } else {
        composer_.CopyPaste(round, rng, &text_);
      }
      uint64_t n = EmitPost(e.account, t, text_, 0);
      std::string id = PostId(n), group = GroupName(g);
      TruthRecord r;
      r.subject = "post";
      r.id = id;
      r.label = "copy_paste";
      r.group = group;
      EmitTruth(r);
      if (claim != nullptr) {
        TruthRecord rr;
        rr.subject = "post";
        rr.id = id;
        rr.label = "rumor";
        rr.claim = claim->id;
        rr.edits = edits;
        std::string originator = Originator(*claim, e.account);
        rr.originator = originator;
        EmitTruth(rr);
      }
      ScheduleReactions(n, e.account, t, base * pop_.Popularity(e.account), 0);
      break;
    }
    case Act::kFarmSession: {
      Rng& rng = inject_rng_;
      const Group& g = *Groups(Role::kDeviceFarm)[e.a];
      // Targets the farm has not liked before (the first account stands for the farm).
      std::vector<PoolEntry> targets;
      for (int64_t k = 0, attempts = 0; k < p_.farm_session_targets && attempts < 64; ++attempts) {
        PoolEntry target;
        if (!PickTarget(rng, rng.Chance(0.5), &target)) break;
        if (Engaged(g.first, target.post)) continue;
        targets.push_back(target);
        ++k;
      }
      // Group-control software steps every device through its accounts at the same pace.
      int64_t step = rng.Between(30, 120);
      uint32_t per_device = static_cast<uint32_t>(p_.farm_accounts_per_device);
      for (uint32_t m = g.first; m < g.first + g.size; ++m) {
        uint32_t slot = (m - g.first) % per_device;
        int64_t at = t + slot * step + rng.Between(0, 10);
        for (size_t k = 0; k < targets.size(); ++k)
          ArmyAct(m, targets[k].post, targets[k].author, EngagementKind::kLike,
                  at + static_cast<int64_t>(k) * rng.Between(3, 12));
        if (rng.Chance(p_.farm_post_prob))
          Push(At(at + rng.Between(0, 30), Act::kFarmPost, m));
      }
      break;
    }
    case Act::kFarmPost: {
      text_.Clear();
      composer_.Farm(e.account, inject_rng_, &text_);
      EmitPost(e.account, t, text_, 0);
      break;
    }
    case Act::kSpamPost: {
      Rng rng(StreamSeed(seed_, kTagSpamText, e.b));
      text_.Clear();
      composer_.Organic(e.account, rng, &text_);
      text_.text += " ";
      uint64_t start = CountCodePoints(text_.text);
      std::string url;
      text_.text += SpamTail(rng, lex_, &url);
      uint64_t end = CountCodePoints(text_.text);
      if (!url.empty()) text_.urls.push_back(url);
      uint64_t n = EmitPost(e.account, t, text_, 0);
      std::string id = PostId(n);
      TruthRecord r;
      r.subject = "post";
      r.id = id;
      r.label = "spam";
      r.spans.push_back({start, end});
      EmitTruth(r);
      break;
    }
  }
  SLUICE_RETURN_IF_ERROR(events_->MaybeFlush());
  if (truth_.size() >= (1 << 20)) {
    SLUICE_RETURN_IF_ERROR(truth_file_->Write(truth_));
    truth_.clear();
  }
  return Status::Ok();
}

Status Simulator::Run(ZstdStreamWriter* events, OutputFile* truth) {
  events_ = events;
  truth_file_ = truth;
  SLUICE_RETURN_IF_ERROR(EmitAccounts());
  ScheduleInjected();
  for (int64_t t0 = p_.start; t0 < end_; t0 += 3600) {
    ScheduleOrganicPosts(t0);
    while (!queue_.empty() && queue_.top().time < t0 + 3600) {
      Pending e = queue_.top();
      queue_.pop();
      SLUICE_RETURN_IF_ERROR(Handle(e));
    }
  }
  // Reactions to the last posts land after the period; they are part of the record.
  while (!queue_.empty()) {
    Pending e = queue_.top();
    queue_.pop();
    SLUICE_RETURN_IF_ERROR(Handle(e));
  }
  SLUICE_RETURN_IF_ERROR(truth_file_->Write(truth_));
  truth_.clear();
  return Status::Ok();
}

}  // namespace sluice::sim
