#include "ingest/record_parser.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/test_util.h"
#include "ingest/record_outcome.h"

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

class CollectingSink : public BlockSink {
 public:
  void Accepted(std::string_view line, const Record& r) override { Take(line, RecordOutcome(true, r, {})); }
  void Rejected(std::string_view line, Rejection& why) override { Take(line, RecordOutcome(false, {}, why)); }
  void Blank(std::string_view line) override { Take(line, "blank"); }
  std::vector<std::string> lines, outcomes;

 private:
  void Take(std::string_view line, std::string outcome) {
    lines.emplace_back(line);
    outcomes.push_back(std::move(outcome));
  }
};

// Parses `lines` as one block (newline-separated, like a file) and checks that every line gets
// exactly the outcome Parse gives it alone, or is blank. A line's one trailing '\r' is not part
// of it (LineReader's rule).
void ExpectBatchMatchesLines(const std::vector<std::string>& lines, bool final_newline = true) {
  std::string buf;
  for (size_t i = 0; i < lines.size(); ++i) {
    buf += lines[i];
    if (i + 1 < lines.size() || final_newline) buf += '\n';
  }
  const size_t size = buf.size();
  buf.append(simdjson::SIMDJSON_PADDING, ' ');
  RecordParser batch_parser, line_parser;
  CollectingSink sink;
  batch_parser.ParseBlock(buf.data(), size, &sink);
  ASSERT_EQ(sink.outcomes.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    EXPECT_EQ(sink.lines[i], line);
    std::string want = "blank";
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      Record r;
      Rejection why;
      bool ok = line_parser.Parse(line, 0, &r, &why);
      want = RecordOutcome(ok, r, why);
    }
    EXPECT_EQ(sink.outcomes[i], want) << "line " << i << ": " << lines[i].substr(0, 200);
  }
}

std::vector<std::string> DataCaseLines() {
  std::istringstream in(testing::ReadFile(std::string(SLUICE_SOURCE_DIR) + "/tests/data/ingest/records.txt"));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#' && line.rfind("=> ", 0) != 0) out.push_back(line);
  return out;
}

const char* kGood = R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1714550400,"device":"d1"})";

TEST(RecordParserTest, BatchGivesEveryDataCaseItsOwnOutcome) {
  std::vector<std::string> cases = DataCaseLines();
  ASSERT_GE(cases.size(), 30u);
  // Alone, then each case between good lines, so a bad line sits mid-block and is followed by
  // lines that must still come out right.
  ExpectBatchMatchesLines(cases);
  std::vector<std::string> mixed;
  for (const std::string& c : cases) {
    mixed.push_back(kGood);
    mixed.push_back(c);
    mixed.push_back(R"({"type":"post","id":7,"account":"u2","time":"2024-05-01T00:00:00Z","text":"x\u00e9","hashtags":["a"]})");
  }
  ExpectBatchMatchesLines(mixed);
}

TEST(RecordParserTest, BatchGivesLinesThatAreNotOneObjectTheirOwnOutcome) {
  // None of these is one whole object on its line: two documents on one line, a document
  // spanning two lines, bytes around a document, a scalar, an unclosed string that would
  // swallow the next line, invalid UTF-8, blank lines.
  std::vector<std::string> lines = {
      kGood,
      R"({"type":"account","id":"u1","platform":"w","created_at":1} {"type":"account","id":"u2","platform":"w","created_at":1})",
      kGood,
      R"({"type":"post","id":"p1",)",
      R"("account":"u1","time":1,"text":"x"})",
      kGood,
      std::string("  ") + kGood,
      std::string(kGood) + "  ",
      std::string(kGood) + "x",
      "42",
      R"("just a string")",
      R"([1,2,3])",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"unclosed})",
      kGood,
      "{\"type\":\"post\",\"id\":\"p\xff\",\"account\":\"u1\",\"time\":1,\"text\":\"x\"}",
      kGood,
      "",
      "   ",
      kGood,
      "{}",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1,"time":2})",
      kGood,
  };
  ExpectBatchMatchesLines(lines);
}

TEST(RecordParserTest, BatchOfManyLinesKeepsEveryLine) {
  // Many lines, with bad lines at scattered places (the first and the last among them), and
  // one line far longer than the rest.
  std::vector<std::string> lines;
  for (int i = 0; i < 3000; ++i) {
    if (i % 97 == 0 || i == 2999) lines.push_back("{\"type\":\"post\",\"id\":\"p" + std::to_string(i) + "\"");
    else if (i == 1500) lines.push_back(R"({"type":"post","id":"big","account":"u1","time":1,"text":")" + std::string(200000, 'z') + "\"}");
    else lines.push_back(R"({"type":"engagement","account":"u)" + std::to_string(i) + R"(","target":"p1","kind":"like","time":)" + std::to_string(1714550400 + i) + "}");
  }
  ExpectBatchMatchesLines(lines);
}

TEST(RecordParserTest, BatchFastPathAcceptsOnlyWhatTheDomAccepts) {
  // The batch's fast path must accept exactly the records the DOM parser accepts, field for
  // field; each of these once got (or could get) past a fast path of an earlier version.
  std::vector<std::string> lines = {
      // A string value followed by a colon: skipping an unread value took it for a key.
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"x","reply_to":"d":"p3"})",
      kGood,
      // Escapes: unescaped by the fast path itself, identical to the DOM's strings.
      R"({"type":"post","id":"p\u0032","account":"u1","time":1,"text":"a\"b\\c\/d\ne\u00e9\ud83d\ude00","hashtags":["\u0023x"]})",
      R"({"type":"post","id":"p3","account":"u1","time":1,"text":"bad \x escape"})",
      R"({"type":"post","id":"p4","account":"u1","time":1,"text":"lone \ud800 surrogate"})",
      // Shapes the fast path leaves to the DOM: unknown fields, nulls, floats, big integers,
      // escaped keys, negative counts, wrong types, empty ids.
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1,"extra":{"a":[1,{"b":null}]}})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1,"extra":tru})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1,"device":null,"ip":""})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1714550400.9})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1e9})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":01})",
      R"({"type":"engagement","account":18446744073709551615,"target":-5,"kind":"like","time":1})",
      R"({"typ\u0065":"engagement","account":"u1","target":"p1","kind":"like","time":1})",
      R"({"type":"account","id":"u2","platform":"w","created_at":1,"followers":-3})",
      R"({"type":"account","id":"u2","platform":"w","created_at":1,"followers":1.0})",
      R"({"type":"account","id":"u2","platform":"w","created_at":1,"verified":nul})",
      R"({"type":"account","id":"","platform":"w","created_at":1})",
      R"({"type":"post","id":"p5","account":"u1","time":1,"text":"x","urls":["a",1]})",
      R"({"type":"post","id":"p6","account":"u1","time":1,"text":"x","hashtags":"#x"})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1,})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1 "ip":"i"})",
      R"({"type":"account","id":17,"platform":"w","created_at":"2024-05-01T08:00:00+08:00","followers":0,"verified":false})",
      R"({"type":"claim","id":"c1","text":"t","verdict":"false","source":"s","published":"2024-05-01T00:00:00Z"})",
      kGood,
  };
  ExpectBatchMatchesLines(lines);
  // Last line: a whole record, then the start of another (simdjson's document stream once
  // dropped the partial one without an error), with and without a final newline.
  std::vector<std::string> tail = {
      kGood, R"({"type":"account","id":42,"platform":"weibo","created_at":1704067200}{"type":"acc)"};
  ExpectBatchMatchesLines(tail);
  ExpectBatchMatchesLines(tail, false);
  // Last line: a whole record, then the first byte of a two-byte UTF-8 sequence (invalid
  // UTF-8 after the object).
  std::vector<std::string> bad_tail = {kGood, std::string(kGood) + "\xCC"};
  ExpectBatchMatchesLines(bad_tail);
  ExpectBatchMatchesLines(bad_tail, false);
}

TEST(RecordParserTest, BatchHandScannerEdgesMatchTheDom) {
  // The fast path reads lines by hand; at each edge of the grammar it accepts, the outcome must
  // be the DOM parser's: numbers at the int64 and time limits, signs and leading zeros, JSON
  // whitespace (a tab, a carriage return) between tokens, a byte-order mark, surrogate pairs and
  // lone halves, \u0000, bad escapes, a raw tab in a string, literals run into other bytes,
  // empty and nested arrays, an escaped quote in a key, trailing bytes.
  std::vector<std::string> lines = {
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":0})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":-0})",
      R"({"type":"engagement","account":0,"target":123456789012345678,"kind":"like","time":4102444800})",
      R"({"type":"engagement","account":1234567890123456789,"target":"p1","kind":"like","time":4102444801})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":007})",
      "{ \"type\" : \"engagement\" ,\t\"account\":\"u1\" , \"target\":\"p1\",\"kind\":\"like\",\"time\":1 }\r",
      "{\"type\":\"engagement\",\"account\":\"u1\",\"target\":\"p1\",\"kind\":\"like\",\"time\":1}\r\r",
      "\xEF\xBB\xBF{\"type\":\"engagement\",\"account\":\"u1\",\"target\":\"p1\",\"kind\":\"like\",\"time\":1}",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"\ud83d\ude02 pair"})",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"\ud83d lone high"})",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"\ude02 lone low"})",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"nul \u0000 byte"})",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"bad \u12G4 hex"})",
      "{\"type\":\"post\",\"id\":\"p1\",\"account\":\"u1\",\"time\":1,\"text\":\"raw\ttab\"}",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"x","urls":[ ],"hashtags":[ "a" , "b" ],"mentions":[["c"]]})",
      R"({"type":"post","id":"p1","account":"u1","time":1,"text":"x","urls":["a",]})",
      R"({"type":"account","id":"u1","platform":"w","created_at":1,"verified":truex})",
      R"({"type":"account","id":"u1","platform":"w","created_at":"2024-05-01T08:00:00Z","name":"\"q\" \\ \/ \b\f\n\r\t"})",
      R"({"ty\"pe":"account","id":"u1","platform":"w","created_at":1})",
      R"({"type":"claim","id":"c1","text":"claim text","verdict":"false","source":"x","published":1700000000})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1}   x)",
      // The expected order of a type's fields, broken: a repeat, a null type, a type's fields
      // in another order or after an unknown field, spaces before a colon.
      R"({"type":"engagement","account":"u1","account":"u2","target":"p1","kind":"like","time":1})",
      R"({"type":"engagement","account":"u1","target":"p1","target":"p2","kind":"like","time":1})",
      R"({"type":null,"account":"u1","target":"p1","kind":"like","time":1})",
      R"({"type":"engagement","time":1,"kind":"like","target":"p1","account":"u1"})",
      R"({"type":"post","x":1,"id":"p1","account":"u1","time":1,"text":"t"})",
      R"({"type":"account","id" :"u1","platform": "w","created_at":1})",
      R"({"type":"claim","id":"c1","text":"t","id":"c2"})",
      R"({"id":"c1","type":"claim","text":"t"})",
  };
  ExpectBatchMatchesLines(lines);
}

TEST(RecordParserTest, BatchReadsCommonShapesOnTheFastPath) {
  // Whitespace between tokens, a carriage return before the newline, integer ids and escapes in
  // other fields do not send a line to the DOM: its plain text is still read in place.
  std::vector<std::string> lines = {
      "{ \"type\" : \"post\" ,\t\"id\" : 12 , \"account\":\"u\\u0031\",\"time\":1,\"text\":\"t0\" }\r",
      R"({"type":"post","id":"p2","account":"u1","time":"2024-05-01T00:00:00Z","text":"t1","hashtags":["a\nb"],"urls":[]})",
  };
  std::string buf;
  for (const std::string& l : lines) buf += l + "\n";
  const size_t size = buf.size();
  buf.append(simdjson::SIMDJSON_PADDING, ' ');
  RecordParser parser;
  class Sink : public BlockSink {
   public:
    void Accepted(std::string_view, const Record& r) override { at.push_back(r.post.text.data()), ids.push_back(std::string(r.post.id)); }
    void Rejected(std::string_view, Rejection& why) override { ADD_FAILURE() << why.detail; }
    void Blank(std::string_view) override { ADD_FAILURE() << "blank"; }
    std::vector<const char*> at;
    std::vector<std::string> ids;
  } sink;
  parser.ParseBlock(buf.data(), size, &sink);
  ASSERT_EQ(sink.at.size(), 2u);
  EXPECT_EQ(sink.at[0], buf.data() + buf.find("t0"));
  EXPECT_EQ(sink.at[1], buf.data() + buf.find("t1"));
  EXPECT_EQ(sink.ids, (std::vector<std::string>{"12", "p2"}));
}

// Collects accepted records' texts and where they point.
class TextSink : public BlockSink {
 public:
  void Accepted(std::string_view, const Record& r) override { texts.push_back(std::string(r.post.text)), at.push_back(r.post.text.data()); }
  void Rejected(std::string_view, Rejection& why) override { ADD_FAILURE() << why.detail; }
  void Blank(std::string_view) override { ADD_FAILURE() << "blank"; }
  std::vector<std::string> texts;
  std::vector<const char*> at;
};

TEST(RecordParserTest, BatchReadsPlainStringsInPlace) {
  // A string without escapes is read where it lies in the block (no copy); one with escapes is
  // unescaped elsewhere.
  std::string a = R"({"type":"post","id":"p1","account":"u1","time":1,"text":"plain text"})";
  std::string b = R"({"type":"post","id":"p2","account":"u1","time":1,"text":"tab\there"})";
  std::string buf = a + "\n" + b + "\n";
  const size_t size = buf.size();
  buf += std::string(simdjson::SIMDJSON_PADDING, ' ');
  RecordParser parser;
  TextSink sink;
  parser.ParseBlock(buf.data(), size, &sink);
  ASSERT_EQ(sink.texts.size(), 2u);
  EXPECT_EQ(sink.texts[0], "plain text");
  EXPECT_EQ(sink.at[0], buf.data() + a.find("plain text"));
  EXPECT_EQ(sink.texts[1], "tab\there");
  EXPECT_TRUE(sink.at[1] < buf.data() || sink.at[1] >= buf.data() + buf.size());
}

TEST(RecordOutcomeTest, TellsEveryFieldAndAbsentFromPresent) {
  RecordParser parser;
  auto outcome = [&](const std::string& line) {
    Record r;
    Rejection why;
    bool ok = parser.Parse(line, 0, &r, &why);
    return RecordOutcome(ok, r, why);
  };
  std::string base = R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1)";
  EXPECT_EQ(outcome(base + "}"), "engagement|u1|p1|1|like|-|-");
  EXPECT_NE(outcome(base + "}"), outcome(base + R"(,"device":"-"})"));
  EXPECT_NE(outcome(base + R"(,"ip":"x"})"), outcome(base + R"(,"ip":"y"})"));
  EXPECT_EQ(outcome(R"({"type":"nope"})").rfind("reject unknown_type: ", 0), 0u);
}

}  // namespace
}  // namespace sluice
