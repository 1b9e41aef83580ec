#include "coord/coord_config.h"

#include <gtest/gtest.h>

#include "core/test_util.h"

namespace sluice::coord {
namespace {

TEST(CoordConfigTest, OverridesNestedKeysAndKeepsTheRest) {
  CoordConfig c = DefaultCoordConfig();
  ASSERT_TRUE(ApplyCoordConfigJson(
                  R"({"lockstep":{"window_s":120},"networks":{"co_repost":{"min_weight":3}},)"
                  R"("repost_key":"root","npmi":true,"scoring":{"w_lockstep":1.5}})",
                  "c.json", &c)
                  .ok());
  EXPECT_EQ(c.lockstep.window_s, 120u);
  EXPECT_EQ(c.network(NetworkType::kRepost).min_weight, 3u);
  EXPECT_EQ(c.repost_key, RepostKey::kRoot);
  EXPECT_TRUE(c.npmi);
  EXPECT_DOUBLE_EQ(c.scoring.w_lockstep, 1.5);
  EXPECT_EQ(c.lockstep.min_targets, DefaultCoordConfig().lockstep.min_targets);
}

TEST(CoordConfigTest, ErrorsNameTheFileAndTheKey) {
  CoordConfig c = DefaultCoordConfig();
  Status st = ApplyCoordConfigJson(R"({"lockstep":{"windw_s":120}})", "my.json", &c);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "my.json: lockstep.windw_s: unknown key");
  st = ApplyCoordConfigJson(R"({"lockstep":{"window_s":"5"}})", "my.json", &c);
  EXPECT_EQ(st.message(), "my.json: lockstep.window_s: expected a number");
  st = ApplyCoordConfigJson(R"({"lockstep":{"window_s":1.5}})", "my.json", &c);
  EXPECT_EQ(st.message(), "my.json: lockstep.window_s: 1.5 is not a whole number");
  st = ApplyCoordConfigJson(R"({"similar":{"threshold":2}})", "my.json", &c);
  EXPECT_EQ(st.message(), "my.json: similar.threshold: 2 is out of range [0.01, 1]");
  st = ApplyCoordConfigJson(R"({"threads":3})", "my.json", &c);
  EXPECT_EQ(st.message(), "my.json: threads: 3 is out of range [1, 2]");
  st = ApplyCoordConfigJson(R"({"threads":0})", "my.json", &c);
  EXPECT_EQ(st.message(), "my.json: threads: 0 is out of range [1, 2]");
  st = ApplyCoordConfigJson(R"({"lockstep":3})", "my.json", &c);
  EXPECT_EQ(st.message(), "my.json: lockstep: expected an object");
  st = ApplyCoordConfigJson(R"({"repost_key":"leaf"})", "my.json", &c);
  EXPECT_EQ(st.message(), R"(my.json: repost_key: expected "direct" or "root")");
  st = ApplyCoordConfigJson("{oops", "my.json", &c);
  EXPECT_NE(st.message().find("my.json: not valid JSON"), std::string::npos) << st.message();
  EXPECT_FALSE(ApplyCoordConfigFile("/nonexistent/coord.json", &c).ok());
}

TEST(CoordConfigTest, ABadFileChangesNothing) {
  CoordConfig c = DefaultCoordConfig();
  EXPECT_FALSE(ApplyCoordConfigJson(R"({"lockstep":{"window_s":7,"nope":1}})", "x", &c).ok());
  EXPECT_EQ(c.lockstep.window_s, DefaultCoordConfig().lockstep.window_s);
}

TEST(CoordConfigTest, PrintedConfigReadsBackToTheSameValues) {
  CoordConfig c = DefaultCoordConfig();
  ASSERT_TRUE(ApplyCoordConfigJson(R"({"fraudar":{"log_c":7.5},"self_loops":true})", "x", &c).ok());
  std::string json = CoordConfigToJson(c);
  CoordConfig d = DefaultCoordConfig();
  ASSERT_TRUE(ApplyCoordConfigJson(json, "printed", &d).ok()) << json;
  EXPECT_EQ(CoordConfigToJson(d), json);
  EXPECT_DOUBLE_EQ(d.fraudar.log_c, 7.5);
  EXPECT_TRUE(d.self_loops);
}

// config/coord.json documents the compiled-in defaults; the two must not drift apart.
TEST(CoordConfigTest, ShippedConfigIsTheDefaults) {
  std::string shipped = sluice::testing::ReadFile(std::string(SLUICE_SOURCE_DIR) + "/config/coord.json");
  ASSERT_FALSE(shipped.empty());
  EXPECT_EQ(shipped, CoordConfigToJson(DefaultCoordConfig()));
}

}  // namespace
}  // namespace sluice::coord
