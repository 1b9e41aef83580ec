// Tests only: small Worlds built from schema v1 records, and a planted-army generator whose
// answer is known (organic accounts with a popularity-skewed engagement pattern, plus groups of
// each water-army tactic and each organic confounder). Header-only so each test file can use it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "ingest/record_parser.h"
#include "world/world_builder.h"

namespace sluice::coord::testing {

inline std::string Q(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

class WorldMaker {
 public:
  WorldMaker& Line(const std::string& json) {
    jsonl_ += json;
    jsonl_ += '\n';
    Record r;
    Rejection why;
    if (!parser_.Parse(json, 0, &r, &why)) {
      ADD_FAILURE() << "parse: " << why.detail << " in " << json;
      return *this;
    }
    if (!builder_.Add(r, &why)) ADD_FAILURE() << "refused: " << why.detail << " in " << json;
    return *this;
  }
  WorldMaker& Account(const std::string& id, int64_t created_at = 1600000000,
                      const std::string& device = "", const std::string& ip = "",
                      bool verified = false, int64_t followers = 100) {
    std::string s = fmt::format(R"({{"type":"account","id":{},"platform":"t","created_at":{},)"
                                R"("followers":{},"verified":{})",
                                Q(id), created_at, followers, verified ? "true" : "false");
    if (!device.empty()) s += ",\"device\":" + Q(device);
    if (!ip.empty()) s += ",\"ip\":" + Q(ip);
    return Line(s + "}");
  }
  WorldMaker& Post(const std::string& id, const std::string& account, int64_t time,
                   const std::string& text, const std::string& repost_of = "",
                   const std::string& reply_to = "", const std::vector<std::string>& urls = {},
                   const std::vector<std::string>& hashtags = {}) {
    std::string s = fmt::format(R"({{"type":"post","id":{},"account":{},"time":{},"text":{})",
                                Q(id), Q(account), time, Q(text));
    if (!repost_of.empty()) s += ",\"repost_of\":" + Q(repost_of);
    if (!reply_to.empty()) s += ",\"reply_to\":" + Q(reply_to);
    auto list = [&](const char* key, const std::vector<std::string>& v) {
      if (v.empty()) return;
      s += fmt::format(",\"{}\":[", key);
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ",";
        s += Q(v[i]);
      }
      s += "]";
    };
    list("urls", urls);
    list("hashtags", hashtags);
    return Line(s + "}");
  }
  WorldMaker& Engage(const std::string& account, const std::string& target,
                     const std::string& kind, int64_t time, const std::string& device = "",
                     const std::string& ip = "") {
    std::string s = fmt::format(
        R"({{"type":"engagement","account":{},"target":{},"kind":{},"time":{})", Q(account),
        Q(target), Q(kind), time);
    if (!device.empty()) s += ",\"device\":" + Q(device);
    if (!ip.empty()) s += ",\"ip\":" + Q(ip);
    return Line(s + "}");
  }
  World Build() { return builder_.Finalize(nullptr); }
  // Every line added, as an events file.
  const std::string& jsonl() const { return jsonl_; }

 private:
  std::string jsonl_;
  RecordParser parser_;
  WorldBuilder builder_{"test-salt"};
};

// splitmix64: a small deterministic generator for planted worlds.
class Rand {
 public:
  explicit Rand(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  // Rank in [0, n) skewed towards 0 (popular items): P(rank < r) = sqrt(r / n).
  uint64_t Skewed(uint64_t n) {
    double u = Uniform();
    return std::min<uint64_t>(n - 1, static_cast<uint64_t>(n * u * u));
  }

 private:
  uint64_t s_;
};

// A planted world. Account ids say what each account is: "o…" organic, "fe…" fake engagement,
// "ls…" lockstep, "cp…" copy-paste, "df…" device farm, "fam…" family, "cam…" campus, "fan…" fans,
// "news…" news outlets. `camouflage` is camouflage acts per fraud act (1 = 1:1).
struct PlantedTruth {
  std::vector<std::string> fake_engagement, lockstep, copy_paste, device_farm;
  std::vector<std::string> confounders;
};

inline World PlantedWorld(uint64_t seed, double camouflage, PlantedTruth* truth,
                          std::string* jsonl = nullptr) {
  Rand rng(seed);
  WorldMaker m;
  const int64_t t0 = 1714521600;  // 2024-05-01
  const int64_t day = 86400;
  // About as dense as a platform: ~4 engagements per post, ~20 per account.
  const int kOrganic = 1500, kPosts = 8000;
  auto organic = [](int i) { return fmt::format("o{}", i); };
  // Organic accounts, created over years, each on its own device.
  for (int i = 0; i < kOrganic; ++i)
    m.Account(organic(i), t0 - 30 * day - static_cast<int64_t>(rng.Below(2000)) * day,
              fmt::format("dev-o{}", i), fmt::format("10.0.{}.{}", i / 250, i % 250), i < 3,
              static_cast<int64_t>(rng.Below(5000)));
  std::vector<int64_t> post_time(kPosts);
  static const char* kWords[] = {"今天", "天气", "不错", "上班", "下班", "地铁", "好挤", "午饭",
                                 "吃了", "面条", "电影", "推荐", "周末", "爬山", "朋友", "聚会",
                                 "猫咪", "可爱", "学习", "考试", "加油", "新闻", "看到", "感动",
                                 "买了", "新书", "咖啡", "好喝", "下雨", "带伞", "跑步", "五公里"};
  for (int p = 0; p < kPosts; ++p) {
    post_time[p] = t0 + static_cast<int64_t>(rng.Below(7 * day));
    std::string text;
    for (int k = 0; k < 8; ++k) text += kWords[rng.Below(std::size(kWords))];
    m.Post(fmt::format("p{}", p), organic(static_cast<int>(rng.Skewed(kOrganic))), post_time[p], text);
  }
  // Organic engagement: skewed towards popular posts, delays of minutes to a day.
  const char* kinds[] = {"like", "like", "like", "comment", "repost"};
  for (int e = 0; e < 30000; ++e) {
    int p = static_cast<int>(rng.Skewed(kPosts));
    m.Engage(organic(static_cast<int>(rng.Below(kOrganic))), fmt::format("p{}", p),
             kinds[rng.Below(5)], post_time[p] + 60 + static_cast<int64_t>(rng.Below(day)));
  }
  auto camo = [&](const std::string& who, int64_t around) {
    int p = static_cast<int>(rng.Skewed(kPosts));  // biased to popular posts
    m.Engage(who, fmt::format("p{}", p), "like", around + static_cast<int64_t>(rng.Below(day)));
  };
  auto bulk_created = [&](int g) { return t0 - (40 + 17 * g) * day + static_cast<int64_t>(rng.Below(2 * day)); };
  int group = 0;
  // Fake engagement: 2 groups × 25 accounts × 20 targets, density 0.5, spread over a day.
  for (int g = 0; g < 2; ++g, ++group) {
    std::vector<int> targets;
    for (int k = 0; k < 20; ++k) targets.push_back(static_cast<int>(rng.Below(kPosts)));
    for (int a = 0; a < 25; ++a) {
      std::string id = fmt::format("fe{}_{}", g, a);
      m.Account(id, bulk_created(group), "dev-" + id, "ip-" + id, false, 3);
      truth->fake_engagement.push_back(id);
      for (int t : targets) {
        if (!rng.Chance(0.5)) continue;
        m.Engage(id, fmt::format("p{}", t), "like", post_time[t] + 60 + static_cast<int64_t>(rng.Below(day)));
        double c = camouflage;
        while (c > 0) {
          if (rng.Chance(std::min(1.0, c))) camo(id, post_time[t]);
          c -= 1;
        }
      }
    }
  }
  // Lockstep: 2 groups × 12 accounts, 15 targets, all within 200 s of each other.
  for (int g = 0; g < 2; ++g, ++group) {
    std::vector<std::string> ids;
    for (int a = 0; a < 12; ++a) {
      ids.push_back(fmt::format("ls{}_{}", g, a));
      m.Account(ids.back(), bulk_created(group), "dev-" + ids.back(), "ip-" + ids.back(), false, 2);
      truth->lockstep.push_back(ids.back());
    }
    for (int k = 0; k < 15; ++k) {
      int t = static_cast<int>(rng.Below(kPosts));
      int64_t at = post_time[t] + static_cast<int64_t>(rng.Below(day));
      for (const std::string& id : ids) {
        if (!rng.Chance(0.9)) continue;
        m.Engage(id, fmt::format("p{}", t), "like", at + static_cast<int64_t>(rng.Below(200)));
        if (camouflage > 0) camo(id, at);
      }
    }
  }
  // Copy-paste: 2 groups × 10 accounts, 4 rounds of one text with small edits, within 30 min.
  for (int g = 0; g < 2; ++g, ++group) {
    std::vector<std::string> ids;
    for (int a = 0; a < 10; ++a) {
      ids.push_back(fmt::format("cp{}_{}", g, a));
      m.Account(ids.back(), bulk_created(group), "dev-" + ids.back(), "ip-" + ids.back(), false, 5);
      truth->copy_paste.push_back(ids.back());
    }
    for (int r = 0; r < 4; ++r) {
      int64_t at = t0 + static_cast<int64_t>(rng.Below(6 * day));
      std::string base = fmt::format("震惊！第{}组第{}轮：这家店的{}真是太好吃了，大家快去排队购买吧", g, r,
                                     r % 2 ? "火锅" : "烤鸭");
      for (size_t a = 0; a < ids.size(); ++a) {
        std::string text = (a % 3 == 0 ? "转发：" : a % 3 == 1 ? "" : "【推荐】") + base +
                           (a % 2 ? "！！" : "\u200b😀");
        m.Post(fmt::format("cp{}_{}_{}", g, r, a), ids[a], at + static_cast<int64_t>(rng.Below(1800)), text);
      }
    }
  }
  // Device farm: 2 farms × 3 devices × 5 accounts, one IP per farm, 6 sessions of 4 targets.
  for (int g = 0; g < 2; ++g, ++group) {
    std::vector<std::string> ids;
    for (int a = 0; a < 15; ++a) {
      ids.push_back(fmt::format("df{}_{}", g, a));
      m.Account(ids.back(), bulk_created(group), fmt::format("farm{}-dev{}", g, a / 5),
                fmt::format("farm{}-ip", g), false, 1);
      truth->device_farm.push_back(ids.back());
    }
    for (int s = 0; s < 6; ++s) {
      int64_t at = t0 + static_cast<int64_t>(rng.Below(6 * day));
      std::vector<int> targets;
      for (int k = 0; k < 4; ++k) targets.push_back(static_cast<int>(rng.Below(kPosts)));
      int64_t step = 30 + static_cast<int64_t>(rng.Below(60));
      for (size_t a = 0; a < ids.size(); ++a)
        for (size_t k = 0; k < targets.size(); ++k)
          m.Engage(ids[a], fmt::format("p{}", targets[k]), "like",
                   at + static_cast<int64_t>(a % 5) * step + static_cast<int64_t>(k) * 5,
                   fmt::format("farm{}-dev{}", g, a / 5), fmt::format("farm{}-ip", g));
    }
  }
  // Confounders. Families: 3 accounts on one device and IP, independent organic behaviour.
  for (int f = 0; f < 10; ++f)
    for (int a = 0; a < 3; ++a) {
      std::string id = fmt::format("fam{}_{}", f, a);
      m.Account(id, t0 - static_cast<int64_t>(100 + rng.Below(2000)) * day, fmt::format("fam{}-dev", f),
                fmt::format("fam{}-ip", f), false, 50);
      truth->confounders.push_back(id);
      for (int e = 0; e < 15; ++e) {
        int p = static_cast<int>(rng.Skewed(kPosts));
        m.Engage(id, fmt::format("p{}", p), "like", post_time[p] + 60 + static_cast<int64_t>(rng.Below(day)),
                 fmt::format("fam{}-dev", f), fmt::format("fam{}-ip", f));
      }
    }
  // A campus: 40 accounts behind one IP, independent behaviour.
  for (int a = 0; a < 40; ++a) {
    std::string id = fmt::format("cam{}", a);
    m.Account(id, t0 - static_cast<int64_t>(100 + rng.Below(2000)) * day, "dev-" + id, "campus-ip", false, 80);
    truth->confounders.push_back(id);
    for (int e = 0; e < 15; ++e) {
      int p = static_cast<int>(rng.Skewed(kPosts));
      m.Engage(id, fmt::format("p{}", p), "like", post_time[p] + 60 + static_cast<int64_t>(rng.Below(day)),
               "dev-" + id, "campus-ip");
    }
  }
  // Fans: 20 fans like nearly every post of their idol within ten minutes.
  {
    m.Account("idol", t0 - 900 * day, "dev-idol", "ip-idol", false, 900000);
    for (int k = 0; k < 12; ++k)
      m.Post(fmt::format("idol{}", k), "idol", t0 + k * 12 * 3600, fmt::format("偶像日常分享第{}条", k));
    for (int a = 0; a < 20; ++a) {
      std::string id = fmt::format("fan{}", a);
      m.Account(id, t0 - static_cast<int64_t>(100 + rng.Below(2000)) * day, "dev-" + id, "ip-" + id, false, 30);
      truth->confounders.push_back(id);
      for (int k = 0; k < 12; ++k)
        if (rng.Chance(0.9))
          m.Engage(id, fmt::format("idol{}", k), "like", t0 + k * 12 * 3600 + 10 + static_cast<int64_t>(rng.Below(590)));
    }
  }
  // News outlets (verified) publishing the same wire stories within an hour.
  for (int a = 0; a < 8; ++a) {
    std::string id = fmt::format("news{}", a);
    m.Account(id, t0 - static_cast<int64_t>(1000 + rng.Below(2000)) * day, "dev-" + id, "ip-" + id, true, 2000000);
    truth->confounders.push_back(id);
  }
  for (int s = 0; s < 6; ++s) {
    int64_t at = t0 + static_cast<int64_t>(rng.Below(6 * day));
    for (int a = 0; a < 8; ++a)
      m.Post(fmt::format("wire{}_{}", s, a), fmt::format("news{}", a), at + 60 + static_cast<int64_t>(rng.Below(3540)),
             fmt::format("【通稿第{}号】今日本市召开新闻发布会，通报近期重点工作进展情况（新华社） http://news{}.example/{}", s, a, s));
  }
  if (jsonl) *jsonl = m.jsonl();
  return m.Build();
}

}  // namespace sluice::coord::testing
