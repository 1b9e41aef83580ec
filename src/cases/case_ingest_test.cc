// Ingest: findings become cases under stable keys; a re-ingest merges instead of duplicating; a
// bad file changes nothing; cases are graded by reach, coordination and harm.
#include "cases/case_ingest.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "cases/audit_log.h"
#include "cases/case_export.h"
#include "cases/case_test_util.h"
#include "cases/decisions.h"
#include "cases/severity.h"

namespace sluice {
namespace {

using testing::CaseIdByKey;
using testing::IngestFile;
using testing::kT0;
using testing::ReadFile;
using testing::ScratchDir;
using testing::SmallFindingsPath;
using testing::WriteFile;

int64_t Count(CaseStore* store, const std::string& sql) {
  Result<SqliteStmt> q = store->db()->Prepare(sql);
  EXPECT_TRUE(q.ok());
  Status st;
  q.value().Step(&st);
  return q.value().Int(0);
}

TEST(CaseIngestTest, OpensOneCasePerKey) {
  ScratchDir dir;
  CaseStore store;
  ASSERT_TRUE(store.Open(dir.Path("cases.db"), true).ok());
  Result<IngestReport> r = IngestFile(&store, SmallFindingsPath(), kT0);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value().findings, 11u);
  EXPECT_EQ(r.value().organic, 1u);
  EXPECT_EQ(r.value().cases_opened, 6u);
  EXPECT_EQ(r.value().items_added, 11u);
  Result<std::vector<CaseRecord>> all = store.AllCases();
  ASSERT_TRUE(all.ok());
  std::vector<std::string> keys, categories;
  for (const CaseRecord& c : all.value()) {
    keys.push_back(c.key);
    categories.push_back(c.category);
    EXPECT_EQ(c.status, "open");
    EXPECT_EQ(c.opened_at, kT0);
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"copy_paste:group:n1", "rumor:claim:c1", "spam:account:u7",
                                            "spam:page:x.txt", "water_army:account:u9",
                                            "water_army:group:g1"}));
  EXPECT_EQ(categories, (std::vector<std::string>{"water_army", "rumor", "spam", "spam", "water_army",
                                                  "water_army"}));
  Result<std::optional<CaseRecord>> g1 = store.FindCaseByKey("water_army:group:g1");
  ASSERT_TRUE(g1.ok() && g1.value());
  EXPECT_EQ(g1.value()->items, 3);
  EXPECT_EQ(g1.value()->tactic, "lockstep");
  EXPECT_EQ(g1.value()->group, "g1");
  EXPECT_EQ(g1.value()->reach.accounts, 40u + 35 + 12);
  EXPECT_DOUBLE_EQ(g1.value()->coordination, 1.0);
  // Of the claim's three posts only p2 came from a coordinated account (u2, in g1).
  Result<std::optional<CaseRecord>> c1 = store.FindCaseByKey("rumor:claim:c1");
  ASSERT_TRUE(c1.ok() && c1.value());
  EXPECT_EQ(c1.value()->claim, "c1");
  EXPECT_NEAR(c1.value()->coordination, 1.0 / 3, 1e-12);
  EXPECT_EQ(c1.value()->reach.reposts, 123u);
}

TEST(CaseIngestTest, SameInputTwiceOpensNoDuplicate) {
  ScratchDir dir;
  CaseStore store;
  testing::OpenSmallStore(dir, &store);
  ASSERT_TRUE(ExportStore(&store, ExportFormat::kJsonl, ExportTable::kCases, dir.Path("a.jsonl")).ok());
  int64_t entries = Count(&store, "SELECT count(*) FROM audit");
  Result<IngestReport> again = IngestFile(&store, SmallFindingsPath(), kT0 + 86400);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().cases_opened, 0u);
  EXPECT_EQ(again.value().cases_updated, 0u);
  EXPECT_EQ(again.value().items_added, 0u);
  EXPECT_EQ(again.value().items_unchanged, 11u);
  EXPECT_EQ(Count(&store, "SELECT count(*) FROM cases"), 6);
  EXPECT_EQ(Count(&store, "SELECT count(*) FROM items"), 11);
  // Only the record of the run itself is added to the log.
  EXPECT_EQ(Count(&store, "SELECT count(*) FROM audit"), entries + 1);
  ASSERT_TRUE(ExportStore(&store, ExportFormat::kJsonl, ExportTable::kCases, dir.Path("b.jsonl")).ok());
  EXPECT_EQ(ReadFile(dir.Path("a.jsonl")), ReadFile(dir.Path("b.jsonl")));
}

TEST(CaseIngestTest, NewFindingsMergeIntoTheirCaseAndReopenIt) {
  ScratchDir dir;
  CaseStore store;
  testing::OpenSmallStore(dir, &store);
  int64_t c1 = CaseIdByKey(&store, "rumor:claim:c1");
  DecisionRequest req;
  req.case_id = c1;
  req.action = "remove_post";
  req.reviewer = "r1";
  req.reason = "spreads c1";
  req.basis = "rule 12";
  req.decided_at = kT0 + 100;
  ASSERT_TRUE(Decide(&store, req, kT0 + 100).ok());

  WriteFile(dir.Path("more.jsonl"),
            R"({"subject":"post","id":"p8","label":"rumor","score":6,"claim":"c1","account":"u8","signals":[{"name":"rumor.claim_match","weight":6,"evidence":{}}]})" "\n"
            R"({"subject":"post","id":"p3","label":"rumor","score":6,"claim":"c1","platform":"douyin","account":"u3","reach":{"accounts":10,"reposts":0,"engagement":4},"signals":[{"name":"rumor.claim_match","weight":6,"evidence":{"claim":"c1"}}]})" "\n");
  Result<IngestReport> r = IngestFile(&store, dir.Path("more.jsonl"), kT0 + 200);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value().cases_opened, 0u);
  EXPECT_EQ(r.value().cases_updated, 1u);
  EXPECT_EQ(r.value().cases_reopened, 1u);
  EXPECT_EQ(r.value().items_added, 1u);
  EXPECT_EQ(r.value().items_changed, 1u);  // p3 now matched on the character channel
  Result<std::optional<CaseRecord>> c = store.FindCase(c1);
  ASSERT_TRUE(c.ok() && c.value());
  EXPECT_EQ(c.value()->items, 4);
  EXPECT_EQ(c.value()->status, "open");
  EXPECT_FALSE(c.value()->closed_at.has_value());
  EXPECT_EQ(c.value()->opened_at, kT0);
  Result<std::vector<ItemRecord>> items = store.Items(c1);
  ASSERT_TRUE(items.ok());
  for (const ItemRecord& it : items.value()) {
    if (it.subject_id == "p3") {
      EXPECT_EQ(it.score, 6);
      EXPECT_EQ(it.added_at, kT0);  // changed, not re-added
    }
    if (it.subject_id == "p8") {
      EXPECT_EQ(it.added_at, kT0 + 200);
    }
  }
  Result<AuditVerdict> v = VerifyAudit(store.db(), {});
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v.value().ok) << v.value().problem;
}

TEST(CaseIngestTest, ABadLineChangesNothing) {
  ScratchDir dir;
  CaseStore store;
  ASSERT_TRUE(store.Open(dir.Path("cases.db"), true).ok());
  std::string good = ReadFile(SmallFindingsPath());
  struct Case {
    std::string tail, message;
  } cases[] = {
      {"{\"subject\":\"post\",\"id\":\"p9\",\"label\":\"rumor\",\"score\":6}\n", "missing 'signals'"},
      {"{\"subject\":\"post\",\"id\":\"p9\",\"label\":\"rumor\",\"score\":6,\"signals\":[]}\n",
       "'signals' is empty"},
      {"{\"subject\":\"post\",\"id\":\"p9\",\"label\":\"fake\",\"score\":6,\"signals\":[]}\n", "'label' must be"},
      {"{\"subject\":\"post\",\"id\":\"p1\",\"label\":\"rumor\",\"score\":1,\"signals\":[{\"name\":\"x\",\"weight\":1,\"evidence\":{}}]}\n",
       "a second finding for post 'p1' labelled rumor (the first is on line 7)"},
      {"{\"subject\":\"post\",\"id\":\"p9\",\"label\":\"spam\",\"score\":6,\"reach\":{\"accounts\":-1},\"signals\":[{\"name\":\"x\",\"weight\":1,\"evidence\":{}}]}\n",
       "'reach.accounts' must be a non-negative integer"},
      {"{\"subject\":\"post\",\"id\":\"p9\",\"label\":\"spam\",\"score\":6,\"signals\":[{\"name\":\"x\",\"weight\":1,\"evidence\":[]}]}\n",
       "each signal needs"},
      {"not json\n", "not valid JSON"},
  };
  for (const Case& c : cases) {
    WriteFile(dir.Path("f.jsonl"), good + c.tail);
    Result<IngestReport> r = IngestFile(&store, dir.Path("f.jsonl"), kT0);
    ASSERT_FALSE(r.ok()) << c.tail;
    EXPECT_NE(r.status().message().find("f.jsonl:13: " + c.message), std::string::npos)
        << r.status().message();
  }
  EXPECT_EQ(Count(&store, "SELECT count(*) FROM cases"), 0);
  EXPECT_EQ(Count(&store, "SELECT count(*) FROM audit"), 0);
  Result<IngestReport> missing = IngestFile(&store, dir.Path("nope.jsonl"), kT0);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.jsonl: cannot read"), std::string::npos);
}

TEST(CaseIngestTest, ExactReachFromTheCallerReplacesTheSum) {
  ScratchDir dir;
  CaseStore store;
  ASSERT_TRUE(store.Open(dir.Path("cases.db"), true).ok());
  IngestOptions opt;
  opt.now = kT0;
  opt.severity = &testing::TestSeverity();
  opt.case_reach["rumor:claim:c1"] = Reach{700, 100, 2000};
  ASSERT_TRUE(IngestFindingsFile(&store, SmallFindingsPath(), opt).ok());
  Result<std::optional<CaseRecord>> c1 = store.FindCaseByKey("rumor:claim:c1");
  ASSERT_TRUE(c1.ok() && c1.value());
  EXPECT_EQ(c1.value()->reach.accounts, 700u);
  EXPECT_EQ(c1.value()->reach.engagement, 2000u);
}

TEST(SeverityTest, FollowsTheConfiguredFormula) {
  const SeverityConfig& cfg = testing::TestSeverity();
  CaseMeasures m;
  m.category = "rumor";
  EXPECT_DOUBLE_EQ(Severity(m, cfg), cfg.harm.at("rumor"));
  m.category = "spam";
  EXPECT_DOUBLE_EQ(Severity(m, cfg), cfg.harm.at("spam"));
  m.reach = Reach{999, 9, 99};
  m.items = 9;
  m.coordination = 0.5;
  double want = cfg.harm.at("spam") + cfg.reach_accounts * 3 + cfg.reposts * 1 + cfg.engagement * 2 +
                cfg.items * 1 + cfg.coordination * 0.5;
  EXPECT_NEAR(Severity(m, cfg), want, 1e-9);
  // Wider reach, more coordination: more severe.
  CaseMeasures wider = m;
  wider.reach.accounts = 99999;
  EXPECT_GT(Severity(wider, cfg), Severity(m, cfg));
  CaseMeasures organized = m;
  organized.coordination = 1;
  EXPECT_GT(Severity(organized, cfg), Severity(m, cfg));
}

TEST(SeverityTest, GradesByTheFirstBoundReached) {
  SeverityConfig cfg;
  cfg.grades = {{"critical", 16}, {"high", 12}, {"low", 0}};
  EXPECT_EQ(Grade(20, cfg), "critical");
  EXPECT_EQ(Grade(16, cfg), "critical");
  EXPECT_EQ(Grade(15.99, cfg), "high");
  EXPECT_EQ(Grade(0, cfg), "low");
  EXPECT_EQ(Grade(-3, cfg), "low");  // below every bound: the least severe grade
}

TEST(CaseIngestTest, ReviewQueueIsMostSevereFirst) {
  ScratchDir dir;
  CaseStore store;
  testing::OpenSmallStore(dir, &store);
  Result<std::vector<CaseRecord>> q = store.List(CaseFilter{});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q.value().size(), 6u);
  for (size_t i = 1; i < q.value().size(); ++i) {
    const CaseRecord& a = q.value()[i - 1];
    const CaseRecord& b = q.value()[i];
    EXPECT_TRUE(a.severity > b.severity || (a.severity == b.severity && a.id < b.id));
  }
  // The claim that reached most people heads the queue.
  EXPECT_EQ(q.value().front().key, "rumor:claim:c1");
  CaseFilter spam;
  spam.category = "spam";
  spam.limit = 1;
  Result<std::vector<CaseRecord>> s = store.List(spam);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s.value().size(), 1u);
  EXPECT_EQ(s.value()[0].category, "spam");
}

TEST(CaseStoreTest, OpeningForTheQueueNeverWaitsForAWriter) {
  ScratchDir dir;
  CaseStore writer;
  testing::OpenSmallStore(dir, &writer);
  ASSERT_TRUE(writer.db()->Exec("BEGIN IMMEDIATE").ok());  // a long ingest holds the write lock
  auto start = std::chrono::steady_clock::now();
  CaseStore reader;
  Status st = reader.Open(dir.Path("cases.db"), false);
  ASSERT_TRUE(st.ok()) << st.message();
  Result<std::vector<CaseRecord>> q = reader.List(CaseFilter{});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q.value().size(), 6u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(writer.db()->Exec("ROLLBACK").ok());
}

TEST(CaseStoreTest, RefusesFilesThatAreNotCaseStores) {
  ScratchDir dir;
  testing::WriteFile(dir.Path("text.db"), "hello, I am not a database at all, not even close to one.\n");
  CaseStore a;
  Status st = a.Open(dir.Path("text.db"), false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("text.db"), std::string::npos) << st.message();
  {
    SqliteDb other;
    ASSERT_TRUE(other.Open(dir.Path("other.db"), true).ok());
    ASSERT_TRUE(other.Exec("CREATE TABLE t(x)").ok());
  }
  CaseStore b;
  st = b.Open(dir.Path("other.db"), false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("other.db: is an SQLite database but not a Sluice case store"), std::string::npos)
      << st.message();
  CaseStore c;
  st = c.Open(dir.Path("missing.db"), false);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace sluice
