// Decisions, platform actions and appeals: what each applies to, the rules a reviewer cannot
// break, and how an overturn sends a case back to the queue.
#include "cases/decisions.h"

#include <gtest/gtest.h>

#include "cases/audit_log.h"
#include "cases/case_test_util.h"

namespace sluice {
namespace {

using testing::CaseIdByKey;
using testing::kT0;
using testing::ScratchDir;

DecisionRequest Req(int64_t case_id, const std::string& action) {
  DecisionRequest r;
  r.case_id = case_id;
  r.action = action;
  r.reviewer = "reviewer-1";
  r.reason = "the evidence shows it";
  r.basis = "Cybersecurity Law art. 47";
  r.decided_at = kT0 + 3600;
  return r;
}

std::vector<std::string> TargetIds(const DecisionRecord& d) {
  std::vector<std::string> out;
  for (const TargetRecord& t : d.targets) out.push_back(t.subject + ":" + t.subject_id);
  return out;
}

class DecisionsTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::OpenSmallStore(dir_, &store_); }
  void TearDown() override {
    Result<AuditVerdict> v = VerifyAudit(store_.db(), {});
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v.value().ok) << v.value().problem;
  }
  ScratchDir dir_;
  CaseStore store_;
};

TEST_F(DecisionsTest, SuspendingAGroupActsOnEveryMemberAndClosesTheCase) {
  int64_t g1 = CaseIdByKey(&store_, "water_army:group:g1");
  Result<DecisionRecord> d = Decide(&store_, Req(g1, "suspend_account"), kT0 + 3601);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(TargetIds(d.value()), (std::vector<std::string>{"account:u2", "account:u4", "account:u5"}));
  EXPECT_EQ(d.value().targets[0].platform, "weibo");
  Result<std::optional<CaseRecord>> c = store_.FindCase(g1);
  ASSERT_TRUE(c.ok() && c.value());
  EXPECT_EQ(c.value()->status, "closed");
  EXPECT_EQ(c.value()->closed_at, kT0 + 3600);
  Result<std::optional<DecisionRecord>> back = store_.FindDecision(d.value().id);
  ASSERT_TRUE(back.ok() && back.value());
  EXPECT_EQ(back.value()->reviewer, "reviewer-1");
  EXPECT_EQ(back.value()->basis, "Cybersecurity Law art. 47");
  EXPECT_EQ(back.value()->status, "in_force");
  EXPECT_EQ(back.value()->targets.size(), 3u);
}

TEST_F(DecisionsTest, ActionsReachWhatTheyCanActOn) {
  int64_t c1 = CaseIdByKey(&store_, "rumor:claim:c1");
  // On a rumor case, suspending reaches the posts' authors; removing reaches the posts.
  Result<DecisionRecord> s = Decide(&store_, Req(c1, "suspend_account"), kT0);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(TargetIds(s.value()), (std::vector<std::string>{"account:u1", "account:u2", "account:u3"}));
  DecisionRequest some = Req(c1, "remove_post");
  some.subjects = {{SubjectKind::kPost, "p3"}, {SubjectKind::kPost, "p1"}, {SubjectKind::kPost, "p3"}};
  Result<DecisionRecord> r = Decide(&store_, some, kT0);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(TargetIds(r.value()), (std::vector<std::string>{"post:p1", "post:p3"}));
  EXPECT_EQ(r.value().targets[1].platform, "douyin");
  int64_t page = CaseIdByKey(&store_, "spam:page:x.txt");
  Result<DecisionRecord> p = Decide(&store_, Req(page, "remove_post"), kT0);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(TargetIds(p.value()), std::vector<std::string>{"page:x.txt"});
}

TEST_F(DecisionsTest, RulesAReviewerCannotBreak) {
  int64_t g1 = CaseIdByKey(&store_, "water_army:group:g1");
  int64_t c1 = CaseIdByKey(&store_, "rumor:claim:c1");
  struct Case {
    DecisionRequest req;
    std::string message;
  };
  std::vector<Case> cases;
  auto add = [&](DecisionRequest r, std::string m) { cases.push_back(Case{std::move(r), std::move(m)}); };
  DecisionRequest r = Req(g1, "ban");
  add(r, "action 'ban' is not one of");
  r = Req(g1, "suspend_account");
  r.reviewer = " ";
  add(r, "the reviewer is required");
  r = Req(g1, "suspend_account");
  r.basis = "";
  add(r, "the policy or legal basis is required");
  r = Req(g1, "suspend_account");
  r.reason = "";
  add(r, "the reason is required");
  r = Req(g1, "remove_post");
  add(r, "has nothing remove_post can apply to (no post or page)");
  r = Req(g1, "dismiss");
  r.platform = "weibo";
  add(r, "a dismissal asks no platform to act");
  r = Req(g1, "dismiss");
  r.subjects = {{SubjectKind::kAccount, "u2"}};
  add(r, "a dismissal applies to the whole case");
  r = Req(g1, "limit");
  r.subjects = {{SubjectKind::kAccount, "u1"}};
  add(r, "account 'u1' is not something limit can apply to in case");
  r = Req(c1, "remove_post");
  r.subjects = {{SubjectKind::kPost, "p4"}};
  add(r, "post 'p4' is not something remove_post can apply to");
  r = Req(g1, "limit");
  r.platform_acted_at = kT0;
  add(r, "a platform action time needs the platform");
  r = Req(g1, "limit");
  r.platform = "weibo";
  r.platform_acted_at = r.decided_at - 1;
  add(r, "the platform cannot act before the decision");
  r = Req(g1, "limit");
  r.reason = "\xff\xfe";
  add(r, "the reason is not valid UTF-8");
  for (const Case& c : cases) {
    Result<DecisionRecord> d = Decide(&store_, c.req, kT0);
    ASSERT_FALSE(d.ok()) << c.message;
    EXPECT_EQ(d.status().code(), Status::Code::kInvalidInput);
    EXPECT_NE(d.status().message().find(c.message), std::string::npos) << d.status().message();
  }
  Result<DecisionRecord> missing = Decide(&store_, Req(999, "limit"), kT0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("no case 999"), std::string::npos);
  Result<std::vector<DecisionRecord>> none = store_.Decisions(0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none.value().empty());
}

TEST_F(DecisionsTest, PlatformActionIsRecordedOnce) {
  int64_t u9 = CaseIdByKey(&store_, "water_army:account:u9");
  DecisionRequest r = Req(u9, "limit");
  r.platform = "douyin";
  Result<DecisionRecord> d = Decide(&store_, r, kT0);
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d.value().platform_acted_at.has_value());
  Result<DecisionRecord> early = RecordPlatformAction(&store_, d.value().id, r.decided_at - 5, "liaison", kT0);
  ASSERT_FALSE(early.ok());
  Result<DecisionRecord> acted = RecordPlatformAction(&store_, d.value().id, r.decided_at + 7200, "liaison", kT0);
  ASSERT_TRUE(acted.ok()) << acted.status().message();
  EXPECT_EQ(acted.value().platform_acted_at, r.decided_at + 7200);
  Result<DecisionRecord> twice = RecordPlatformAction(&store_, d.value().id, r.decided_at + 9000, "liaison", kT0);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("already recorded"), std::string::npos);
  int64_t g1 = CaseIdByKey(&store_, "water_army:group:g1");
  Result<DecisionRecord> no_platform = Decide(&store_, Req(g1, "limit"), kT0);
  ASSERT_TRUE(no_platform.ok());
  Result<DecisionRecord> nowhere = RecordPlatformAction(&store_, no_platform.value().id, kT0 + 9999, "liaison", kT0);
  ASSERT_FALSE(nowhere.ok());
  EXPECT_NE(nowhere.status().message().find("names no platform"), std::string::npos);
}

TEST_F(DecisionsTest, AppealUpheldKeepsTheDecision) {
  int64_t g1 = CaseIdByKey(&store_, "water_army:group:g1");
  Result<DecisionRecord> d = Decide(&store_, Req(g1, "suspend_account"), kT0);
  ASSERT_TRUE(d.ok());
  Result<AppealRecord> a = FileAppeal(&store_, {d.value().id, "u4", "I am a real person", kT0 + 7200}, kT0);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a.value().status, "filed");
  Result<AppealRecord> second = FileAppeal(&store_, {d.value().id, "u5", "me too", kT0 + 7300}, kT0);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("already has a pending appeal"), std::string::npos);
  Result<AppealRecord> up = ResolveAppeal(&store_, {a.value().id, "upheld", "senior-2", "timing evidence stands", kT0 + 9000}, kT0);
  ASSERT_TRUE(up.ok()) << up.status().message();
  EXPECT_EQ(up.value().status, "upheld");
  EXPECT_EQ(up.value().resolved_by, "senior-2");
  Result<AppealRecord> again = ResolveAppeal(&store_, {a.value().id, "overturned", "senior-3", "x", kT0 + 9100}, kT0);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("was already upheld"), std::string::npos);
  Result<std::optional<DecisionRecord>> back = store_.FindDecision(d.value().id);
  ASSERT_TRUE(back.ok() && back.value());
  EXPECT_EQ(back.value()->status, "in_force");
  ASSERT_EQ(back.value()->appeals.size(), 1u);
  Result<std::optional<CaseRecord>> c = store_.FindCase(g1);
  EXPECT_EQ(c.value()->status, "closed");
}

TEST_F(DecisionsTest, AppealOverturnedSetsTheDecisionAsideAndReopensTheCase) {
  int64_t p7 = CaseIdByKey(&store_, "spam:account:u7");
  Result<DecisionRecord> d = Decide(&store_, Req(p7, "remove_post"), kT0);
  ASSERT_TRUE(d.ok());
  Result<AppealRecord> a = FileAppeal(&store_, {d.value().id, "u7", "it was my own shop's link list", kT0 + 7200}, kT0);
  ASSERT_TRUE(a.ok());
  Result<AppealRecord> over = ResolveAppeal(&store_, {a.value().id, "overturned", "senior-2", "a shop, not a farm", kT0 + 9000}, kT0);
  ASSERT_TRUE(over.ok()) << over.status().message();
  Result<std::optional<DecisionRecord>> back = store_.FindDecision(d.value().id);
  EXPECT_EQ(back.value()->status, "overturned");
  Result<std::optional<CaseRecord>> c = store_.FindCase(p7);
  EXPECT_EQ(c.value()->status, "open");
  EXPECT_FALSE(c.value()->closed_at.has_value());
  Result<AppealRecord> late = FileAppeal(&store_, {d.value().id, "u7", "again", kT0 + 9999}, kT0);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("no longer in force"), std::string::npos);
}

TEST_F(DecisionsTest, OverturningOneOfTwoDecisionsKeepsTheCaseClosed) {
  int64_t c1 = CaseIdByKey(&store_, "rumor:claim:c1");
  Result<DecisionRecord> remove = Decide(&store_, Req(c1, "remove_post"), kT0);
  Result<DecisionRecord> limit = Decide(&store_, Req(c1, "limit"), kT0);
  ASSERT_TRUE(remove.ok() && limit.ok());
  Result<AppealRecord> a = FileAppeal(&store_, {limit.value().id, "u3", "I only quoted it", kT0 + 4000}, kT0);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(ResolveAppeal(&store_, {a.value().id, "overturned", "senior", "quoted", kT0 + 5000}, kT0).ok());
  EXPECT_EQ(store_.FindCase(c1).value()->status, "closed");
}

TEST_F(DecisionsTest, DismissalsCannotBeAppealed) {
  int64_t page = CaseIdByKey(&store_, "spam:page:x.txt");
  Result<DecisionRecord> d = Decide(&store_, Req(page, "dismiss"), kT0);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.value().targets.empty());
  Result<AppealRecord> a = FileAppeal(&store_, {d.value().id, "someone", "why", kT0 + 7200}, kT0);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("nothing to appeal"), std::string::npos);
  Result<AppealRecord> missing = FileAppeal(&store_, {77, "someone", "why", kT0}, kT0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  Result<AppealRecord> bad = ResolveAppeal(&store_, {1, "maybe", "r", "x", kT0}, kT0);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("upheld or overturned"), std::string::npos);
}

}  // namespace
}  // namespace sluice
