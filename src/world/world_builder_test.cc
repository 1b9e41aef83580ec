#include "world/world_builder.h"

#include <gtest/gtest.h>

#include "ingest/record_parser.h"

namespace sluice {
namespace {

class WorldBuilderTest : public ::testing::Test {
 protected:
  bool Add(const std::string& json) {
    Record r;
    Rejection why;
    if (!parser_.Parse(json, 0, &r, &why)) {
      ADD_FAILURE() << "parse: " << why.detail;
      return false;
    }
    last_ = Rejection{};
    return builder_.Add(r, &last_);
  }
  RecordParser parser_;
  WorldBuilder builder_{"salt"};
  Rejection last_;
};

TEST_F(WorldBuilderTest, ReferencesBeforeDeclarationsResolve) {
  ASSERT_TRUE(Add(R"({"type":"engagement","account":"u2","target":"p1","kind":"repost","time":30})"));
  ASSERT_TRUE(Add(R"({"type":"post","id":"p2","account":"u2","time":20,"text":"b","repost_of":"p1"})"));
  ASSERT_TRUE(Add(R"({"type":"post","id":"p1","account":"u1","time":10,"text":"a","hashtags":["h"],"urls":["u"]})"));
  ASSERT_TRUE(Add(R"({"type":"account","id":"u1","platform":"weibo","created_at":1})"));
  DanglingCounts d;
  World w = builder_.Finalize(&d);
  EXPECT_EQ(d.total(), 2u);  // u2 never declared: one post and one engagement by it
  EXPECT_EQ(d.post_account, 1u);
  EXPECT_EQ(d.engagement_account, 1u);
  PostId p1 = w.posts.ids.Find("p1"), p2 = w.posts.ids.Find("p2");
  EXPECT_EQ(w.posts.repost_of[p2], p1);
  EXPECT_EQ(w.posts.text(p1), "a");
  EXPECT_EQ(w.posts.text(p2), "b");
  EXPECT_EQ(w.posts.n_urls[p1], 1);
  EXPECT_EQ(w.posts.n_hashtags[p1], 1);
  EXPECT_EQ(w.hashtags.Get(w.posts.terms[w.posts.term_begin[p1] + 1]), "h");
  EXPECT_TRUE(w.accounts.declared[w.accounts.ids.Find("u1")]);
  EXPECT_FALSE(w.accounts.declared[w.accounts.ids.Find("u2")]);
}

TEST_F(WorldBuilderTest, DuplicateIdsAreRefusedAndChangeNothing) {
  ASSERT_TRUE(Add(R"({"type":"account","id":"u1","platform":"weibo","created_at":1,"followers":5})"));
  EXPECT_FALSE(Add(R"({"type":"account","id":"u1","platform":"x","created_at":2,"followers":9})"));
  EXPECT_EQ(last_.reason, RejectReason::kDuplicateId);
  ASSERT_TRUE(Add(R"({"type":"claim","id":"c1","text":"t"})"));
  EXPECT_FALSE(Add(R"({"type":"claim","id":"c1","text":"u"})"));
  World w = builder_.Finalize(nullptr);
  EXPECT_EQ(w.accounts.followers[0], 5);
  EXPECT_EQ(w.claims.size(), 1u);
  EXPECT_EQ(w.claims.text[0], "t");
}

TEST_F(WorldBuilderTest, EngagementsSortStablyByTime) {
  ASSERT_TRUE(Add(R"({"type":"engagement","account":"a","target":"p","kind":"like","time":50})"));
  ASSERT_TRUE(Add(R"({"type":"engagement","account":"b","target":"p","kind":"like","time":10})"));
  ASSERT_TRUE(Add(R"({"type":"engagement","account":"c","target":"p","kind":"like","time":50})"));
  World w = builder_.Finalize(nullptr);
  std::vector<std::string> order;
  for (size_t i = 0; i < w.engagements.size(); ++i)
    order.emplace_back(w.accounts.ids.Get(w.engagements.account[i]));
  EXPECT_EQ(order, (std::vector<std::string>{"b", "a", "c"}));
}

}  // namespace
}  // namespace sluice
