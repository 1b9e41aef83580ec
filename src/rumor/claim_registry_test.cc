#include "rumor/claim_registry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "rumor/claims_file.h"

namespace sluice::rumor {
namespace {

// A path in the test's temporary directory, removed when the test ends.
class TempPath {
 public:
  explicit TempPath(const std::string& name)
      : path_(::testing::TempDir() + "/" + std::to_string(::getpid()) + "_" + name) {
    std::remove(path_.c_str());
  }
  ~TempPath() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }
  void Write(const std::string& s) const { std::ofstream(path_, std::ios::binary) << s; }

 private:
  std::string path_;
};

Claim C(std::string id, std::string text) { return Claim{std::move(id), std::move(text), "src", "false", 1700000000}; }

std::vector<std::string> Ids(const ClaimRegistry& r) {
  std::vector<std::string> ids;
  for (const ClaimInfo& c : r.List()) ids.push_back(c.claim.id);
  return ids;
}

TEST(ClaimRegistryTest, AddListRemove) {
  ClaimRegistry r{RumorConfig{}};
  ASSERT_TRUE(r.Add({C("b", "第二条谣言的内容在这里写得够长"), C("a", "第一条谣言的内容在这里写得够长"),
                     C("s", "太短")}).ok());
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"a", "b", "s"}));
  EXPECT_EQ(r.size(), 3u);
  EXPECT_EQ(r.matchable(), 2u);
  std::vector<ClaimInfo> list = r.List();
  EXPECT_FALSE(list[2].matchable);
  EXPECT_EQ(list[2].chars, 2u);
  bool found = false;
  ASSERT_TRUE(r.Remove("a", &found).ok());
  EXPECT_TRUE(found);
  ASSERT_TRUE(r.Remove("a", &found).ok());
  EXPECT_FALSE(found);
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"b", "s"}));
  EXPECT_EQ(r.matchable(), 1u);
}

TEST(ClaimRegistryTest, AddingAnExistingIdReplacesIt) {
  ClaimRegistry r{RumorConfig{}};
  ASSERT_TRUE(r.Add({C("a", "第一条谣言的内容在这里写得够长")}).ok());
  ASSERT_TRUE(r.Add({C("a", "改过的谣言内容也写得足够长了")}).ok());
  std::vector<ClaimInfo> list = r.List();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].claim.text, "改过的谣言内容也写得足够长了");
}

TEST(ClaimRegistryTest, EmptyIdIsRefusedAndNothingIsAdded) {
  ClaimRegistry r{RumorConfig{}};
  Status st = r.Add({C("a", "第一条谣言的内容在这里写得够长"), C("", "没有编号的谣言内容")});
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(r.size(), 0u);
}

TEST(ClaimRegistryTest, PersistsAndReloads) {
  TempPath db("claims.db");
  {
    Result<std::unique_ptr<ClaimRegistry>> r = ClaimRegistry::Open(db.path(), RumorConfig{});
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(r.value()->Add({C("a", "第一条谣言的内容在这里写得够长"),
                                C("b", "第二条谣言的内容在这里写得够长"),
                                C("c", "第三条谣言的内容在这里写得够长")}).ok());
    bool found;
    ASSERT_TRUE(r.value()->Remove("b", &found).ok());
    ASSERT_TRUE(r.value()->Add({C("c", "第三条谣言改过以后的内容")}).ok());
  }
  Result<std::unique_ptr<ClaimRegistry>> r = ClaimRegistry::Open(db.path(), RumorConfig{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<ClaimInfo> list = r.value()->List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].claim.id, "a");
  EXPECT_EQ(list[0].claim.source, "src");
  EXPECT_EQ(list[0].claim.verdict, "false");
  EXPECT_EQ(list[0].claim.published, 1700000000);
  EXPECT_EQ(list[1].claim.text, "第三条谣言改过以后的内容");
  // The database is also a claims file.
  Result<std::vector<Claim>> claims = ReadClaims(db.path());
  ASSERT_TRUE(claims.ok()) << claims.status().message();
  EXPECT_EQ(claims.value().size(), 2u);
}

TEST(ClaimRegistryTest, NotADatabaseIsAnError) {
  TempPath f("not_a.db");
  f.Write(std::string("SQLite format 3") + '\0' + std::string(200, 'x'));
  Result<std::unique_ptr<ClaimRegistry>> r = ClaimRegistry::Open(f.path(), RumorConfig{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(f.path()), std::string::npos) << r.status().message();
}

TEST(ClaimsFileTest, ReadsJsonlWithAndWithoutType) {
  TempPath f("claims.jsonl");
  f.Write("{\"type\":\"claim\",\"id\":\"a\",\"text\":\"x\",\"published\":\"2024-01-01T00:00:00Z\"}\n"
          "\n"
          "{\"id\":7,\"text\":\"y\",\"source\":\"s\",\"verdict\":null}\n");
  Result<std::vector<Claim>> r = ReadClaims(f.path());
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r.value().size(), 2u);
  EXPECT_EQ(r.value()[0].published, 1704067200);
  EXPECT_EQ(r.value()[1].id, "7");
  EXPECT_EQ(r.value()[1].source, "s");
}

TEST(ClaimsFileTest, BadLinesNameFileLineAndReason) {
  struct Case {
    std::string content, error;
  };
  std::vector<Case> cases = {
      {"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}\n", ":2: missing field 'text'"},
      {"{\"text\":\"x\"}\n", ":1: missing field 'id'"},
      {"{\"id\":\"\",\"text\":\"x\"}\n", ":1: field 'id' must be a non-empty string or an integer"},
      {"{\"id\":\"a\",\"text\":5}\n", ":1: field 'text' must be a string"},
      {"{\"type\":\"post\",\"id\":\"a\",\"text\":\"x\"}\n", ":1: field 'type' must be \"claim\""},
      {"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n", ":2: duplicate claim id 'a'"},
      {"{\"id\":\"a\",\"text\":\"x\",\"published\":\"yesterday\"}\n",
       ":1: field 'published' is not an RFC 3339 time"},
      {"[1]\n", ":1: a claim must be a JSON object"},
      {"{\"id\":\"a\",\n", ":1: not valid JSON"},
  };
  for (const Case& c : cases) {
    TempPath f("bad.jsonl");
    f.Write(c.content);
    Result<std::vector<Claim>> r = ReadClaims(f.path());
    ASSERT_FALSE(r.ok()) << c.content;
    EXPECT_EQ(r.status().message().rfind(f.path() + c.error, 0), 0u)
        << r.status().message() << " vs " << c.error;
  }
  Result<std::vector<Claim>> missing = ReadClaims("/nonexistent/claims.jsonl");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/claims.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace sluice::rumor
