#include "ingest/record_parser.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/test_util.h"

namespace sluice {
namespace {

// Runs every case of tests/data/ingest/records.txt (format described at its top).
TEST(RecordParserTest, DataCases) {
  std::string path = std::string(SLUICE_SOURCE_DIR) + "/tests/data/ingest/records.txt";
  std::istringstream in(testing::ReadFile(path));
  ASSERT_FALSE(in.str().empty()) << path;
  RecordParser parser;
  std::string expect, line;
  int cases = 0, line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.rfind("=> ", 0) == 0) {
      expect = line.substr(3);
      continue;
    }
    if (line.empty() || line[0] == '#' || expect.empty()) continue;
    ++cases;
    Record rec;
    Rejection why;
    bool ok = parser.Parse(line, 0, &rec, &why);
    std::istringstream ex(expect);
    std::string want, detail;
    ex >> want >> detail;
    if (want == "ok") {
      EXPECT_TRUE(ok) << "line " << line_no << ": " << why.detail;
      if (ok) {
        EXPECT_EQ(RecordTypeName(rec.type), detail) << "line " << line_no;
      }
    } else {
      EXPECT_FALSE(ok) << "line " << line_no << " parsed but expected " << want;
      if (!ok) {
        EXPECT_EQ(RejectReasonName(why.reason), want) << "line " << line_no << ": " << why.detail;
        EXPECT_NE(why.detail.find(detail), std::string::npos)
            << "line " << line_no << ": '" << why.detail << "' lacks '" << detail << "'";
      }
    }
    expect.clear();
  }
  EXPECT_GE(cases, 30);
}

TEST(RecordParserTest, FieldsAreRead) {
  RecordParser parser;
  Record r;
  Rejection why;
  ASSERT_TRUE(parser.Parse(
      R"({"type":"post","id":12345678901,"account":"u1","time":"2024-05-01T00:00:00Z","text":"a\"b","urls":["http://x"],"hashtags":["t1","t2"],"device":"dev"})",
      0, &r, &why));
  EXPECT_EQ(r.post.id, "12345678901");
  EXPECT_EQ(r.post.time, 1714521600);
  EXPECT_EQ(r.post.text, "a\"b");
  EXPECT_EQ(r.post.urls.size(), 1u);
  EXPECT_EQ(r.post.hashtags.size(), 2u);
  EXPECT_EQ(r.post.device.value_or(""), "dev");
  EXPECT_FALSE(r.post.repost_of.has_value());
  // The next parse must not see the previous line's lists.
  ASSERT_TRUE(parser.Parse(R"({"type":"post","id":"p","account":"u","time":1,"text":""})", 0, &r, &why));
  EXPECT_TRUE(r.post.urls.empty());
  EXPECT_TRUE(r.post.hashtags.empty());
}

TEST(RecordParserTest, FractionalUnixSecondsAreFloored) {
  RecordParser parser;
  Record r;
  Rejection why;
  ASSERT_TRUE(parser.Parse(R"({"type":"engagement","account":"a","target":"p","kind":"like","time":100.9})",
                           0, &r, &why));
  EXPECT_EQ(r.engagement.time, 100);
  EXPECT_EQ(r.engagement.kind, EngagementKind::kLike);
}

TEST(RecordParserTest, TooManyTermsIsABadValue) {
  std::string tags;
  for (int i = 0; i < 256; ++i) tags += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
  RecordParser parser;
  Record r;
  Rejection why;
  EXPECT_FALSE(parser.Parse(R"({"type":"post","id":"p","account":"a","time":1,"text":"x","hashtags":[)" + tags + "]}", 0, &r, &why));
  EXPECT_EQ(why.reason, RejectReason::kBadValue);
}

}  // namespace
}  // namespace sluice
