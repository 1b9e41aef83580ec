// Whole-run tests of the simulator at tiny scale: determinism, ingest with zero rejects, and
// that the truth file says exactly what the parameters asked for and what the events show.
#include "sim/generate.h"

#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/utf8.h"
#include "ingest/ingest.h"
#include "ingest/line_reader.h"
#include "ingest/record_parser.h"
#include "sim/script_converter.h"
#include "sim/unicode_text.h"

namespace sluice::sim {
namespace {
namespace fs = std::filesystem;

std::string MakeTempDir() {
  std::string tmpl = (fs::temp_directory_path() / "sluice-sim-XXXXXX").string();
  char* d = ::mkdtemp(tmpl.data());
  EXPECT_NE(d, nullptr);
  return tmpl;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Truth {
  std::string subject, id, label, claim, group, tactic, hard_negative, confounder, originator;
  std::vector<std::string> edits;
  std::vector<std::pair<uint64_t, uint64_t>> spans;
};
struct Post {
  std::string account, text, repost_of;
  int64_t time = 0;
  std::vector<std::string> hashtags, urls;
};
struct Engagement {
  std::string account, target, kind;
  int64_t time = 0;
};
struct Account {
  std::string device, ip;
};

// A generated world read back: events through Sluice's own reader and parser.
struct Loaded {
  std::string dir;
  GenResult result;
  std::vector<Truth> truth;
  std::map<std::string, Post> posts;
  std::vector<Engagement> engagements;
  std::map<std::string, Account> accounts;
  std::map<std::string, std::string> claims;  // id -> text

  std::vector<const Truth*> Where(std::string_view subject, std::string_view label) const {
    std::vector<const Truth*> out;
    for (const Truth& t : truth)
      if (t.subject == subject && t.label == label) out.push_back(&t);
    return out;
  }
};

std::vector<Truth> ParseTruth(const std::string& path) {
  std::vector<Truth> out;
  std::ifstream in(path);
  std::string line;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    simdjson::dom::element doc = parser.parse(line);
    Truth t;
    for (auto field : doc.get_object()) {
      std::string_view k = field.key;
      if (k == "edits") {
        for (auto e : field.value.get_array()) t.edits.emplace_back(std::string_view(e));
      } else if (k == "spans") {
        for (auto s : field.value.get_array()) {
          simdjson::dom::array a = s.get_array();
          t.spans.push_back({uint64_t(a.at(0)), uint64_t(a.at(1))});
        }
      } else {
        std::string v(std::string_view(field.value));
        if (k == "subject") t.subject = v;
        else if (k == "id") t.id = v;
        else if (k == "label") t.label = v;
        else if (k == "claim") t.claim = v;
        else if (k == "group") t.group = v;
        else if (k == "tactic") t.tactic = v;
        else if (k == "hard_negative") t.hard_negative = v;
        else if (k == "confounder") t.confounder = v;
        else if (k == "originator") t.originator = v;
        else ADD_FAILURE() << "unexpected truth key " << k;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

Loaded Load(const SimParams& p, uint64_t seed) {
  Loaded w;
  w.dir = MakeTempDir();
  Status st = Generate(p, seed, w.dir, &w.result);
  EXPECT_TRUE(st.ok()) << st.message();
  w.truth = ParseTruth(w.dir + "/truth.jsonl");
  for (std::string file : {"/events.jsonl.zst", "/claims.jsonl"}) {
    auto reader = LineReader::Open(w.dir + file, 1 << 20);
    EXPECT_TRUE(reader.ok());
    RecordParser parser;
    Record r;
    Rejection why;
    Line line;
    while (reader.value()->Next(&line).value()) {
      EXPECT_TRUE(parser.Parse(line.bytes, LineReader::kPadding, &r, &why)) << why.detail;
      if (r.type == RecordType::kPost) {
        Post post{std::string(r.post.account), std::string(r.post.text),
                  std::string(r.post.repost_of.value_or("")), r.post.time, {}, {}};
        for (auto h : r.post.hashtags) post.hashtags.emplace_back(h);
        for (auto u : r.post.urls) post.urls.emplace_back(u);
        w.posts[std::string(r.post.id)] = std::move(post);
      } else if (r.type == RecordType::kEngagement) {
        w.engagements.push_back({std::string(r.engagement.account), std::string(r.engagement.target),
                                 std::string(EngagementKindName(r.engagement.kind)), r.engagement.time});
      } else if (r.type == RecordType::kAccount) {
        w.accounts[std::string(r.account.id)] = {std::string(r.account.device.value_or("")),
                                                 std::string(r.account.ip.value_or(""))};
      } else {
        w.claims[std::string(r.claim.id)] = std::string(r.claim.text);
      }
    }
  }
  return w;
}

class GenerateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { tiny_ = new Loaded(Load(DefaultParams(Scale::kTiny), 1)); }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(tiny_->dir, ec);
    delete tiny_;
  }
  static inline Loaded* tiny_ = nullptr;
};

TEST_F(GenerateTest, TinyIsAboutTenThousandEvents) {
  EXPECT_GT(tiny_->result.counts.events(), 7000u);
  EXPECT_LT(tiny_->result.counts.events(), 14000u);
  EXPECT_EQ(tiny_->result.counts.posts, tiny_->posts.size());
  EXPECT_EQ(tiny_->result.counts.engagements, tiny_->engagements.size());
  EXPECT_EQ(tiny_->result.counts.truth_lines, tiny_->truth.size());
}

TEST_F(GenerateTest, SameSeedSameBytesOtherSeedOtherBytes) {
  SimParams p = DefaultParams(Scale::kTiny);
  std::string again = MakeTempDir(), other = MakeTempDir();
  GenResult r;
  ASSERT_TRUE(Generate(p, 1, again, &r).ok());
  ASSERT_TRUE(Generate(p, 2, other, &r).ok());
  size_t files = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(tiny_->dir)) {
    if (!e.is_regular_file()) continue;
    fs::path rel = fs::relative(e.path(), tiny_->dir);
    EXPECT_EQ(ReadAll(e.path()), ReadAll(fs::path(again) / rel)) << rel;
    ++files;
  }
  EXPECT_EQ(files, 3u + static_cast<size_t>(p.pages));
  for (const char* f : {"events.jsonl.zst", "truth.jsonl", "claims.jsonl", "pages/p000001.txt"})
    EXPECT_NE(ReadAll(fs::path(tiny_->dir) / f), ReadAll(fs::path(other) / f)) << f;
  // A second run over an earlier one replaces its pages.
  ASSERT_TRUE(Generate(p, 1, other, &r).ok());
  EXPECT_EQ(ReadAll(fs::path(tiny_->dir) / "truth.jsonl"), ReadAll(fs::path(other) / "truth.jsonl"));
  std::error_code ec;
  fs::remove_all(again, ec);
  fs::remove_all(other, ec);
}

TEST_F(GenerateTest, RefusesToReplaceForeignFilesInPages) {
  std::string dir = MakeTempDir();
  fs::create_directories(fs::path(dir) / "pages");
  std::ofstream(fs::path(dir) / "pages" / "notes.md") << "mine";
  GenResult r;
  Status st = Generate(DefaultParams(Scale::kTiny), 1, dir, &r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("notes.md"), std::string::npos);
  EXPECT_TRUE(fs::exists(fs::path(dir) / "pages" / "notes.md"));
  EXPECT_FALSE(fs::exists(fs::path(dir) / "events.jsonl.zst"));
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_F(GenerateTest, EventsPassIngestWithZeroRejectsAndNoDanglingReferences) {
  RejectSink rejects(5, 256);
  IngestStats stats;
  Result<World> world = Ingest({tiny_->dir + "/events.jsonl.zst", tiny_->dir + "/claims.jsonl"},
                               IngestOptions{}, &rejects, &stats);
  ASSERT_TRUE(world.ok()) << world.status().message();
  EXPECT_EQ(rejects.total(), 0u);
  for (const RejectEntry& e : rejects.first()) ADD_FAILURE() << e.line << ": " << e.detail;
  EXPECT_EQ(stats.dangling.total(), 0u);
  EXPECT_EQ(stats.accepted[static_cast<int>(RecordType::kAccount)], tiny_->result.counts.accounts);
  EXPECT_EQ(stats.accepted[static_cast<int>(RecordType::kPost)], tiny_->result.counts.posts);
  EXPECT_EQ(stats.accepted[static_cast<int>(RecordType::kEngagement)],
            tiny_->result.counts.engagements);
  EXPECT_EQ(stats.accepted[static_cast<int>(RecordType::kClaim)], tiny_->result.claims);
}

TEST_F(GenerateTest, EveryLabelTacticEditHardNegativeAndConfounderAppears) {
  std::set<std::string> subjects, labels, tactics, edits, hard, confounders;
  bool multi = false;
  for (const Truth& t : tiny_->truth) {
    subjects.insert(t.subject);
    labels.insert(t.label);
    if (!t.tactic.empty()) tactics.insert(t.tactic);
    edits.insert(t.edits.begin(), t.edits.end());
    multi |= t.edits.size() >= 2;
    if (!t.hard_negative.empty()) hard.insert(t.hard_negative);
    if (!t.confounder.empty()) confounders.insert(t.confounder);
  }
  using S = std::set<std::string>;
  EXPECT_EQ(subjects, (S{"account", "post", "page"}));
  EXPECT_EQ(labels, (S{"rumor", "copy_paste", "spam", "water_army", "organic"}));
  EXPECT_EQ(tactics, (S{"fake_engagement", "lockstep", "copy_paste", "device_farm"}));
  EXPECT_EQ(edits, (S{"exact", "trad_simp", "punctuation", "emoji", "zero_width", "fullwidth",
                      "homoglyph", "lookalike_han", "homophone", "partial", "embedded"}));
  EXPECT_TRUE(multi);
  EXPECT_EQ(hard, (S{"same_topic", "debunk"}));
  EXPECT_EQ(confounders, (S{"family_device", "campus_ip", "fan", "news_wire"}));
  // A copy-paste post that also spreads a rumor carries both labels.
  std::map<std::string, std::set<std::string>> post_labels;
  for (const Truth& t : tiny_->truth)
    if (t.subject == "post") post_labels[t.id].insert(t.label);
  bool both = false;
  for (const auto& [id, l] : post_labels) both |= l.count("rumor") && l.count("copy_paste");
  EXPECT_TRUE(both);
}

TEST_F(GenerateTest, TruthSubjectsExistInTheOutput) {
  for (const Truth& t : tiny_->truth) {
    if (t.subject == "post") {
      EXPECT_TRUE(tiny_->posts.count(t.id)) << t.id;
    } else if (t.subject == "account") {
      EXPECT_TRUE(tiny_->accounts.count(t.id)) << t.id;
    } else {
      EXPECT_TRUE(fs::exists(fs::path(tiny_->dir) / "pages" / t.id)) << t.id;
    }
    if (!t.claim.empty()) {
      EXPECT_TRUE(tiny_->claims.count(t.claim)) << t.claim;
    }
  }
}

// Counts per (subject, label, tactic/confounder/hard negative) must be exactly what the
// parameters ask for, at the defaults and after a config changes them.
void ExpectCountsFollow(const SimParams& p, const Loaded& w) {
  std::map<std::string, int64_t> n;
  std::map<std::string, std::set<std::string>> groups;
  for (const Truth& t : w.truth) {
    std::string key = t.subject + "/" + t.label;
    if (!t.tactic.empty()) key += "/" + t.tactic;
    if (!t.confounder.empty()) key += "/" + t.confounder;
    if (!t.hard_negative.empty()) key += "/" + t.hard_negative;
    ++n[key];
    if (!t.group.empty()) groups[key].insert(t.group);
  }
  int64_t family = 0;
  for (int64_t g = 0; g < p.family_groups; ++g) family += FamilySize(p, g);
  int64_t rumor_groups = 0;
  for (int64_t g = 0; g < p.copy_paste_groups; ++g) rumor_groups += IsRumorGroup(p, g);
  int64_t cp_posts = p.copy_paste_groups * p.copy_paste_size * p.copy_paste_rounds;
  EXPECT_EQ(n["account/water_army/fake_engagement"], p.fake_engagement_groups * p.fake_engagement_accounts);
  EXPECT_EQ(n["account/water_army/lockstep"], p.lockstep_groups * p.lockstep_size);
  EXPECT_EQ(n["account/water_army/copy_paste"], p.copy_paste_groups * p.copy_paste_size);
  EXPECT_EQ(n["account/water_army/device_farm"],
            p.device_farm_groups * p.farm_devices * p.farm_accounts_per_device);
  EXPECT_EQ(static_cast<int64_t>(groups["account/water_army/fake_engagement"].size()), p.fake_engagement_groups);
  EXPECT_EQ(static_cast<int64_t>(groups["account/water_army/device_farm"].size()), p.device_farm_groups);
  EXPECT_EQ(n["account/organic/family_device"], family);
  EXPECT_EQ(static_cast<int64_t>(groups["account/organic/family_device"].size()), p.family_groups);
  EXPECT_EQ(n["account/organic/campus_ip"], p.campus_groups * p.campus_size);
  EXPECT_EQ(n["account/organic/fan"], p.fan_groups * p.fans_per_group);
  EXPECT_EQ(n["account/organic/news_wire"], p.news_accounts);
  EXPECT_EQ(n["account/spam"], p.spammers);
  EXPECT_EQ(n["post/copy_paste"], cp_posts);
  EXPECT_EQ(n["post/rumor"], p.claims * p.rumor_posts_per_claim +
                                 rumor_groups * p.copy_paste_size * p.copy_paste_rounds);
  EXPECT_EQ(n["post/organic/same_topic"], p.claims * p.same_topic_per_claim);
  EXPECT_EQ(n["post/organic/debunk"], p.claims * p.debunk_per_claim);
  EXPECT_EQ(n["post/organic/news_wire"], p.wire_stories * p.news_accounts);
  EXPECT_EQ(n["post/spam"], p.spam_posts);
  EXPECT_EQ(n["page/spam"], std::llround(p.pages * p.spam_page_fraction));
  EXPECT_EQ(static_cast<int64_t>(w.claims.size()), p.claims);
  EXPECT_EQ(static_cast<int64_t>(w.accounts.size()), p.accounts);
  // Rumor posts cycle their primary edit through the kinds, and exact never combines, so the
  // number of exact copies is fixed by the number of rumor posts.
  std::set<std::string> cp_posts_ids;
  for (const Truth* t : w.Where("post", "copy_paste")) cp_posts_ids.insert(t->id);
  int64_t exact = 0;
  for (const Truth* t : w.Where("post", "rumor"))
    if (!cp_posts_ids.count(t->id) && t->edits == std::vector<std::string>{"exact"}) ++exact;
  int64_t rumor_posts = p.claims * p.rumor_posts_per_claim;
  EXPECT_EQ(exact, (rumor_posts + kEditKindCount - 1) / kEditKindCount);
}

TEST_F(GenerateTest, LabelCountsFollowTheDefaults) {
  ExpectCountsFollow(DefaultParams(Scale::kTiny), *tiny_);
}

TEST_F(GenerateTest, LabelCountsFollowAConfig) {
  SimParams p = DefaultParams(Scale::kTiny);
  ASSERT_TRUE(ApplyConfigJson(R"({"accounts": 700, "claims": 6, "rumor_posts_per_claim": 5,
      "same_topic_per_claim": 3, "debunk_per_claim": 1, "fake_engagement_groups": 2,
      "fake_engagement_accounts": 7, "lockstep_groups": 2, "lockstep_size": 5,
      "copy_paste_groups": 3, "copy_paste_size": 4, "copy_paste_rounds": 3,
      "copy_paste_rumor_fraction": 0.5, "device_farm_groups": 2, "farm_devices": 2,
      "farm_accounts_per_device": 4, "family_groups": 5, "family_size_max": 3,
      "campus_groups": 2, "campus_size": 6, "fan_groups": 2, "fans_per_group": 4,
      "news_accounts": 3, "wire_stories": 4, "pages": 10, "spam_page_fraction": 0.5,
      "spam_posts": 7, "spammers": 2, "days": 1})",
                              "test", &p).ok());
  Loaded w = Load(p, 5);
  ExpectCountsFollow(p, w);
  std::error_code ec;
  fs::remove_all(w.dir, ec);
}

// Characters the layout of a page puts around a block: it starts after an indent and ends a line.
TEST_F(GenerateTest, PageSpansCoverExactlyTheInjectedBlocks) {
  // Every spam phrase carries one of these hooks; the articles around them never do.
  const std::vector<std::u32string> hooks = {
      U"在线观看", U"免费", U"永久入口", U"最新", U"高清无删", U"每日更新", U"部合集", U"注册送",
      U"官方网址", U"开户", U"稳赚不赔", U"提现秒到", U"首充返", U"网盘资源", U"迅雷下载",
      U"资源合集", U"抢先看", U"无水印版", U"诚招代理", U"专业", U"当天到账", U"加微信", U"加QQ",
      U"加电话", U"加飞机号", U"加客服", U"联系", U"全国可办", U"出租", U"元每月", U"包上首页",
      U"技术交流", U"价格优惠", U"模板"};
  auto hook_count = [&](const std::u32string& s) {
    size_t n = 0;
    for (const auto& h : hooks)
      for (size_t at = s.find(h); at != std::u32string::npos; at = s.find(h, at + 1)) ++n;
    return n;
  };
  std::set<std::string> spam_pages;
  for (const Truth* t : tiny_->Where("page", "spam")) {
    spam_pages.insert(t->id);
    std::u32string text = DecodeUtf8(ReadAll(fs::path(tiny_->dir) / "pages" / t->id));
    ASSERT_FALSE(t->spans.empty());
    std::u32string outside;
    uint64_t prev = 0;
    for (auto [s, e] : t->spans) {
      ASSERT_LE(prev, s) << t->id;
      ASSERT_LT(s, e) << t->id;
      ASSERT_LE(e, text.size()) << t->id;
      std::u32string block = text.substr(s, e - s);
      EXPECT_GE(hook_count(block), 4u) << t->id;
      EXPECT_EQ(text[s - 1], U' ') << t->id;  // the block starts after the indent...
      EXPECT_EQ(text[e], U'\n') << t->id;     // ...and ends its line
      EXPECT_NE(block.front(), U' ');
      outside += text.substr(prev, s - prev);
      prev = e;
    }
    outside += text.substr(prev);
    EXPECT_EQ(hook_count(outside), 0u) << t->id << ": spam left outside the spans";
  }
  for (const fs::directory_entry& e : fs::directory_iterator(fs::path(tiny_->dir) / "pages")) {
    if (spam_pages.count(e.path().filename().string())) continue;
    EXPECT_EQ(hook_count(DecodeUtf8(ReadAll(e.path()))), 0u) << e.path();
  }
}

TEST_F(GenerateTest, PostSpamSpansCoverTheTail) {
  auto spam = tiny_->Where("post", "spam");
  ASSERT_FALSE(spam.empty());
  for (const Truth* t : spam) {
    std::u32string text = DecodeUtf8(tiny_->posts.at(t->id).text);
    ASSERT_EQ(t->spans.size(), 1u);
    auto [s, e] = t->spans[0];
    EXPECT_EQ(e, text.size());  // a tail runs to the end
    ASSERT_LT(s, e);
    EXPECT_EQ(text[s - 1], U' ');
    EXPECT_GE(e - s, 8u);
  }
}

TEST_F(GenerateTest, RumorPostsCarryTheirClaim) {
  auto conv = ScriptConverter::Open();
  ASSERT_TRUE(conv.ok());
  auto rumors = tiny_->Where("post", "rumor");
  ASSERT_FALSE(rumors.empty());
  for (const Truth* t : rumors) {
    const std::string& claim = tiny_->claims.at(t->claim);
    const std::string& text = tiny_->posts.at(t->id).text;
    std::set<std::string> e(t->edits.begin(), t->edits.end());
    if (e == std::set<std::string>{"exact"}) {
      EXPECT_EQ(text, claim);
    } else {
      EXPECT_NE(text, claim) << t->id;
    }
    if (e == std::set<std::string>{"trad_simp"}) {
      EXPECT_TRUE(conv.value()->ToTraditional(text) == claim ||
                  conv.value()->ToSimplified(text) == conv.value()->ToSimplified(claim))
          << text << " vs " << claim;
    }
    if (e.count("embedded") && !e.count("partial")) {
      EXPECT_GT(CountCodePoints(text), CountCodePoints(claim));
    }
  }
  for (const Truth* t : tiny_->Where("post", "organic")) {
    if (t->hard_negative != "debunk") continue;
    // A debunk quotes the claim (in the author's script) to refute it.
    const std::string& claim = tiny_->claims.at(t->claim);
    std::string text = conv.value()->ToSimplified(tiny_->posts.at(t->id).text);
    EXPECT_NE(text.find(conv.value()->ToSimplified(claim)), std::string::npos) << text;
  }
}

TEST_F(GenerateTest, EachClaimNamesTheAuthorOfItsEarliestRumorPostAsOriginator) {
  std::map<std::string, std::pair<int64_t, std::string>> earliest;  // claim -> (time, post)
  std::map<std::string, std::vector<const Truth*>> marked;
  for (const Truth* t : tiny_->Where("post", "rumor")) {
    const Post& p = tiny_->posts.at(t->id);
    // Post ids number posts in time order: m<n>.
    auto key = std::make_pair(p.time, std::stoll(t->id.substr(1)));
    auto it = earliest.find(t->claim);
    if (it == earliest.end() || key < std::make_pair(it->second.first, std::stoll(it->second.second.substr(1))))
      earliest[t->claim] = {p.time, t->id};
    if (!t->originator.empty()) marked[t->claim].push_back(t);
  }
  ASSERT_EQ(earliest.size(), tiny_->claims.size());
  for (const auto& [claim, first] : earliest) {
    ASSERT_EQ(marked[claim].size(), 1u) << claim;
    EXPECT_EQ(marked[claim][0]->id, first.second) << claim;
    EXPECT_EQ(marked[claim][0]->originator, tiny_->posts.at(first.second).account) << claim;
  }
  for (const Truth& t : tiny_->truth) {
    if (t.label != "rumor") {
      EXPECT_TRUE(t.originator.empty()) << t.id;
    }
  }
}

// Index a world's events by the truth groups of their accounts.
std::map<std::string, std::set<std::string>> MembersByGroup(const Loaded& w) {
  std::map<std::string, std::set<std::string>> m;
  for (const Truth& t : w.truth)
    if (t.subject == "account" && !t.group.empty()) m[t.group].insert(t.id);
  return m;
}

// Engagements of group "fe1": per target post, and the organic engagement count of each post.
struct FakeEngagementView {
  std::map<std::string, int> group_per_post;
  std::map<std::string, int> others_per_post;
};
FakeEngagementView ViewFakeEngagement(const Loaded& w) {
  auto members = MembersByGroup(w)["fe1"];
  FakeEngagementView v;
  for (const Engagement& e : w.engagements) {
    if (members.count(e.account)) ++v.group_per_post[e.target];
    else ++v.others_per_post[e.target];
  }
  return v;
}

TEST_F(GenerateTest, FakeEngagementFollowsTheFraudarProtocol) {
  SimParams p = DefaultParams(Scale::kTiny);
  // Camouflage spread at random over recent posts, so target posts stand out by count alone.
  ASSERT_TRUE(ApplyConfigJson(R"({"fake_engagement_accounts": 30, "fake_engagement_targets": 20,
      "fake_engagement_density": 0.4, "camouflage_ratio": 2, "camouflage_popular": 0,
      "days": 4})",
                              "test", &p).ok());
  Loaded w = Load(p, 3);
  EXPECT_EQ(MembersByGroup(w)["fe1"].size(), 30u);
  FakeEngagementView v = ViewFakeEngagement(w);
  int fraud = 0, targets = 0, total = 0;
  for (auto& [post, c] : v.group_per_post) {
    total += c;
    EXPECT_LE(c, 30);  // one engagement per account and post
    if (c >= 6) {
      fraud += c;
      ++targets;
    }
  }
  EXPECT_EQ(targets, 20);
  EXPECT_NEAR(fraud / (30.0 * 20.0), 0.4, 0.06);
  EXPECT_NEAR((total - fraud) / static_cast<double>(fraud), 2.0, 0.2);  // camouflage ratio
  std::error_code ec;
  fs::remove_all(w.dir, ec);

  // Biased camouflage goes to posts that are popular with everyone else too.
  auto organic_reach = [](const FakeEngagementView& view) {
    double sum = 0, n = 0;
    for (auto& [post, c] : view.group_per_post) {
      auto it = view.others_per_post.find(post);
      sum += c * (it == view.others_per_post.end() ? 0 : it->second);
      n += c;
    }
    return sum / n;
  };
  ASSERT_TRUE(ApplyConfigJson(R"({"camouflage_popular": 1})", "test", &p).ok());
  Loaded biased = Load(p, 3);
  EXPECT_GT(organic_reach(ViewFakeEngagement(biased)), 2 * organic_reach(v));
  fs::remove_all(biased.dir, ec);
}

TEST_F(GenerateTest, WaterArmiesAndConfoundersLeaveTheirTraces) {
  const SimParams p = DefaultParams(Scale::kTiny);
  auto groups = MembersByGroup(*tiny_);
  // Lockstep: every common target is hit by the group within the window.
  std::map<std::string, std::vector<int64_t>> lock_times;
  for (const Engagement& e : tiny_->engagements)
    if (groups["lockstep1"].count(e.account)) lock_times[e.target].push_back(e.time);
  int common = 0;
  for (auto& [target, times] : lock_times) {
    if (times.size() < 4) continue;
    ++common;
    auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    EXPECT_LE(*hi - *lo, p.lockstep_window_s);
  }
  EXPECT_GE(common, p.lockstep_targets - 1);  // two targets may coincide
  // Device farm: N accounts per device, one IP for the farm.
  std::map<std::string, int> per_device;
  std::set<std::string> farm_ips;
  for (const std::string& a : groups["farm1"]) {
    ++per_device[tiny_->accounts.at(a).device];
    farm_ips.insert(tiny_->accounts.at(a).ip);
  }
  EXPECT_EQ(per_device.size(), static_cast<size_t>(p.farm_devices));
  for (auto& [d, n] : per_device) EXPECT_EQ(n, p.farm_accounts_per_device);
  EXPECT_EQ(farm_ips.size(), 1u);
  // Households share a device and an IP; campuses share an IP but not devices.
  for (auto& [g, members] : groups) {
    std::set<std::string> devices, ips;
    for (const std::string& a : members) {
      devices.insert(tiny_->accounts.at(a).device);
      ips.insert(tiny_->accounts.at(a).ip);
    }
    if (g.rfind("family", 0) == 0) {
      EXPECT_EQ(devices.size(), 1u) << g;
      EXPECT_EQ(ips.size(), 1u) << g;
    }
    if (g.rfind("campus", 0) == 0) {
      EXPECT_EQ(ips.size(), 1u) << g;
      EXPECT_EQ(devices.size(), members.size()) << g;
    }
  }
  // Copy-paste: each member posts once per round, all within the window of the round.
  std::map<std::string, std::vector<int64_t>> cp_times;
  for (const Truth* t : tiny_->Where("post", "copy_paste"))
    cp_times[t->group].push_back(tiny_->posts.at(t->id).time);
  ASSERT_EQ(cp_times.size(), static_cast<size_t>(p.copy_paste_groups));
  for (auto& [g, times] : cp_times) {
    EXPECT_EQ(times.size(), static_cast<size_t>(p.copy_paste_size * p.copy_paste_rounds));
    std::sort(times.begin(), times.end());
    int clusters = 1;
    for (size_t i = 1; i < times.size(); ++i) clusters += times[i] - times[i - 1] > p.copy_paste_window_s;
    EXPECT_LE(clusters, p.copy_paste_rounds) << g;
  }
  // Fans like their idol's posts within minutes.
  std::map<std::string, int> idol_likes;
  std::vector<int64_t> delays;
  for (const Engagement& e : tiny_->engagements)
    if (groups["fan1"].count(e.account)) ++idol_likes[tiny_->posts.at(e.target).account];
  auto idol = std::max_element(idol_likes.begin(), idol_likes.end(),
                               [](auto& a, auto& b) { return a.second < b.second; });
  ASSERT_NE(idol, idol_likes.end());
  for (const Engagement& e : tiny_->engagements)
    if (groups["fan1"].count(e.account) && tiny_->posts.at(e.target).account == idol->first)
      delays.push_back(e.time - tiny_->posts.at(e.target).time);
  EXPECT_GE(delays.size(), static_cast<size_t>(p.fans_per_group));
  // A fan who skips one of the idol's posts may still come across it later like anyone else.
  size_t prompt = std::count_if(delays.begin(), delays.end(),
                                [&](int64_t d) { return d <= p.fan_delay_max_s; });
  EXPECT_GE(prompt, delays.size() * 8 / 10);
  // News outlets publish each wire story with the same body.
  std::map<std::string, std::set<std::string>> wire_bodies;
  for (const Truth* t : tiny_->Where("post", "organic"))
    if (t->confounder == "news_wire") {
      const std::string& text = tiny_->posts.at(t->id).text;
      wire_bodies[t->group].insert(text.substr(0, text.find(" http")));
    }
  ASSERT_EQ(wire_bodies.size(), static_cast<size_t>(p.wire_stories));
  for (auto& [g, bodies] : wire_bodies) EXPECT_EQ(bodies.size(), 1u) << g;
}

TEST_F(GenerateTest, OrganicLifeHasCascadesRhythmAndHeavyTails) {
  std::map<std::string, int> depth;
  int max_depth = 0;
  std::vector<std::pair<uint64_t, std::string>> in_order;  // ids "m<n>" number posts in time order
  for (const auto& [id, post] : tiny_->posts) in_order.push_back({std::stoull(id.substr(1)), id});
  std::sort(in_order.begin(), in_order.end());
  for (const auto& [n, id] : in_order) {
    const Post& post = tiny_->posts.at(id);
    if (post.repost_of.empty()) continue;
    auto parent = depth.find(post.repost_of);
    depth[id] = (parent == depth.end() ? 0 : parent->second) + 1;
    max_depth = std::max(max_depth, depth[id]);
  }
  EXPECT_GE(max_depth, 3);
  int night = 0, evening = 0;
  std::map<std::string, int> per_account;
  for (const auto& [id, post] : tiny_->posts) {
    int hour = static_cast<int>(((post.time + 8 * 3600) / 3600) % 24);
    night += hour >= 2 && hour < 6;
    evening += hour >= 19 && hour < 23;
    ++per_account[post.account];
  }
  EXPECT_GT(evening, 4 * night);
  std::vector<int> counts;
  for (auto& [a, n] : per_account) counts.push_back(n);
  std::sort(counts.rbegin(), counts.rend());
  int top = 0, all = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    all += counts[i];
    if (i < counts.size() / 10) top += counts[i];
  }
  EXPECT_GT(top, all / 4);  // the most active tenth writes over a quarter of the posts
  // Hashtags, mentions and URLs written in the text are also in their fields.
  int tagged = 0;
  for (const auto& [id, post] : tiny_->posts) {
    for (const std::string& h : post.hashtags) {
      EXPECT_NE(post.text.find("#" + h + "#"), std::string::npos) << post.text;
      ++tagged;
    }
    for (const std::string& u : post.urls) EXPECT_NE(post.text.find(u), std::string::npos);
  }
  EXPECT_GT(tagged, 50);
}

}  // namespace
}  // namespace sluice::sim
