// `sluice eval` as a user runs it: exit codes, one-line errors, JSON and table on stdout.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>

#include "core/test_util.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using testing::RunSluice;

std::string Case(const std::string& name, const std::string& file) {
  return (fs::path(SLUICE_SOURCE_DIR) / "tests" / "data" / "eval" / name / file).string();
}

class CliEval : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::SluiceBinary().empty()) GTEST_SKIP() << "SLUICE_BIN is not set; run through ctest";
  }
};

TEST_F(CliEval, JsonIsDeterministicAndParses) {
  std::vector<std::string> args = {"eval", "--truth", Case("multi_label", "truth.jsonl"),
                                   "--findings", Case("multi_label", "findings.jsonl"), "--json"};
  testing::RunResult a = RunSluice(args), b = RunSluice(args);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.err, "");
  EXPECT_EQ(a.out, b.out);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(a.out).get(doc), simdjson::SUCCESS) << a.out;
  double f1 = 0;
  ASSERT_EQ(doc.at_pointer("/classes/account/water_army/f1").get(f1), simdjson::SUCCESS) << a.out;
  EXPECT_DOUBLE_EQ(f1, 0.8);
  // The top-level keys come in the documented order.
  std::vector<std::string> keys;
  simdjson::dom::object top;
  ASSERT_EQ(doc.get_object().get(top), simdjson::SUCCESS);
  for (auto field : top) keys.emplace_back(field.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"truth", "findings", "classes", "overall", "by_tactic",
                                            "by_edit", "claims", "spans", "hard_negatives",
                                            "confounders", "seeders"}));
}

TEST_F(CliEval, TableHasARowPerClassWithNaForUndefinedScores) {
  testing::RunResult r = RunSluice({"eval", "--truth", Case("empty_findings", "truth.jsonl"),
                                        "--findings", Case("empty_findings", "findings.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("post rumor"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("n/a  0.0000  0.0000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lockstep"), std::string::npos) << r.out;
}

TEST_F(CliEval, MalformedLineIsOneLineErrorWithFileAndLine) {
  std::string findings = Case("error_malformed_line", "findings.jsonl");
  testing::RunResult r = RunSluice(
      {"eval", "--truth", Case("error_malformed_line", "truth.jsonl"), "--findings", findings});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("sluice eval: " + findings + ":2: not valid JSON", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

TEST_F(CliEval, MissingFileAndMissingOptionAreUnusable) {
  testing::RunResult r =
      RunSluice({"eval", "--truth", "/nonexistent/truth.jsonl", "--findings",
                 Case("perfect", "findings.jsonl")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sluice eval: /nonexistent/truth.jsonl: no such file\n");
  r = RunSluice({"eval", "--truth", Case("perfect", "truth.jsonl")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--findings"), std::string::npos) << r.err;
}

TEST_F(CliEval, SeedersAreScoredFromTheScanFilesBesideTheFindings) {
  // tests/data/eval/seeders holds clusters.jsonl and claim_cascades.jsonl next to findings.jsonl.
  testing::RunResult r = RunSluice({"eval", "--truth", Case("seeders", "truth.jsonl"), "--findings",
                                    Case("seeders", "findings.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("clusters (no registry): first-ranked right 1/3 (0.3333), in no cascade 1"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("claim cascades (registry): first-ranked right 2/3 (0.6667)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("another account first: c2"), std::string::npos) << r.out;
  // Named files win; a broken one is a one-line error naming it.
  std::string bad = Case("error_malformed_line", "findings.jsonl");
  r = RunSluice({"eval", "--truth", Case("seeders", "truth.jsonl"), "--findings",
                 Case("seeders", "findings.jsonl"), "--clusters", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("sluice eval: " + bad + ":1: missing key 'seeders'", 0), 0u) << r.err;
  // Without them beside the findings, no seeders rows.
  r = RunSluice({"eval", "--truth", Case("perfect", "truth.jsonl"), "--findings",
                 Case("perfect", "findings.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("seeders:"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sluice
