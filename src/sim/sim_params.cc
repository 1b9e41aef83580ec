#include "sim/sim_params.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <type_traits>

#include <simdjson.h>

#include "core/json_writer.h"

namespace sluice::sim {

std::optional<Scale> ParseScale(std::string_view s) {
  if (s == "tiny") return Scale::kTiny;
  if (s == "small") return Scale::kSmall;
  if (s == "medium") return Scale::kMedium;
  if (s == "large") return Scale::kLarge;
  return std::nullopt;
}

std::string_view ScaleName(Scale s) {
  switch (s) {
    case Scale::kTiny: return "tiny";
    case Scale::kSmall: return "small";
    case Scale::kMedium: return "medium";
    case Scale::kLarge: return "large";
  }
  return "?";
}

SimParams DefaultParams(Scale scale) {
  SimParams p;
  // Scale-independent behaviour.
  p.start = 1714492800;  // 2024-05-01T00:00:00+08:00
  p.posts_per_account_day = 1.2;
  p.activity_zipf = 0.7;
  p.followers_zipf = 0.85;
  p.engagements_per_post = 4.0;
  p.popularity_exponent = 0.5;
  p.engagement_sigma = 1.0;
  p.repost_share = 0.12;
  p.comment_share = 0.18;
  p.repost_decay = 0.35;
  p.max_cascade_depth = 8;
  p.delay_median_s = 1800;
  p.delay_sigma = 1.4;
  p.delay_max_s = 2 * 86400;
  p.traditional_fraction = 0.3;
  p.emoji_prob = 0.4;
  p.hashtag_prob = 0.3;
  p.mention_prob = 0.15;
  p.url_prob = 0.12;
  p.hot_event_window_s = 3 * 3600;
  p.family_size_max = 4;
  p.fan_like_prob = 0.9;
  p.fan_delay_max_s = 600;
  p.wire_spread_s = 3600;
  p.multi_edit_fraction = 0.3;
  p.traditional_claim_fraction = 0.25;
  p.rumor_window_s = 3 * 86400;
  p.fake_engagement_density = 0.5;
  p.camouflage_ratio = 1.0;
  p.camouflage_popular = 0.5;
  p.fake_engagement_window_s = 86400;
  p.lockstep_participation = 0.9;
  p.lockstep_window_s = 300;
  p.lockstep_span_s = 3 * 86400;
  p.copy_paste_window_s = 1800;
  p.copy_paste_shared_tag = 0.7;
  p.copy_paste_shared_link = 0.5;
  p.copy_paste_rumor_fraction = 0.25;
  p.farm_post_prob = 0.3;
  p.spam_page_fraction = 0.4;
  p.spam_midpage_fraction = 0.3;

  struct Sized {
    int64_t accounts, days, followers_max, hot_events;
    double hot_event_posts;
    int64_t family, campus, campus_size, fans, fans_per, news, wire;
    int64_t claims, rumor_per, same_topic, debunk;
    int64_t fe, fe_n, fe_m, ls, ls_size, ls_targets, cp, cp_size, cp_rounds;
    int64_t farms, farm_dev, farm_per, farm_sessions, farm_targets;
    int64_t pages, spam_posts, spammers;
  };
  // clang-format off
  static constexpr Sized kTiny   {550,     2, 20000,     2,   40,    4,   1, 12,  1,  10,  5,   3,
                                  4,   8,  2, 2,   1, 12,  8,   1,  8, 10,  2,  8, 2,
                                  1,  3,  5,  4, 3,   24,    10,   3};
  static constexpr Sized kSmall  {20000,   6, 2000000,  12,  300,  200,  8,  50,  8,  60, 20,  20,
                                  30, 20,  4, 4,   4, 40, 25,   4, 20, 30, 10, 15, 3,
                                  3,  8,  6, 10, 5,  300,   300,  30};
  static constexpr Sized kMedium {150000,  7, 8000000,  30, 1200, 1500, 30,  80, 30, 150, 40,  60,
                                  80, 40,  6, 6,  10, 80, 40,  10, 30, 50, 30, 25, 3,
                                  8, 15,  8, 20, 5, 1000,  2000, 150};
  static constexpr Sized kLarge  {1000000, 10, 30000000, 60, 3000, 10000, 150, 120, 100, 300, 80, 150,
                                  200, 60, 8, 8,  30, 100, 50, 30, 40, 60, 80, 30, 4,
                                  20, 20, 10, 30, 5, 3000, 10000, 600};
  // clang-format on
  const Sized& s = scale == Scale::kTiny     ? kTiny
                   : scale == Scale::kSmall  ? kSmall
                   : scale == Scale::kMedium ? kMedium
                                             : kLarge;
  p.accounts = s.accounts;
  p.days = s.days;
  p.followers_max = s.followers_max;
  p.hot_events = s.hot_events;
  p.hot_event_posts = s.hot_event_posts;
  p.family_groups = s.family;
  p.campus_groups = s.campus;
  p.campus_size = s.campus_size;
  p.fan_groups = s.fans;
  p.fans_per_group = s.fans_per;
  p.news_accounts = s.news;
  p.wire_stories = s.wire;
  p.claims = s.claims;
  p.rumor_posts_per_claim = s.rumor_per;
  p.same_topic_per_claim = s.same_topic;
  p.debunk_per_claim = s.debunk;
  p.fake_engagement_groups = s.fe;
  p.fake_engagement_accounts = s.fe_n;
  p.fake_engagement_targets = s.fe_m;
  p.lockstep_groups = s.ls;
  p.lockstep_size = s.ls_size;
  p.lockstep_targets = s.ls_targets;
  p.copy_paste_groups = s.cp;
  p.copy_paste_size = s.cp_size;
  p.copy_paste_rounds = s.cp_rounds;
  p.device_farm_groups = s.farms;
  p.farm_devices = s.farm_dev;
  p.farm_accounts_per_device = s.farm_per;
  p.farm_sessions = s.farm_sessions;
  p.farm_session_targets = s.farm_targets;
  p.pages = s.pages;
  p.spam_posts = s.spam_posts;
  p.spammers = s.spammers;
  return p;
}

Status ApplyConfigFile(const std::string& path, SimParams* p) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open config file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ApplyConfigJson(ss.str(), path, p);
}

Status ApplyConfigJson(std::string_view json, const std::string& path, SimParams* p) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(json.data(), json.size(), true).get(doc); err != simdjson::SUCCESS)
    return Status::Config(path + ": not valid JSON: " + simdjson::error_message(err));
  simdjson::dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS)
    return Status::Config(path + ": the config must be a JSON object of {\"key\": number}");
  for (auto field : obj) {
    std::string key(field.key);
    simdjson::dom::element v = field.value;
    bool found = false;
    Status st;
    ForEachParam(*p, [&](std::string_view name, auto& slot, double lo, double hi) {
      if (found || name != key) return;
      found = true;
      double d;
      if (v.get_double().get(d) != simdjson::SUCCESS) {  // also accepts JSON integers
        st = Status::Config(path + ": key '" + key + "' must be a number");
        return;
      }
      if constexpr (std::is_same_v<std::decay_t<decltype(slot)>, int64_t>) {
        if (d != std::floor(d)) {
          st = Status::Config(path + ": key '" + key + "' must be a whole number");
          return;
        }
      }
      if (!(d >= lo && d <= hi)) {
        std::ostringstream msg;
        msg << path << ": key '" << key << "' is " << d << ", outside [" << lo << ", " << hi << "]";
        st = Status::Config(msg.str());
        return;
      }
      slot = static_cast<std::decay_t<decltype(slot)>>(d);
    });
    if (!found) return Status::Config(path + ": unknown key '" + key + "'");
    SLUICE_RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

bool IsRumorGroup(const SimParams& p, int64_t g) {
  double f = p.copy_paste_rumor_fraction;
  return std::ceil(static_cast<double>(g + 1) * f) > std::ceil(static_cast<double>(g) * f);
}

int64_t FamilySize(const SimParams& p, int64_t g) { return 2 + g % (p.family_size_max - 1); }

int64_t InjectedAccounts(const SimParams& p) {
  return p.fake_engagement_groups * p.fake_engagement_accounts +
         p.lockstep_groups * p.lockstep_size + p.copy_paste_groups * p.copy_paste_size +
         p.device_farm_groups * p.farm_devices * p.farm_accounts_per_device + p.spammers;
}

int64_t ConfounderAccounts(const SimParams& p) {
  int64_t family = 0;
  for (int64_t g = 0; g < p.family_groups; ++g) family += FamilySize(p, g);
  return family + p.campus_groups * p.campus_size + p.fan_groups * p.fans_per_group +
         p.news_accounts;
}

Status ValidateParams(const SimParams& p) {
  int64_t organic = p.accounts - InjectedAccounts(p);
  int64_t needed = 2 * ConfounderAccounts(p) + 50;
  if (organic < needed)
    return Status::Config("accounts is " + std::to_string(p.accounts) + " but the groups asked for need at least " +
                          std::to_string(needed + InjectedAccounts(p)) +
                          " (half of the organic accounts must stay outside confounder groups)");
  if (p.repost_share + p.comment_share > 1)
    return Status::Config("repost_share + comment_share must not exceed 1");
  if (p.start + p.days * 86400 + p.delay_max_s + 30 * 86400 > 4102444800)
    return Status::Config("start + days must end before 2100");
  if (p.wire_stories > 0 && p.news_accounts == 0)
    return Status::Config("wire_stories needs news_accounts > 0");
  return Status::Ok();
}

std::string ParamsToJson(const SimParams& p) {
  std::string s = "{";
  bool first = true;
  ForEachParam(p, [&](std::string_view name, const auto& v, double, double) {
    if (!first) s += ",";
    first = false;
    AppendJsonString(&s, name);
    s += ":";
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, int64_t>) s += std::to_string(v);
    else AppendJsonNumber(&s, v);
  });
  s += "}\n";
  return s;
}

}  // namespace sluice::sim
