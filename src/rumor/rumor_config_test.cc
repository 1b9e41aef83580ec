#include "rumor/rumor_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace sluice::rumor {
namespace {

TEST(RumorConfigTest, ShippedFileEqualsCompiledDefaults) {
  Result<RumorConfig> r = LoadRumorConfig(std::string(SLUICE_SOURCE_DIR) + "/config/rumor.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  RumorConfig d;
  const RumorConfig& c = r.value();
  EXPECT_EQ(c.shingle_size, d.shingle_size);
  EXPECT_EQ(c.min_claim_chars, d.min_claim_chars);
  EXPECT_EQ(c.candidate_shingle_size, d.candidate_shingle_size);
  EXPECT_EQ(c.candidate_window, d.candidate_window);
  EXPECT_EQ(c.min_containment, d.min_containment);
  EXPECT_EQ(c.partial_min_containment, d.partial_min_containment);
  EXPECT_EQ(c.partial_min_run, d.partial_min_run);
  EXPECT_EQ(c.claim_match_weight, d.claim_match_weight);
  EXPECT_EQ(c.threshold, d.threshold);
  EXPECT_EQ(c.debunk_window, d.debunk_window);
  EXPECT_EQ(c.debunk_cues, d.debunk_cues);
  EXPECT_EQ(c.debunk_exceptions, d.debunk_exceptions);
}

TEST(RumorConfigTest, OverridesOnlyWhatIsGiven) {
  Result<RumorConfig> r = ParseRumorConfig(R"({"threshold": 0.7, "debunk_cues": {"谣": -2}})", "x");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value().threshold, 0.7);
  EXPECT_EQ(r.value().min_containment, RumorConfig().min_containment);
  ASSERT_EQ(r.value().debunk_cues.size(), 1u);
  EXPECT_EQ(r.value().debunk_cues[0].first, "谣");
}

TEST(RumorConfigTest, BadConfigsNameTheKeyAndFile) {
  std::ifstream in(std::string(SLUICE_SOURCE_DIR) + "/tests/data/rumor/bad_configs.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int n = 0, cases = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << "bad_configs.tsv:" << n;
    Result<RumorConfig> r = ParseRumorConfig(line.substr(0, tab), "cfg.json");
    ASSERT_FALSE(r.ok()) << "bad_configs.tsv:" << n << " was accepted";
    EXPECT_EQ(r.status().message(), line.substr(tab + 1)) << "bad_configs.tsv:" << n;
    EXPECT_EQ(r.status().code(), Status::Code::kConfig);
    ++cases;
  }
  EXPECT_GE(cases, 10);
}

TEST(RumorConfigTest, MissingFileIsNamed) {
  Result<RumorConfig> r = LoadRumorConfig("/nonexistent/rumor.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "/nonexistent/rumor.json: cannot read the configuration file");
}

}  // namespace
}  // namespace sluice::rumor
