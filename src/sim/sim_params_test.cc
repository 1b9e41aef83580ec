#include "sim/sim_params.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace sluice::sim {
namespace {

TEST(SimParams, ScalesParseAndGrow) {
  EXPECT_EQ(ParseScale("tiny"), Scale::kTiny);
  EXPECT_EQ(ParseScale("large"), Scale::kLarge);
  EXPECT_FALSE(ParseScale("huge").has_value());
  int64_t last = 0;
  for (Scale s : {Scale::kTiny, Scale::kSmall, Scale::kMedium, Scale::kLarge}) {
    SimParams p = DefaultParams(s);
    EXPECT_GT(p.accounts, last);
    last = p.accounts;
    EXPECT_TRUE(ValidateParams(p).ok()) << ScaleName(s) << ": " << ValidateParams(p).message();
  }
}

TEST(SimParams, EveryDefaultIsInsideItsRange) {
  for (Scale s : {Scale::kTiny, Scale::kSmall, Scale::kMedium, Scale::kLarge}) {
    SimParams p = DefaultParams(s);
    std::set<std::string> keys;
    ForEachParam(p, [&](std::string_view key, const auto& v, double lo, double hi) {
      EXPECT_TRUE(keys.insert(std::string(key)).second) << "duplicate key " << key;
      EXPECT_GE(static_cast<double>(v), lo) << key;
      EXPECT_LE(static_cast<double>(v), hi) << key;
    });
    EXPECT_GT(keys.size(), 70u);
  }
}

TEST(SimParams, ConfigOverridesByKey) {
  SimParams p = DefaultParams(Scale::kTiny);
  Status st = ApplyConfigJson(R"({"camouflage_ratio": 2.5, "claims": 9, "days": 3})", "c.json", &p);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(p.camouflage_ratio, 2.5);
  EXPECT_EQ(p.claims, 9);
  EXPECT_EQ(p.days, 3);
  EXPECT_EQ(p.accounts, DefaultParams(Scale::kTiny).accounts);
}

TEST(SimParams, ConfigErrorsNameTheFileAndKey) {
  SimParams p = DefaultParams(Scale::kTiny);
  struct Case {
    const char* json;
    const char* expect;
  } cases[] = {
      {R"({"camoflage_ratio": 1})", "c.json: unknown key 'camoflage_ratio'"},
      {R"({"claims": "many"})", "c.json: key 'claims' must be a number"},
      {R"({"claims": 2.5})", "c.json: key 'claims' must be a whole number"},
      {R"({"fake_engagement_density": 1.5})", "c.json: key 'fake_engagement_density' is 1.5, outside [0, 1]"},
      {R"([1, 2])", "c.json: the config must be a JSON object"},
      {R"({"claims": )", "c.json: not valid JSON"},
  };
  for (const Case& c : cases) {
    Status st = ApplyConfigJson(c.json, "c.json", &p);
    ASSERT_FALSE(st.ok()) << c.json;
    EXPECT_EQ(st.message().rfind(c.expect, 0), 0u) << st.message();
  }
  Status missing = ApplyConfigFile("/nonexistent/sim.json", &p);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("/nonexistent/sim.json"), std::string::npos);
}

TEST(SimParams, ValidationCatchesGroupsThatDoNotFit) {
  SimParams p = DefaultParams(Scale::kTiny);
  p.campus_groups = 100;
  Status st = ValidateParams(p);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("accounts"), std::string::npos);
  p = DefaultParams(Scale::kTiny);
  p.repost_share = 0.9;
  p.comment_share = 0.2;
  EXPECT_FALSE(ValidateParams(p).ok());
}

TEST(SimParams, JsonListsEveryKeyOnce) {
  SimParams p = DefaultParams(Scale::kSmall);
  std::string json = ParamsToJson(p);
  SimParams q = DefaultParams(Scale::kTiny);
  ASSERT_TRUE(ApplyConfigJson(json, "printed", &q).ok());
  EXPECT_EQ(ParamsToJson(q), json);  // printing then loading round-trips
}

TEST(SimParams, RumorGroupsFollowTheFraction) {
  SimParams p = DefaultParams(Scale::kTiny);
  p.copy_paste_rumor_fraction = 0.25;
  int n = 0;
  for (int g = 0; g < 8; ++g) n += IsRumorGroup(p, g);
  EXPECT_EQ(n, 2);
  EXPECT_TRUE(IsRumorGroup(p, 0));
  p.copy_paste_rumor_fraction = 0;
  EXPECT_FALSE(IsRumorGroup(p, 0));
}

}  // namespace
}  // namespace sluice::sim
