#include "report/report_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <simdjson.h>

#include "core/test_util.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;
using testing::WriteFile;

const std::string kFixture = std::string(SLUICE_SOURCE_DIR) + "/tests/data/report/scan";

simdjson::dom::element Parse(simdjson::dom::parser* p, const std::string& json) {
  simdjson::dom::element e;
  EXPECT_EQ(p->parse(json).get(e), simdjson::SUCCESS) << json;
  return e;
}

TEST(ReportDataTest, GathersTheTables) {
  Result<std::string> d = ReportDataJson(kFixture);
  ASSERT_TRUE(d.ok()) << d.status().message();
  simdjson::dom::parser p;
  auto doc = Parse(&p, d.value());
  // Claims by posts: c1 has two posts by two accounts, reach summed over them.
  auto rumor = doc["rumor"].get_array().value();
  ASSERT_EQ(rumor.size(), 2u);
  EXPECT_EQ(std::string_view(rumor.at(0)["claim"].get_string().value()), "c1");
  EXPECT_EQ(rumor.at(0)["posts"].get_uint64().value(), 2u);
  EXPECT_EQ(rumor.at(0)["accounts"].get_uint64().value(), 2u);
  EXPECT_EQ(rumor.at(0)["reach"]["accounts"].get_double().value(), 44.0);
  // Spam, highest score first.
  auto spam = doc["spam"].get_array().value();
  ASSERT_EQ(spam.size(), 2u);
  EXPECT_EQ(std::string_view(spam.at(0)["id"].get_string().value()), "p000001.txt");
  EXPECT_EQ(std::string_view(spam.at(1)["id"].get_string().value()), "p9");
  // Groups, highest score first; narratives in file (rank) order.
  EXPECT_EQ(std::string_view(doc["groups"].at(0)["group"].get_string().value()), "g1");
  EXPECT_EQ(std::string_view(doc["narratives"].at(1)["id"].get_string().value()), "n000002");
  EXPECT_EQ(doc["platforms"]["weibo"]["rumor"].get_uint64().value(), 3u);
  EXPECT_EQ(doc["platforms"]["unknown"]["spam"].get_uint64().value(), 1u);
  EXPECT_EQ(doc["signals"]["rumor.claim_match"].get_uint64().value(), 3u);
  EXPECT_TRUE(doc["sources"]["clusters"].get_bool().value());
}

TEST(ReportDataTest, CutsListsAndSaysHowLongTheyWere) {
  ReportLimits limits;
  limits.list = 1;
  limits.groups = 1;
  Result<std::string> d = ReportDataJson(kFixture, limits);
  ASSERT_TRUE(d.ok()) << d.status().message();
  simdjson::dom::parser p;
  auto doc = Parse(&p, d.value());
  auto groups = doc["groups"].get_array().value();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups.at(0)["members"].get_array().value().size(), 1u);
  EXPECT_EQ(groups.at(0)["members_total"].get_uint64().value(), 2u);
  // A cluster's timeline is the chart's series: never cut.
  EXPECT_EQ(doc["narratives"].at(0)["timeline"].get_array().value().size(), 4u);
}

TEST(ReportDataTest, WithoutClustersOrGroups) {
  ScratchDir dir;
  for (const char* f : {"summary.json", "findings.jsonl"})
    fs::copy_file(fs::path(kFixture) / f, dir.Path(f));
  Result<std::string> d = ReportDataJson(dir.path().string());
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_NE(d.value().find("\"narratives\":[],\"groups\":[]"), std::string::npos);
  EXPECT_NE(d.value().find("\"sources\":{\"clusters\":false,\"groups\":false}"), std::string::npos);
}

TEST(ReportDataTest, BadLineNamesFileAndLine) {
  ScratchDir dir;
  for (const char* f : {"summary.json", "findings.jsonl"})
    fs::copy_file(fs::path(kFixture) / f, dir.Path(f));
  WriteFile(dir.Path("clusters.jsonl"), "{\"id\":\"n1\",\"rank\":1}\n\nnot json\n");
  Result<std::string> d = ReportDataJson(dir.path().string());
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("clusters.jsonl:3: not a JSON object"), std::string::npos)
      << d.status().message();
}

}  // namespace
}  // namespace sluice
