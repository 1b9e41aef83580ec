// Exports: the same history gives the same bytes, in two stores built apart; CSV quotes what
// needs quoting.
#include "cases/case_export.h"

#include <gtest/gtest.h>

#include "cases/case_test_util.h"
#include "cases/decisions.h"

namespace sluice {
namespace {

using testing::CaseIdByKey;
using testing::kT0;
using testing::ReadFile;
using testing::ScratchDir;

void History(CaseStore* store) {
  DecisionRequest r;
  r.case_id = CaseIdByKey(store, "rumor:claim:c1");
  r.action = "remove_post";
  r.reviewer = "王 reviewer";
  r.reason = "copies c1, \"verbatim\"\nand edited";
  r.basis = "rule 3, para 2";
  r.platform = "weibo";
  r.decided_at = kT0 + 60;
  Result<DecisionRecord> d = Decide(store, r, kT0 + 60);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_TRUE(RecordPlatformAction(store, d.value().id, kT0 + 960, "liaison", kT0 + 960).ok());
  Result<AppealRecord> a = FileAppeal(store, {d.value().id, "u3", "quoted", kT0 + 1000}, kT0 + 1000);
  ASSERT_TRUE(a.ok());
}

std::vector<std::string> ExportAll(CaseStore* store, const ScratchDir& dir, const std::string& tag) {
  std::vector<std::string> out;
  int i = 0;
  for (ExportFormat f : {ExportFormat::kCsv, ExportFormat::kJsonl})
    for (ExportTable t : {ExportTable::kCases, ExportTable::kDecisions}) {
      std::string path = dir.Path(tag + std::to_string(i++));
      Status st = ExportStore(store, f, t, path);
      EXPECT_TRUE(st.ok()) << st.message();
      out.push_back(ReadFile(path));
    }
  return out;
}

TEST(CaseExportTest, SameHistoryGivesTheSameBytes) {
  ScratchDir a_dir, b_dir;
  CaseStore a, b;
  testing::OpenSmallStore(a_dir, &a);
  testing::OpenSmallStore(b_dir, &b);
  History(&a);
  History(&b);
  std::vector<std::string> ea = ExportAll(&a, a_dir, "a");
  std::vector<std::string> eb = ExportAll(&b, b_dir, "b");
  EXPECT_EQ(ea, eb);
  EXPECT_EQ(ExportAll(&a, a_dir, "again"), ea);
  for (const std::string& s : ea) EXPECT_FALSE(s.empty());
}

TEST(CaseExportTest, CsvHasOneRowPerCaseAndQuotesFields) {
  ScratchDir dir;
  CaseStore store;
  testing::OpenSmallStore(dir, &store);
  History(&store);
  std::vector<std::string> e = ExportAll(&store, dir, "x");
  const std::string& cases_csv = e[0];
  EXPECT_EQ(std::count(cases_csv.begin(), cases_csv.end(), '\n'), 7);
  EXPECT_EQ(cases_csv.substr(0, cases_csv.find('\n')),
            "case,key,category,claim,group,tactic,status,severity,grade,reach_accounts,reach_reposts,"
            "reach_engagement,items,coordination,opened_at,updated_at,closed_at,decisions");
  EXPECT_NE(cases_csv.find("\n2,rumor:claim:c1,rumor,c1,,,closed,"), std::string::npos) << cases_csv;
  EXPECT_NE(cases_csv.find(",2024-05-01T08:00:00Z,2024-05-01T08:01:00Z,2024-05-01T08:01:00Z,1:remove_post\n"),
            std::string::npos)
      << cases_csv;
  const std::string& decisions_csv = e[1];
  EXPECT_NE(decisions_csv.find("\n1,2,rumor:claim:c1,rumor,remove_post,王 reviewer,"
                               "\"copies c1, \"\"verbatim\"\"\nand edited\",\"rule 3, para 2\",weibo,"
                               "2024-05-01T08:01:00Z,2024-05-01T08:16:00Z,900,in_force,3,1,filed\n"),
            std::string::npos)
      << decisions_csv;
  const std::string& cases_jsonl = e[2];
  EXPECT_EQ(std::count(cases_jsonl.begin(), cases_jsonl.end(), '\n'), 6);
  EXPECT_NE(cases_jsonl.find("\"reason\":\"copies c1, \\\"verbatim\\\"\\nand edited\""), std::string::npos);
  EXPECT_NE(cases_jsonl.find("\"findings\":[{\"subject\":\"post\",\"id\":\"p1\",\"label\":\"rumor\""), std::string::npos);
}

}  // namespace
}  // namespace sluice
