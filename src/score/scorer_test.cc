// The scorer on the data cases in tests/data/score (one folder a case; README there), plus the
// properties no single case shows: order independence and the SignalSink under threads.
#include "score/scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "core/test_util.h"
#include "score/signal_reader.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

const fs::path kCases = fs::path(SLUICE_SOURCE_DIR) / "tests/data/score";

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCases))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::vector<Finding>> RunCase(const fs::path& dir, std::vector<Signal> signals) {
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  if (fs::exists(dir / "defaults.json"))
    cfg = ParseScoringConfig(ReadFile(dir / "defaults.json"), (dir / "defaults.json").string(), nullptr);
  if (cfg.ok() && fs::exists(dir / "config.json"))
    cfg = ParseScoringConfig(ReadFile(dir / "config.json"), (dir / "config.json").string(), &cfg.value());
  if (!cfg.ok()) return cfg.status();
  return Score(std::move(signals), cfg.value());
}

std::string Render(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    AppendFindingJson(&out, f);
    out += '\n';
  }
  return out;
}

class ScoringCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ScoringCase, MatchesExpected) {
  fs::path dir = kCases / GetParam();
  std::vector<Signal> signals;
  if (fs::exists(dir / "signals.jsonl")) {
    Result<std::vector<Signal>> read = ReadSignalsFile((dir / "signals.jsonl").string());
    ASSERT_TRUE(read.ok()) << read.status().message();
    signals = std::move(read).value();
  }
  std::vector<Signal> reversed(signals.rbegin(), signals.rend());
  Result<std::vector<Finding>> got = RunCase(dir, std::move(signals));
  if (fs::exists(dir / "expected_error.txt")) {
    std::string want = ReadFile(dir / "expected_error.txt");
    want.erase(want.find_last_not_of('\n') + 1);
    ASSERT_FALSE(got.ok()) << "expected an error containing: " << want;
    EXPECT_NE(got.status().message().find(want), std::string::npos) << got.status().message();
    return;
  }
  ASSERT_TRUE(got.ok()) << got.status().message();
  std::string bytes = Render(got.value());
  EXPECT_EQ(bytes, ReadFile(dir / "expected.jsonl"));
  Result<std::vector<Finding>> again = RunCase(dir, std::move(reversed));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Render(again.value()), bytes) << "input order changed the output";
}

INSTANTIATE_TEST_SUITE_P(Data, ScoringCase, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(ScorerTest, ShuffledSignalsFromManyThreadsGiveTheSameBytes) {
  std::vector<Signal> all;
  const char* names[] = {"coord.lockstep", "coord.co_repost", "coord.device_farm", "rumor.claim_match"};
  for (int i = 0; i < 2000; ++i) {
    Signal s;
    s.subject = i % 3 == 0 ? SubjectKind::kPost : SubjectKind::kAccount;
    s.id = fmt::format("s{}", i % 50);
    s.name = names[i % 4];
    s.evidence = fmt::format("{{\"n\":{}}}", i % 2);
    all.push_back(s);
  }
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  Result<std::vector<Finding>> base = Score(all, cfg.value());
  ASSERT_TRUE(base.ok()) << base.status().message();
  ASSERT_FALSE(base.value().empty());

  std::mt19937 rng(7);
  std::shuffle(all.begin(), all.end(), rng);
  SignalSink sink;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<Signal> batch;
      for (size_t i = t; i < all.size(); i += 4) {
        if (i % 2) sink.Emit(all[i]);
        else batch.push_back(all[i]);
      }
      sink.EmitAll(std::move(batch));
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(sink.size(), all.size());
  ScoreStats stats;
  Result<std::vector<Finding>> got = Score(sink.Take(), cfg.value(), &stats);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Render(got.value()), Render(base.value()));
  EXPECT_EQ(sink.size(), 0u);
  EXPECT_EQ(stats.signals, all.size());
  EXPECT_EQ(stats.findings + stats.below_threshold, stats.candidates);
  EXPECT_GT(stats.duplicates, 0u);
}

TEST(ScorerTest, EvidenceMustBeAJsonObject) {
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  ASSERT_TRUE(cfg.ok());
  for (std::string ev : {"", "[1]", "{\"a\":", "\"x\"", "{} {}"}) {
    Signal s;
    s.id = "p1";
    s.name = "rumor.claim_match";
    s.evidence = ev;
    Result<std::vector<Finding>> got = Score({s}, cfg.value());
    ASSERT_FALSE(got.ok()) << ev;
    EXPECT_NE(got.status().message().find("evidence is not a JSON object"), std::string::npos)
        << got.status().message();
  }
}

TEST(ScorerTest, WriteFindingsIsAtomicAndByteStable) {
  testing::ScratchDir dir;
  Result<ScoringConfig> cfg = DefaultScoringConfig();
  ASSERT_TRUE(cfg.ok());
  Signal s;
  s.id = "p\"1\n";  // ids are escaped, not pasted
  s.name = "rumor.claim_match";
  s.evidence = R"({"claim":"c1"})";
  Result<std::vector<Finding>> got = Score({s}, cfg.value());
  ASSERT_TRUE(got.ok());
  got.value()[0].platform = "weibo";
  got.value()[0].reach = Reach{120, 7, 300};
  ASSERT_TRUE(WriteFindings(dir.Path("f.jsonl"), got.value()).ok());
  EXPECT_EQ(ReadFile(dir.Path("f.jsonl")),
            "{\"subject\":\"post\",\"id\":\"p\\\"1\\n\",\"label\":\"rumor\",\"score\":6,"
            "\"platform\":\"weibo\",\"reach\":{\"accounts\":120,\"reposts\":7,\"engagement\":300},"
            "\"signals\":[{\"name\":\"rumor.claim_match\",\"weight\":6,\"evidence\":{\"claim\":\"c1\"}}]}\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace sluice
