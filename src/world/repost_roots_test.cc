#include "world/repost_roots.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/record_parser.h"
#include "world/world_builder.h"

namespace sluice {
namespace {

// A chain s ← r1 ← r2, a repost r3 of a post never declared (ghost), and a cycle x ↔ y.
World ChainWorld() {
  RecordParser parser;
  WorldBuilder builder{"salt"};
  for (const char* line : {
           R"({"type":"post","id":"s","account":"a","time":1,"text":"source"})",
           R"({"type":"post","id":"r1","account":"b","time":2,"text":"","repost_of":"s"})",
           R"({"type":"post","id":"r2","account":"c","time":3,"text":"","repost_of":"r1"})",
           R"({"type":"post","id":"r3","account":"d","time":4,"text":"","repost_of":"ghost"})",
           R"({"type":"post","id":"x","account":"e","time":5,"text":"","repost_of":"y"})",
           R"({"type":"post","id":"y","account":"f","time":6,"text":"","repost_of":"x"})"}) {
    Record r;
    Rejection why;
    EXPECT_TRUE(parser.Parse(line, 0, &r, &why)) << why.detail;
    EXPECT_TRUE(builder.Add(r, &why)) << why.detail;
  }
  return builder.Finalize(nullptr);
}

TEST(RepostRootsTest, ChainsEndAtTheirOriginalOrAtTheLastDeclaredPost) {
  World w = ChainWorld();
  const PostTable& p = w.posts;
  auto id = [&](const char* s) { return p.ids.Find(s); };
  uint64_t cycles = 0;
  std::vector<PostId> any = RepostRoots(p, ChainEnd::kAnyPost);
  std::vector<PostId> known = RepostRoots(p, ChainEnd::kDeclaredPost, &cycles);
  ASSERT_EQ(any.size(), p.size());
  for (const char* q : {"s", "r1", "r2"}) {
    EXPECT_EQ(any[id(q)], id("s")) << q;
    EXPECT_EQ(known[id(q)], id("s")) << q;
  }
  // A repost of an unknown post: its root is the unknown post, or itself among declared ones.
  EXPECT_EQ(any[id("r3")], id("ghost"));
  EXPECT_EQ(known[id("r3")], id("r3"));
  // The cycle is cut once, and both of its posts share the root where it was cut.
  EXPECT_EQ(cycles, 1u);
  EXPECT_EQ(any[id("x")], any[id("y")]);
  EXPECT_EQ(known[id("x")], known[id("y")]);
}

}  // namespace
}  // namespace sluice
