// The campaign's figures from a known history over the small findings file (see
// tests/data/cases/README.md): every count below follows from the decisions made here.
#include "cases/case_summary.h"

#include <gtest/gtest.h>

#include "cases/case_test_util.h"
#include "cases/decisions.h"

namespace sluice {
namespace {

using testing::CaseIdByKey;
using testing::kT0;
using testing::ScratchDir;

class CaseSummaryTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::OpenSmallStore(dir_, &store_); }

  int64_t DecideOn(const std::string& key, const std::string& action, const std::string& platform,
                   UnixSeconds at) {
    DecisionRequest r;
    r.case_id = CaseIdByKey(&store_, key);
    r.action = action;
    r.reviewer = "reviewer";
    r.reason = "evidence";
    r.basis = "rule";
    r.platform = platform;
    r.decided_at = at;
    Result<DecisionRecord> d = Decide(&store_, r, at);
    EXPECT_TRUE(d.ok()) << key << ": " << d.status().message();
    return d.ok() ? d.value().id : 0;
  }

  ScratchDir dir_;
  CaseStore store_;
};

TEST_F(CaseSummaryTest, EmptyHistoryCountsOpenCasesOnly) {
  Result<CaseSummary> s = Summarize(&store_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s.value().total.cases, 6u);
  EXPECT_EQ(s.value().total.open, 6u);
  EXPECT_EQ(s.value().total.accounts_actioned, 0u);
  EXPECT_EQ(s.value().by_category.at("water_army").cases, 3u);
  EXPECT_EQ(s.value().by_category.at("spam").cases, 2u);
  EXPECT_EQ(s.value().by_category.at("rumor").cases, 1u);
  EXPECT_TRUE(s.value().platforms.empty());
}

TEST_F(CaseSummaryTest, CountsFollowTheDecisions) {
  int64_t g1 = DecideOn("water_army:group:g1", "suspend_account", "weibo", kT0 + 100);
  DecideOn("water_army:account:u9", "limit", "douyin", kT0 + 100);
  int64_t c1 = DecideOn("rumor:claim:c1", "remove_post", "weibo", kT0 + 200);
  DecideOn("spam:page:x.txt", "dismiss", "", kT0 + 300);
  int64_t p7 = DecideOn("spam:account:u7", "remove_post", "weibo", kT0 + 300);
  // u2 is suspended in g1 and limited through the claim's authors: still one account.
  DecideOn("rumor:claim:c1", "limit", "", kT0 + 400);
  ASSERT_TRUE(RecordPlatformAction(&store_, g1, kT0 + 100 + 3600, "liaison", kT0).ok());
  ASSERT_TRUE(RecordPlatformAction(&store_, c1, kT0 + 200 + 600, "liaison", kT0).ok());
  Result<AppealRecord> a = FileAppeal(&store_, {p7, "u7", "my shop", kT0 + 500}, kT0);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(ResolveAppeal(&store_, {a.value().id, "overturned", "senior", "a shop", kT0 + 600}, kT0).ok());

  Result<CaseSummary> r = Summarize(&store_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const CaseSummary& s = r.value();
  EXPECT_EQ(s.total.cases, 6u);
  EXPECT_EQ(s.total.closed, 4u);  // g1, u9, c1, x.txt; u7 reopened by the overturn
  EXPECT_EQ(s.total.open, 2u);    // n1 and u7
  EXPECT_EQ(s.total.dismissed, 1u);
  // u2 u4 u5 (suspended), u9 (limited), u1 u2 u3 (limited as the claim's authors).
  EXPECT_EQ(s.total.accounts_actioned, 6u);
  EXPECT_EQ(s.total.accounts_suspended, 3u);
  EXPECT_EQ(s.total.accounts_limited, 4u);
  EXPECT_EQ(s.total.posts_removed, 3u);  // p1 p2 p3; p7's removal was overturned
  EXPECT_EQ(s.decisions, 6u);
  EXPECT_EQ(s.decisions_in_force, 5u);

  const CaseTally& wa = s.by_category.at("water_army");
  EXPECT_EQ(wa.cases, 3u);
  EXPECT_EQ(wa.closed, 2u);
  EXPECT_EQ(wa.accounts_actioned, 4u);
  const CaseTally& rumor = s.by_category.at("rumor");
  EXPECT_EQ(rumor.posts_removed, 3u);
  EXPECT_EQ(rumor.accounts_actioned, 3u);
  const CaseTally& spam = s.by_category.at("spam");
  EXPECT_EQ(spam.cases, 2u);
  EXPECT_EQ(spam.dismissed, 1u);
  EXPECT_EQ(spam.posts_removed, 0u);

  EXPECT_EQ(s.by_tactic.at("lockstep").accounts_suspended, 3u);
  EXPECT_EQ(s.by_tactic.at("device_farm").accounts_limited, 1u);
  EXPECT_EQ(s.by_tactic.at("copy_paste").cases, 1u);
  EXPECT_EQ(s.by_tactic.at("none").cases, 3u);  // the claim and both spam cases

  // Cases count under each platform their items come from: c1 has weibo and douyin posts.
  EXPECT_EQ(s.by_platform.at("weibo").cases, 4u);   // n1, c1, u7, g1
  EXPECT_EQ(s.by_platform.at("douyin").cases, 2u);  // c1, u9
  EXPECT_EQ(s.by_platform.at("unknown").cases, 1u); // x.txt
  EXPECT_EQ(s.by_platform.at("douyin").posts_removed, 1u);  // p3
  EXPECT_EQ(s.by_platform.at("douyin").accounts_actioned, 2u);  // u9, u3

  EXPECT_EQ(s.appeals.filed, 1u);
  EXPECT_EQ(s.appeals.overturned, 1u);
  EXPECT_EQ(s.appeals.pending, 0u);

  const PlatformRecord& weibo = s.platforms.at("weibo");
  EXPECT_EQ(weibo.notices, 3u);
  EXPECT_EQ(weibo.acted, 2u);
  EXPECT_EQ(weibo.pending, 0u);
  EXPECT_EQ(weibo.withdrawn, 1u);  // p7's removal, overturned before weibo acted
  EXPECT_DOUBLE_EQ(weibo.latency_median, (3600 + 600) / 2.0);
  EXPECT_DOUBLE_EQ(weibo.latency_mean, (3600 + 600) / 2.0);
  EXPECT_EQ(weibo.latency_max, 3600);
  const PlatformRecord& douyin = s.platforms.at("douyin");
  EXPECT_EQ(douyin.notices, 1u);
  EXPECT_EQ(douyin.pending, 1u);
  EXPECT_EQ(douyin.pending_items, 1u);
  EXPECT_EQ(douyin.acted, 0u);

  std::string json = SummaryJson(s);
  EXPECT_EQ(json, SummaryJson(Summarize(&store_).value()));
  EXPECT_EQ(json.substr(0, 40), "{\"total\":{\"cases\":6,\"open\":2,\"closed\":4,");
  EXPECT_NE(json.find("\"weibo\":{\"notices\":3,\"acted\":2,\"pending\":0,\"pending_items\":0,\"withdrawn\":1,"
                      "\"latency_seconds\":{\"median\":2100,\"mean\":2100,\"max\":3600}}"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace sluice
