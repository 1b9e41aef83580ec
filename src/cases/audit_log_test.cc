// The audit chain against tampering done the way an insider would: by editing the SQLite file's
// rows directly. Each test builds a small history, tampers, and checks that verify names the
// first bad entry (or the edited row).
#include "cases/audit_log.h"

#include <gtest/gtest.h>

#include "cases/case_test_util.h"
#include "cases/decisions.h"
#include "cases/sha256.h"

namespace sluice {
namespace {

using testing::CaseIdByKey;
using testing::kT0;
using testing::ScratchDir;

class AuditLogTest : public ::testing::Test {
 protected:
  // History: 6 case_opened entries and the ingest run (1-7), then a decision (8), an appeal (9),
  // its resolution (10) and a platform action (11).
  void SetUp() override {
    testing::OpenSmallStore(dir_, &store_);
    DecisionRequest r;
    r.case_id = CaseIdByKey(&store_, "water_army:group:g1");
    r.action = "suspend_account";
    r.reviewer = "reviewer-1";
    r.reason = "lockstep on 31 targets";
    r.basis = "rule 7";
    r.platform = "weibo";
    r.decided_at = kT0 + 10;
    Result<DecisionRecord> d = Decide(&store_, r, kT0 + 10);
    ASSERT_TRUE(d.ok());
    Result<AppealRecord> a = FileAppeal(&store_, {d.value().id, "u4", "not me", kT0 + 20}, kT0 + 20);
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(ResolveAppeal(&store_, {a.value().id, "upheld", "senior", "stands", kT0 + 30}, kT0 + 30).ok());
    ASSERT_TRUE(RecordPlatformAction(&store_, d.value().id, kT0 + 40, "liaison", kT0 + 40).ok());
  }

  AuditVerdict Verify(const std::vector<AuditAnchor>& anchors = {}) {
    Result<AuditVerdict> v = VerifyAudit(store_.db(), anchors);
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? v.value() : AuditVerdict{};
  }

  void Sql(const std::string& sql) { ASSERT_TRUE(store_.db()->Exec(sql).ok()) << sql; }

  std::string Text(const std::string& sql) {
    Result<SqliteStmt> q = store_.db()->Prepare(sql);
    EXPECT_TRUE(q.ok());
    Status st;
    return q.value().Step(&st) ? q.value().Text(0) : "";
  }

  ScratchDir dir_;
  CaseStore store_;
};

TEST_F(AuditLogTest, UntouchedHistoryVerifies) {
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 11u);
  EXPECT_EQ(v.head_hash, Text("SELECT hash FROM audit WHERE seq = 11"));
  EXPECT_EQ(v.head_hash.size(), 64u);
  EXPECT_EQ(Text("SELECT json_extract(entry, '$.op') FROM audit WHERE seq = 8"), "decide");
  EXPECT_EQ(Text("SELECT json_extract(entry, '$.actor') FROM audit WHERE seq = 8"), "reviewer-1");
  EXPECT_TRUE(Verify({{8, Text("SELECT hash FROM audit WHERE seq = 8")}}).ok);
}

TEST_F(AuditLogTest, EditedEntryIsNamed) {
  Sql("UPDATE audit SET entry = replace(entry, 'lockstep on 31 targets', 'lockstep on 3 targets') WHERE seq = 8");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 8u);
  EXPECT_NE(v.problem.find("entry 8: its content does not match its hash (edited)"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, EditedAndRehashedEntryBreaksTheNextLink) {
  std::string entry = Text("SELECT entry FROM audit WHERE seq = 9");
  std::string prev = Text("SELECT prev_hash FROM audit WHERE seq = 9");
  std::string forged = entry;
  forged.replace(forged.find("not me"), 6, "fine!!");
  Sql("UPDATE audit SET entry = '" + forged + "', hash = '" + Sha256Hex(prev + "\n" + forged) +
      "' WHERE seq = 9");
  Sql("UPDATE appeals SET reason = 'fine!!'");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 10u);
  EXPECT_NE(v.problem.find("entry 10: does not follow entry 9"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, DeletedEntryIsNamed) {
  Sql("DELETE FROM audit WHERE seq = 3");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 3u);
  EXPECT_NE(v.problem.find("entry 3 is missing: the log goes from entry 2 to entry 4 (deleted)"), std::string::npos)
      << v.problem;
}

TEST_F(AuditLogTest, ReorderedEntriesAreNamed) {
  // Swap entries 8 and 9 whole: each keeps its own content, hash and link, only the order moves.
  Sql("UPDATE audit SET seq = -8 WHERE seq = 8");
  Sql("UPDATE audit SET seq = 8 WHERE seq = 9");
  Sql("UPDATE audit SET seq = 9 WHERE seq = -8");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 8u);
  EXPECT_NE(v.problem.find("entry 8: holds the content of entry 9 (reordered)"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, ReorderedContentWithRenumberedSeqBreaksTheLink) {
  // A more careful reorder also renumbers the "seq" inside each entry and rehashes both.
  std::string e8 = Text("SELECT entry FROM audit WHERE seq = 8");
  std::string e9 = Text("SELECT entry FROM audit WHERE seq = 9");
  std::string p8 = Text("SELECT prev_hash FROM audit WHERE seq = 8");
  auto renumber = [](std::string e, int from, int to) {
    std::string a = "{\"seq\":" + std::to_string(from) + ",";
    return "{\"seq\":" + std::to_string(to) + "," + e.substr(a.size());
  };
  std::string n8 = renumber(e9, 9, 8), n9 = renumber(e8, 8, 9);
  std::string h8 = Sha256Hex(p8 + "\n" + n8);
  std::string h9 = Sha256Hex(h8 + "\n" + n9);
  Sql("UPDATE audit SET entry = '" + n8 + "', hash = '" + h8 + "' WHERE seq = 8");
  Sql("UPDATE audit SET entry = '" + n9 + "', prev_hash = '" + h8 + "', hash = '" + h9 + "' WHERE seq = 9");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 10u);
  EXPECT_NE(v.problem.find("entry 10: does not follow entry 9"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, EntriesDeletedFromTheEndAreNamed) {
  Sql("DELETE FROM audit WHERE seq >= 10");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 10u);
  EXPECT_NE(v.problem.find("entries 10 to 11 are missing"), std::string::npos) << v.problem;
  // Moving the recorded head back too still leaves rows the log no longer explains.
  Sql("UPDATE meta SET value = '9 ' || (SELECT hash FROM audit WHERE seq = 9) WHERE key = 'audit_head'");
  v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("table decisions row (1): column platform_acted_at is"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, RowsEditedAroundTheLogAreNamed) {
  Sql("UPDATE decisions SET reason = 'no reason' WHERE id = 1");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 0u);
  EXPECT_NE(v.problem.find("table decisions row (1): column reason is \"no reason\" but the audit log says "
                           "\"lockstep on 31 targets\" (edited)"),
            std::string::npos)
      << v.problem;
}

TEST_F(AuditLogTest, EveryKindOfRowIsCovered) {
  struct Case {
    const char* sql;
    const char* problem;
  } cases[] = {
      {"UPDATE cases SET severity = 0.5 WHERE id = 6", "table cases row (6): column severity"},
      {"UPDATE items SET finding = '{}' WHERE subject_id = 'p1'", "table items row (2, post, p1, rumor): column finding"},
      {"DELETE FROM decision_targets WHERE subject_id = 'u5'",
       "table decision_targets row (1, account, u5) is in the audit log but missing from the table (deleted)"},
      {"INSERT INTO decision_targets VALUES (1, 'account', 'u1', 'weibo')",
       "table decision_targets row (1, account, u1) is not in the audit log"},
      {"UPDATE appeals SET status = 'overturned'", "table appeals row (1): column status"},
      {"UPDATE cases SET reach_accounts = 1.5 WHERE id = 1", "table cases row (1): column reach_accounts"},
  };
  for (const Case& c : cases) {
    Sql("SAVEPOINT tamper");
    Sql(c.sql);
    AuditVerdict v = Verify();
    EXPECT_FALSE(v.ok) << c.sql;
    EXPECT_NE(v.problem.find(c.problem), std::string::npos) << c.sql << "\n" << v.problem;
    Sql("ROLLBACK TO tamper");
    Sql("RELEASE tamper");
  }
  EXPECT_TRUE(Verify().ok);
}

TEST_F(AuditLogTest, AnAnchorCatchesAWholesaleRewrite) {
  std::string anchor8 = Text("SELECT hash FROM audit WHERE seq = 8");
  // Rewrite history from entry 2 on: change the note of the ingest run and re-chain every
  // later entry and the head. Without an outside anchor this cannot be told from the truth.
  Result<SqliteStmt> q = store_.db()->Prepare("SELECT seq, entry FROM audit ORDER BY seq");
  ASSERT_TRUE(q.ok());
  std::vector<std::pair<int64_t, std::string>> rows;
  Status st;
  while (q.value().Step(&st)) rows.emplace_back(q.value().Int(0), q.value().Text(1));
  std::string prev(kAuditGenesis);
  for (auto& [seq, entry] : rows) {
    size_t at = entry.find("\"source\":\"");
    if (at != std::string::npos) entry.insert(at + 10, "forged-");
    std::string hash = Sha256Hex(prev + "\n" + entry);
    Sql("UPDATE audit SET entry = '" + entry + "', prev_hash = '" + prev + "', hash = '" + hash +
        "' WHERE seq = " + std::to_string(seq));
    prev = hash;
  }
  Sql("UPDATE meta SET value = '11 " + prev + "' WHERE key = 'audit_head'");
  EXPECT_TRUE(Verify().ok);
  AuditVerdict v = Verify({{8, anchor8}});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad, 8u);
  EXPECT_NE(v.problem.find("differs from the anchor"), std::string::npos) << v.problem;
}

}  // namespace
}  // namespace sluice
