// Runs every case folder in tests/data/eval (see the README there): eval's JSON output must
// contain what expected.json states, or eval must refuse the input with expected_error.txt's text.
#include "eval/evaluate.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "eval/evaluation_format.h"

namespace sluice::eval {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;
using simdjson::dom::element_type;

fs::path CasesDir() { return fs::path(SLUICE_SOURCE_DIR) / "tests" / "data" / "eval"; }

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  if (!fs::is_directory(CasesDir())) return names;
  for (const fs::directory_entry& e : fs::directory_iterator(CasesDir()))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

bool IsNumber(element_type t) {
  return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

double AsDouble(element e) {
  switch (e.type()) {
    case element_type::INT64: return static_cast<double>(e.get_int64().value_unsafe());
    case element_type::UINT64: return static_cast<double>(e.get_uint64().value_unsafe());
    default: return e.get_double().value_unsafe();
  }
}

// Adds a line to *diffs for every place where `actual` does not contain `want`.
void Contains(element want, element actual, const std::string& path, std::vector<std::string>* diffs) {
  element_type wt = want.type(), at = actual.type();
  if (IsNumber(wt)) {
    if (!IsNumber(at)) {
      diffs->push_back(path + ": want a number, got " + simdjson::to_string(actual));
      return;
    }
    double w = AsDouble(want), a = AsDouble(actual);
    if (std::fabs(w - a) > 1e-6 * std::max(1.0, std::fabs(w)))
      diffs->push_back(path + ": want " + simdjson::to_string(want) + ", got " +
                       simdjson::to_string(actual));
    return;
  }
  if (wt != at) {
    diffs->push_back(path + ": want " + simdjson::to_string(want) + ", got " +
                     simdjson::to_string(actual));
    return;
  }
  if (wt == element_type::OBJECT) {
    simdjson::dom::object wo = want.get_object().value_unsafe();
    simdjson::dom::object ao = actual.get_object().value_unsafe();
    for (auto field : wo) {
      element a;
      if (ao[field.key].get(a) != simdjson::SUCCESS) {
        diffs->push_back(path + "." + std::string(field.key) + ": missing from the output");
        continue;
      }
      Contains(field.value, a, path + "." + std::string(field.key), diffs);
    }
    // An empty expected object means "no rows": the output must be empty too.
    if (wo.size() == 0 && ao.size() != 0)
      diffs->push_back(path + ": want {}, got " + simdjson::to_string(actual));
    return;
  }
  if (wt == element_type::ARRAY) {
    simdjson::dom::array wa = want.get_array().value_unsafe();
    simdjson::dom::array aa = actual.get_array().value_unsafe();
    if (wa.size() != aa.size()) {
      diffs->push_back(path + ": want " + simdjson::to_string(want) + ", got " +
                       simdjson::to_string(actual));
      return;
    }
    for (size_t i = 0; i < wa.size(); ++i)
      Contains(wa.at(i).value_unsafe(), aa.at(i).value_unsafe(), path + "[" + std::to_string(i) + "]",
               diffs);
    return;
  }
  if (simdjson::to_string(want) != simdjson::to_string(actual))
    diffs->push_back(path + ": want " + simdjson::to_string(want) + ", got " +
                     simdjson::to_string(actual));
}

class EvalCase : public ::testing::TestWithParam<std::string> {};

TEST_P(EvalCase, MatchesExpected) {
  fs::path dir = CasesDir() / GetParam();
  CascadeFiles cascades;
  if (fs::exists(dir / "clusters.jsonl")) cascades.clusters = (dir / "clusters.jsonl").string();
  if (fs::exists(dir / "claim_cascades.jsonl"))
    cascades.claim_cascades = (dir / "claim_cascades.jsonl").string();
  Result<Evaluation> ev =
      EvaluateFiles((dir / "truth.jsonl").string(), (dir / "findings.jsonl").string(), cascades);
  if (fs::exists(dir / "expected_error.txt")) {
    std::string want = ReadText(dir / "expected_error.txt");
    ASSERT_FALSE(ev.ok()) << "eval accepted an input it must refuse";
    EXPECT_NE(ev.status().message().find(want), std::string::npos)
        << "error: " << ev.status().message() << "\nwant it to contain: " << want;
    return;
  }
  ASSERT_TRUE(ev.ok()) << ev.status().message();
  std::string json = EvaluationJson(ev.value());
  simdjson::dom::parser actual_parser, want_parser;
  element actual, want;
  ASSERT_EQ(actual_parser.parse(json).get(actual), simdjson::SUCCESS) << json;
  std::string expected_text = ReadText(dir / "expected.json");
  ASSERT_EQ(want_parser.parse(expected_text).get(want), simdjson::SUCCESS)
      << "expected.json is not valid JSON";
  std::vector<std::string> diffs;
  Contains(want, actual, "$", &diffs);
  std::string all;
  for (const std::string& d : diffs) all += "  " + d + "\n";
  EXPECT_TRUE(diffs.empty()) << "output differs from expected.json:\n" << all << "output: " << json;
  // Rendering the same evaluation twice, or the table, must not fail or vary.
  EXPECT_EQ(json, EvaluationJson(ev.value()));
  EXPECT_FALSE(EvaluationTable(ev.value()).empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, EvalCase, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(EvalCases, AreThere) { EXPECT_GE(CaseNames().size(), 10u) << CasesDir(); }

// Line order must not change any number: eval sums integer counts over subjects.
TEST(Evaluator, LineOrderDoesNotMatter) {
  auto line = [](Subject s, std::string id, Label l, std::optional<std::string> claim) {
    LabelLine x;
    x.subject = s;
    x.id = std::move(id);
    x.label = l;
    x.claim = std::move(claim);
    return x;
  };
  std::vector<LabelLine> truth = {line(Subject::kPost, "a", Label::kRumor, "c1"),
                                  line(Subject::kPost, "b", Label::kRumor, "c2"),
                                  line(Subject::kAccount, "a", Label::kWaterArmy, std::nullopt)};
  std::vector<LabelLine> found = {line(Subject::kPost, "a", Label::kRumor, "c2"),
                                  line(Subject::kAccount, "b", Label::kWaterArmy, std::nullopt),
                                  line(Subject::kPost, "b", Label::kRumor, "c2")};
  Evaluator forward, backward;
  for (const LabelLine& l : truth) ASSERT_TRUE(forward.AddTruth(l).ok());
  for (const LabelLine& l : found) ASSERT_TRUE(forward.AddFinding(l).ok());
  for (auto it = truth.rbegin(); it != truth.rend(); ++it) ASSERT_TRUE(backward.AddTruth(*it).ok());
  for (auto it = found.rbegin(); it != found.rend(); ++it) ASSERT_TRUE(backward.AddFinding(*it).ok());
  std::string a = EvaluationJson(forward.Finish()), b = EvaluationJson(backward.Finish());
  EXPECT_EQ(a, b);
  // Post a and account a are different subjects: the account finding on b is a false positive.
  EXPECT_NE(a.find(R"("account":{"water_army":{"truth":1,"found":1,"tp":0,"fp":1,"fn":1)"),
            std::string::npos)
      << a;
}

}  // namespace
}  // namespace sluice::eval
