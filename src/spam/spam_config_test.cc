#include "spam/spam_config.h"

#include <gtest/gtest.h>

#include "core/test_util.h"

namespace sluice::spam {
namespace {

TEST(SpamConfigTest, RepositoryFileHoldsTheCompiledInDefaults) {
  std::string path = std::string(SLUICE_SOURCE_DIR) + "/config/spam.json";
  EXPECT_EQ(testing::ReadFile(path), SpamConfigToJson(SpamConfig{}))
      << "config/spam.json and the defaults in spam_config.h differ";
  auto loaded = LoadSpamConfig(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(SpamConfigToJson(loaded.value()), SpamConfigToJson(SpamConfig{}));
}

TEST(SpamConfigTest, OverridesOnlyTheKeysGiven) {
  auto c = ParseSpamConfig(
      R"({"threshold": 7.5, "signals": {"trailer": {"weight": 2}, "short_phrase_run": {"min_items": 9}}})",
      "my.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c.value().threshold, 7.5);
  EXPECT_EQ(c.value().trailer.weight, 2.0);
  EXPECT_EQ(c.value().short_phrase_run.min_items, 9);
  EXPECT_EQ(c.value().separator_density.weight, SpamConfig{}.separator_density.weight);
}

TEST(SpamConfigTest, BadKeysAndValuesNameTheKeyAndFile) {
  auto unknown = ParseSpamConfig(R"({"signals": {"trailer": {"wieght": 2}}})", "conf/a.json");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "conf/a.json: unknown key 'signals.trailer.wieght'");
  auto top = ParseSpamConfig(R"({"treshold": 2})", "b.json");
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.status().message(), "b.json: unknown key 'treshold'");
  auto type = ParseSpamConfig(R"({"signals": {"trailer": {"weight": "high"}}})", "c.json");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.status().message(), "c.json: 'signals.trailer.weight' must be a number");
  auto count = ParseSpamConfig(R"({"blocks": {"max_phrase_cps": 0}})", "d.json");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().message(), "d.json: 'blocks.max_phrase_cps' must be between 1 and 1000000");
  auto accounts = ParseSpamConfig(R"({"accounts": {"min_posts": 0}})", "g.json");
  ASSERT_FALSE(accounts.ok());
  EXPECT_EQ(accounts.status().message(), "g.json: 'accounts.min_posts' must be between 1 and 1000000");
  auto obj = ParseSpamConfig(R"({"signals": 3})", "e.json");
  ASSERT_FALSE(obj.ok());
  EXPECT_EQ(obj.status().message(), "e.json: 'signals' must be a JSON object");
  auto json = ParseSpamConfig("{", "f.json");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.status().message().rfind("f.json: not valid JSON", 0), 0u);
  auto missing = LoadSpamConfig("/nonexistent/spam.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "/nonexistent/spam.json: cannot open");
}

}  // namespace
}  // namespace sluice::spam
