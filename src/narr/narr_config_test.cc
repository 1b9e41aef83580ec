#include "narr/narr_config.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::narr {
namespace {

TEST(NarrConfigTest, ShippedFileEqualsCompiledDefaults) {
  Result<NarrConfig> r = LoadNarrConfig(std::string(SLUICE_SOURCE_DIR) + "/config/narr.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  NarrConfig d;
  const NarrConfig& c = r.value();
  EXPECT_EQ(c.shingle_size, d.shingle_size);
  EXPECT_EQ(c.num_perm, d.num_perm);
  EXPECT_EQ(c.bands, d.bands);
  EXPECT_EQ(c.rows, d.rows);
  EXPECT_EQ(c.seed, d.seed);
  EXPECT_EQ(c.min_tokens, d.min_tokens);
  EXPECT_EQ(c.similarity, d.similarity);
  EXPECT_EQ(c.root_similarity, d.root_similarity);
  EXPECT_EQ(c.split_on_figures, d.split_on_figures);
  EXPECT_EQ(c.split_on_names, d.split_on_names);
  EXPECT_EQ(c.min_posts, d.min_posts);
  EXPECT_EQ(c.min_accounts, d.min_accounts);
  EXPECT_EQ(c.max_clusters, d.max_clusters);
  EXPECT_EQ(c.baseline_hours, d.baseline_hours);
  EXPECT_EQ(c.w_burst, d.w_burst);
  EXPECT_EQ(c.w_reach, d.w_reach);
  EXPECT_EQ(c.w_engagement, d.w_engagement);
  EXPECT_EQ(c.w_suspicious, d.w_suspicious);
  EXPECT_EQ(c.copy_paste_window_s, d.copy_paste_window_s);
  EXPECT_EQ(c.copy_paste_context_s, d.copy_paste_context_s);
  EXPECT_EQ(c.copy_paste_exclusive, d.copy_paste_exclusive);
  EXPECT_EQ(c.copy_paste_accounts, d.copy_paste_accounts);
  EXPECT_EQ(c.copy_paste_require_suspicious, d.copy_paste_require_suspicious);
  EXPECT_EQ(c.copy_paste_similarity, d.copy_paste_similarity);
  EXPECT_EQ(c.copy_paste_min_tokens, d.copy_paste_min_tokens);
  EXPECT_EQ(c.exclude_verified, d.exclude_verified);
  EXPECT_EQ(c.w_copy_paste, d.w_copy_paste);
}

TEST(NarrConfigTest, OverridesOnlyWhatIsGiven) {
  Result<NarrConfig> r = ParseNarrConfig(R"({"similarity": 0.45, "exclude_verified": false})", "x");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value().similarity, 0.45);
  EXPECT_FALSE(r.value().exclude_verified);
  EXPECT_EQ(r.value().bands, NarrConfig().bands);
}

TEST(NarrConfigTest, BadConfigsNameTheKeyAndFile) {
  struct Case {
    const char* json;
    const char* message;
  } cases[] = {
      {"[1]", "cfg.json: the configuration must be a JSON object"},
      {"{\"similarity\": 2}", "cfg.json: 'similarity' must be a number between 0 and 1"},
      {"{\"bands\": 30}", "cfg.json: 'bands' × rows must not exceed num_perm (64)"},
      {"{\"rows\": 1.5}", "cfg.json: 'rows' must be an integer between 1 and 64"},
      {"{\"nope\": 1}", "cfg.json: unknown key 'nope'"},
      {"{\"exclude_verified\": 1}", "cfg.json: 'exclude_verified' must be true or false"},
      {"{\"split_on_figures\": \"yes\"}", "cfg.json: 'split_on_figures' must be true or false"},
      {"{\"split_on_names\": 1}", "cfg.json: 'split_on_names' must be true or false"},
      {"{\"copy_paste_context_s\": 60}", "cfg.json: 'copy_paste_context_s' must be at least copy_paste_window_s"},
      {"{", nullptr},
  };
  for (const Case& k : cases) {
    Result<NarrConfig> r = ParseNarrConfig(k.json, "cfg.json");
    ASSERT_FALSE(r.ok()) << k.json;
    EXPECT_EQ(r.status().code(), Status::Code::kConfig);
    if (k.message) {
      EXPECT_EQ(r.status().message(), k.message);
    }
  }
  EXPECT_FALSE(LoadNarrConfig("/nonexistent/narr.json").ok());
}

}  // namespace
}  // namespace sluice::narr
