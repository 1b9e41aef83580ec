#include "narr/narratives.h"

#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "ingest/record_parser.h"
#include "narr/narr_output.h"
#include "world/world_builder.h"

namespace sluice::narr {
namespace {

std::string Q(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

class Maker {
 public:
  Maker& Line(const std::string& json) {
    Record r;
    Rejection why;
    if (!parser_.Parse(json, 0, &r, &why)) ADD_FAILURE() << why.detail << " in " << json;
    else if (!builder_.Add(r, &why)) ADD_FAILURE() << why.detail << " in " << json;
    return *this;
  }
  Maker& Account(const std::string& id, bool verified = false) {
    return Line(fmt::format(R"({{"type":"account","id":{},"platform":"t","created_at":1600000000,"verified":{}}})", Q(id),
                            verified ? "true" : "false"));
  }
  Maker& Post(const std::string& id, const std::string& account, int64_t time,
              const std::string& text, const std::string& repost_of = "") {
    std::string s = fmt::format(R"({{"type":"post","id":{},"account":{},"time":{},"text":{})",
                                Q(id), Q(account), time, Q(text));
    if (!repost_of.empty()) s += ",\"repost_of\":" + Q(repost_of);
    return Line(s + "}");
  }
  World Build() { return builder_.Finalize(nullptr); }

 private:
  RecordParser parser_;
  WorldBuilder builder_{"salt"};
};

const std::string kCampaign = "支持国产品牌华星手机，性价比超高，拍照清晰续航持久，大家赶紧入手吧";
const std::string kWire = "本报讯：市气象台今日发布暴雨黄色预警，预计未来六小时内将有强降雨";
const int64_t T0 = 1714521600;

World CampaignWorld() {
  Maker m;
  for (int i = 0; i < 8; ++i) m.Account(fmt::format("cp{}", i));
  for (int i = 0; i < 6; ++i) m.Account(fmt::format("news{}", i), true);
  for (int i = 0; i < 30; ++i) m.Account(fmt::format("u{}", i));
  // An organic narrative: the same rumor, reposted in a chain, by a few accounts over days.
  m.Post("r1", "u1", T0, "听说明天地铁二号线要停运一整天，因为隧道发现裂缝，大家提前安排出行");
  m.Post("r2", "u2", T0 + 86400, "听说明天地铁二号线要停运一整天，因为隧道发现裂缝！大家提前安排出行吧");
  m.Post("r3", "u3", T0 + 2 * 86400, "听说明天地铁二号线要停运一整天，因为隧道发现裂缝，提前安排出行");
  m.Post("rp1", "u4", T0 + 100, "转发", "r1");
  m.Post("rp2", "u5", T0 + 200, "//@u4: 转发", "rp1");
  m.Post("rp3", "u6", T0 + 300, "真的吗", "rp1");
  m.Post("rp4", "u7", T0 + 400, "转", "rp2");
  // A copy-paste campaign: eight accounts, near-identical text, within twenty minutes.
  const char* pre[] = {"", "真心推荐：", "", "朋友们！", "", "", "分享一下：", ""};
  const char* post[] = {"", "[赞]", "！！", "", "👍", "。", "", "#好物#"};
  for (int i = 0; i < 8; ++i)
    m.Post(fmt::format("cp_post{}", i), fmt::format("cp{}", i), T0 + 3600 * 10 + 150 * i,
           std::string(pre[i]) + kCampaign + post[i]);
  // The same campaign text once more, days later, by an ordinary account: not in the window.
  m.Post("late", "u9", T0 + 5 * 86400, kCampaign);
  // A news wire: verified outlets publish the same story within the hour.
  for (int i = 0; i < 6; ++i)
    m.Post(fmt::format("wire{}", i), fmt::format("news{}", i), T0 + 3600 * 20 + 300 * i,
           kWire + fmt::format(" https://news{}.example/a.html", i));
  // Everyday posts from one template, hours apart: similar, but no campaign.
  // (They vary in their openers and closers, not in a figure or a name inside the text: texts with
  // other figures or names in one place are other stories.)
  const char* openers[] = {"", "哈哈，", "唉，", "打卡："};
  const char* closers[] = {"", "，下次还来", "，就是有点贵"};
  for (int i = 10; i < 30; ++i)
    m.Post(fmt::format("o{}", i), fmt::format("u{}", i), T0 + 7200 * i,
           fmt::format("{}今天中午去食堂吃饭，点了一份红烧肉，味道还不错{}", openers[i % 4], closers[i % 3]));
  return m.Build();
}

TEST(NarrativesTest, CopyPasteCampaignIsFoundAndWireAndLateCopyAreNot) {
  World w = CampaignWorld();
  NarrConfig c;
  NarrResult r = FindNarratives(w, c, NarrInputs{});
  std::vector<std::string> flagged;
  for (const CopyPasteFinding& f : r.copy_paste) flagged.push_back(std::string(w.posts.ids.Get(f.post)));
  std::vector<std::string> want;
  for (int i = 0; i < 8; ++i) want.push_back(fmt::format("cp_post{}", i));
  EXPECT_EQ(flagged, want);
  ASSERT_FALSE(r.copy_paste.empty());
  const NarrCluster& cl = r.clusters[r.copy_paste[0].cluster];
  EXPECT_TRUE(cl.copy_paste);
  EXPECT_EQ(cl.posts, 9u);  // the late copy is in the narrative, but not in the campaign
  EXPECT_EQ(cl.cascade.seeders[0].account, w.accounts.ids.Find("cp0"));
  std::string findings = CopyPasteFindingsJsonl(w, r, c);
  EXPECT_NE(findings.find("\"name\":\"narrative.copy_paste_cluster\""), std::string::npos);
  EXPECT_NE(findings.find("\"cluster\":\"" + cl.id + "\""), std::string::npos);
}

TEST(NarrativesTest, WithWaterArmyFindingsOnlyTheirPostsAreFlagged) {
  World w = CampaignWorld();
  NarrInputs in;
  in.suspicious.assign(w.accounts.size(), 0);
  for (int i = 0; i < 8; i += 2) in.suspicious[w.accounts.ids.Find(fmt::format("cp{}", i))] = 1;
  NarrResult r = FindNarratives(w, NarrConfig{}, in);
  std::vector<std::string> flagged;
  for (const CopyPasteFinding& f : r.copy_paste) flagged.push_back(std::string(w.posts.ids.Get(f.post)));
  EXPECT_EQ(flagged, (std::vector<std::string>{"cp_post0", "cp_post2", "cp_post4", "cp_post6"}));
  NarrConfig text_only;
  text_only.copy_paste_require_suspicious = false;
  EXPECT_EQ(FindNarratives(w, text_only, in).copy_paste.size(), 8u);
}

TEST(NarrativesTest, RepostsJoinTheirSourceAndSeedersAreEarliest) {
  World w = CampaignWorld();
  NarrResult r = FindNarratives(w, NarrConfig{}, NarrInputs{});
  const NarrCluster* rumor = nullptr;
  for (const NarrCluster& cl : r.clusters)
    for (PostId p : cl.sample)
      if (w.posts.ids.Get(p) == "r1") rumor = &cl;
  ASSERT_NE(rumor, nullptr);
  EXPECT_EQ(rumor->posts, 7u);
  EXPECT_EQ(rumor->originals, 3u);
  EXPECT_FALSE(rumor->copy_paste);
  ASSERT_EQ(rumor->cascade.seeders.size(), 3u);
  EXPECT_EQ(w.accounts.ids.Get(rumor->cascade.seeders[0].account), "u1");
  EXPECT_EQ(w.accounts.ids.Get(rumor->cascade.seeders[1].account), "u2");
  ASSERT_FALSE(rumor->cascade.amplifiers.empty());
  EXPECT_EQ(w.accounts.ids.Get(rumor->cascade.amplifiers[0].account), "u4");
  EXPECT_EQ(rumor->cascade.amplifiers[0].downstream, 3u);
  EXPECT_EQ(rumor->cascade.depth, 3u);
  EXPECT_EQ(rumor->cascade.reposts, 4u);
}

TEST(NarrativesTest, OutputIsDeterministicAndFollowsTheContract) {
  World w = CampaignWorld();
  NarrInputs in;
  in.suspicious.assign(w.accounts.size(), 0);
  for (int i = 0; i < 8; ++i) in.suspicious[w.accounts.ids.Find(fmt::format("cp{}", i))] = 1;
  std::string a = ClustersJsonl(w, FindNarratives(w, NarrConfig{}, in));
  std::string b = ClustersJsonl(w, FindNarratives(w, NarrConfig{}, in));
  EXPECT_EQ(a, b);
  std::string first = a.substr(0, a.find('\n'));
  for (const char* key : {"{\"id\":\"n0000", ",\"rank\":1,", ",\"posts\":", ",\"accounts\":", ",\"text\":",
                          ",\"first_seen\":", ",\"last_seen\":", ",\"burst\":{\"score\":",
                          "\"method\":\"hourly_zscore\"", ",\"reach\":{\"reposts\":",
                          ",\"suspicious_share\":", ",\"copy_paste\":", ",\"seeders\":[",
                          ",\"amplifiers\":[", ",\"cascade\":{\"reposts\":", "\"structural_virality\":",
                          "\"t10_s\":", ",\"timeline\":[[", ",\"sample\":["})
    EXPECT_NE(first.find(key), std::string::npos) << key << " in " << first;
}

TEST(NarrativesTest, SuspiciousAccountsRaiseTheRank) {
  World w = CampaignWorld();
  auto campaign = [&](const NarrResult& r) {
    for (const NarrCluster& c : r.clusters)
      if (c.copy_paste) return c;
    ADD_FAILURE() << "no campaign";
    return NarrCluster{};
  };
  NarrCluster plain = campaign(FindNarratives(w, NarrConfig{}, NarrInputs{}));
  NarrInputs in;
  in.suspicious.assign(w.accounts.size(), 0);
  for (int i = 0; i < 8; ++i) in.suspicious[w.accounts.ids.Find(fmt::format("cp{}", i))] = 1;
  NarrCluster flagged = campaign(FindNarratives(w, NarrConfig{}, in));
  EXPECT_NEAR(flagged.suspicious_share, 8.0 / 9.0, 1e-12);
  EXPECT_EQ(plain.suspicious_share, 0);
  EXPECT_NEAR(flagged.priority - plain.priority, NarrConfig{}.w_suspicious * 8.0 / 9.0, 1e-9);
  EXPECT_LT(flagged.rank, plain.rank);
  EXPECT_EQ(flagged.rank, 1u);
}

// Two rumors rendered from one template (another city, other figures), each started by its own
// account and then copied and reposted by others; claim B starts a day after claim A.
World TemplateRumorWorld(const char* a = "佛山自来水厂被人投毒，8小时内千万不要喝自来水，已有788人送进ICU",
                         const char* b = "贵阳自来水厂被人投毒，48小时内千万不要喝自来水，已有347人送进ICU") {
  Maker m;
  for (int i = 0; i < 20; ++i) m.Account(fmt::format("u{}", i));
  const char* texts[2] = {a, b};
  const char* wraps[3][2] = {{"", ""}, {"转给家人：", "，千万要注意"}, {"听说", "，细思极恐"}};
  for (int claim = 0; claim < 2; ++claim) {
    int64_t t = T0 + claim * 86400;
    for (int k = 0; k < 4; ++k) {
      std::string id = fmt::format("c{}p{}", claim, k);
      m.Post(id, fmt::format("u{}", claim * 10 + k), t + k * 3600,
             std::string(wraps[k % 3][0]) + texts[claim] + wraps[k % 3][1]);
      m.Post(id + "r", fmt::format("u{}", claim * 10 + 5 + k), t + k * 3600 + 60, "转发", id);
    }
  }
  return m.Build();
}

TEST(NarrativesTest, EachTemplateRumorIsItsOwnNarrativeWithItsOwnOriginatorFirst) {
  World w = TemplateRumorWorld();
  auto first_seeder_of = [&](const NarrResult& r, const std::string& post) -> std::string {
    for (const NarrCluster& cl : r.clusters)
      for (PostId p : cl.sample)
        if (w.posts.ids.Get(p) == post) return std::string(w.accounts.ids.Get(cl.cascade.seeders[0].account));
    return "";
  };
  NarrResult r = FindNarratives(w, NarrConfig{}, NarrInputs{});
  ASSERT_EQ(r.clusters.size(), 2u);
  EXPECT_EQ(first_seeder_of(r, "c0p3"), "u0");
  EXPECT_EQ(first_seeder_of(r, "c1p3"), "u10");
  for (const NarrCluster& cl : r.clusters) EXPECT_EQ(cl.posts, 8u);
  // On text alone the two are one narrative, and claim B's originator is not first.
  NarrConfig text_only;
  text_only.split_on_figures = false;
  NarrResult merged = FindNarratives(w, text_only, NarrInputs{});
  ASSERT_EQ(merged.clusters.size(), 1u);
  EXPECT_EQ(merged.clusters[0].posts, 16u);
  EXPECT_EQ(w.accounts.ids.Get(merged.clusters[0].cascade.seeders[0].account), "u0");
}

TEST(NarrativesTest, TemplateRumorsWithTheSameFiguresAreSplitByTheirNames) {
  World w = TemplateRumorWorld(
      "紧急扩散：昆明某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人",
      "紧急扩散：烟台某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人");
  NarrResult r = FindNarratives(w, NarrConfig{}, NarrInputs{});
  ASSERT_EQ(r.clusters.size(), 2u);
  EXPECT_GT(r.stats.name_refused_pairs, 0u);
  for (const NarrCluster& cl : r.clusters) {
    EXPECT_EQ(cl.posts, 8u);
    std::string first(w.accounts.ids.Get(cl.cascade.seeders[0].account));
    EXPECT_TRUE(first == "u0" || first == "u10") << first;
  }
  EXPECT_NE(r.clusters[0].cascade.seeders[0].account, r.clusters[1].cascade.seeders[0].account);
  NarrConfig no_names;
  no_names.split_on_names = false;
  ASSERT_EQ(FindNarratives(w, no_names, NarrInputs{}).clusters.size(), 1u);
}

}  // namespace
}  // namespace sluice::narr
