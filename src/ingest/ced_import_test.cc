// The CED adapter on a fixture the test writes itself (invented texts; the dataset's own texts
// must never enter the repository).
#include "ingest/ced_import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest.h"
#include "ingest/line_reader.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every line of a plain or zstd file.
std::vector<std::string> ReadLines(const fs::path& p) {
  std::vector<std::string> out;
  auto reader = LineReader::Open(p.string(), 1 << 20);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return out;
  Line line;
  for (;;) {
    Result<bool> more = reader.value()->Next(&line);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !more.value()) break;
    out.emplace_back(line.bytes);
  }
  return out;
}

void WriteZst(const fs::path& p, const std::string& text) {
  OutputStream out;
  ASSERT_TRUE(out.Open(p.string()).ok());
  ASSERT_TRUE(out.Write(text).ok());
  ASSERT_TRUE(out.Commit().ok());
}

const char* kOriginals =
    R"({"mid":"S1","uid":"100","label":"rumor","time":1347334462,"text":"某地出了大事，速转！","reposts":3,"comments":0,"likes":0,"pics":1,"has_url":false,"user":{"verified":true,"description":true,"gender":"f","messages":10,"followers":500,"location":"某地","time":1300000000,"friends":20,"verified_type":0}})" "\n"
    R"({"mid":"S2","uid":"200","label":"nonrumor","time":"Tue Sep 11 19:23:20 +0800 2012","text":"今天天气不错","user":"empty"})" "\n"
    R"({"mid":"S3","uid":"300","label":"rumor","time":"yesterday","text":"时间写错了","user":"empty"})" "\n"
    "\n"
    R"({"mid":"S4","uid":"100","label":"nonrumor","time":1347400000,"text":"同一作者的第二条","user":{"verified":false,"followers":999,"friends":1,"time":1300000000}})" "\n"
    "not json\n";

const char* kReposts =
    R"({"root":"S1","mid":"R1","uid":"300","parent":"","text":"","date":"2012-09-16 15:05:11"})" "\n"
    R"({"root":"S1","mid":"R2","uid":"400","parent":"R1","text":"评论一下\"引号\"","date":"2012-09-16 16:00:00"})" "\n"
    R"({"root":"S1","mid":"R1","uid":"300","parent":"R9","text":"","date":"2012-09-16 15:05:11"})" "\n"
    R"({"root":"S2","mid":"R3","uid":"100","parent":"","text":"新年","date":"01月02日 08:00"})" "\n"
    R"({"root":"S1","mid":"R4","uid":"500","parent":"","text":"","date":"2012-13-01 00:00:00"})" "\n"
    R"({"root":"S1","mid":"R5","uid":"500"})" "\n"
    R"({"root":"S3","mid":"R6","uid":"600","parent":"","text":"","date":"2012-09-20 00:00:00"})" "\n"
    R"({"root":"S1","mid":"R7","uid":"600","parent":"","text":"早于原帖","date":"2012-09-10 00:00:00"})" "\n";

class CedImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sluice_ced_import_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "ced");
    WriteZst(dir_ / "ced" / "originals.jsonl.zst", kOriginals);
    WriteZst(dir_ / "ced" / "reposts.jsonl.zst", kReposts);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Imports dir_/ced into `out` (and truth.jsonl); returns the import's status.
  Status Import(const fs::path& out, CedImportStats* stats, RejectSink* rejects) {
    OutputStream events, truth;
    SLUICE_RETURN_IF_ERROR(events.Open(out.string()));
    SLUICE_RETURN_IF_ERROR(truth.Open((dir_ / "truth.jsonl").string()));
    SLUICE_RETURN_IF_ERROR(ImportCed((dir_ / "ced").string(), CedImportOptions{}, &events, &truth,
                                     rejects, stats));
    SLUICE_RETURN_IF_ERROR(events.Commit());
    return truth.Commit();
  }
  fs::path dir_;
};

TEST_F(CedImportTest, WritesPostsRepostsEngagementsAndAccounts) {
  CedImportStats st;
  RejectSink rejects(10, 256);
  Status s = Import(dir_ / "events.jsonl", &st, &rejects);
  ASSERT_TRUE(s.ok()) << s.message();
  std::vector<std::string> want = {
      R"({"type":"post","id":"S1","account":"100","time":1347334462,"text":"某地出了大事，速转！","platform":"weibo"})",
      R"({"type":"post","id":"S2","account":"200","time":1347362600,"text":"今天天气不错","platform":"weibo"})",
      R"({"type":"post","id":"S4","account":"100","time":1347400000,"text":"同一作者的第二条","platform":"weibo"})",
      R"({"type":"post","id":"R1","account":"300","time":1347779111,"text":"","platform":"weibo","repost_of":"S1"})",
      R"({"type":"engagement","account":"300","target":"S1","kind":"repost","time":1347779111})",
      R"({"type":"post","id":"R2","account":"400","time":1347782400,"text":"评论一下\"引号\"","platform":"weibo","repost_of":"R1"})",
      R"({"type":"engagement","account":"400","target":"R1","kind":"repost","time":1347782400})",
      R"({"type":"post","id":"R3","account":"100","time":1357084800,"text":"新年","platform":"weibo","repost_of":"S2"})",
      R"({"type":"engagement","account":"100","target":"S2","kind":"repost","time":1357084800})",
      R"({"type":"post","id":"R6","account":"600","time":1348070400,"text":"","platform":"weibo","repost_of":"S3"})",
      R"({"type":"engagement","account":"600","target":"S3","kind":"repost","time":1348070400})",
      R"({"type":"post","id":"R7","account":"600","time":1347206400,"text":"早于原帖","platform":"weibo","repost_of":"S1"})",
      R"({"type":"engagement","account":"600","target":"S1","kind":"repost","time":1347206400})",
      R"({"type":"account","id":"100","platform":"weibo","created_at":1300000000,"followers":500,"following":20,"verified":true})",
      R"({"type":"account","id":"200","platform":"weibo","created_at":0})",
      R"({"type":"account","id":"300","platform":"weibo","created_at":0})",
      R"({"type":"account","id":"400","platform":"weibo","created_at":0})",
      R"({"type":"account","id":"600","platform":"weibo","created_at":0})",
  };
  EXPECT_EQ(ReadLines(dir_ / "events.jsonl"), want);
  EXPECT_EQ(ReadLines(dir_ / "truth.jsonl"),
            (std::vector<std::string>{R"({"subject":"post","id":"S1","label":"rumor"})",
                                      R"({"subject":"post","id":"S2","label":"organic"})",
                                      R"({"subject":"post","id":"S4","label":"organic"})"}));
  EXPECT_EQ(st.source_lines, 6u);
  EXPECT_EQ(st.repost_lines, 8u);
  EXPECT_EQ(st.source_posts, 3u);
  EXPECT_EQ(st.rumor_sources, 1u);
  EXPECT_EQ(st.nonrumor_sources, 2u);
  EXPECT_EQ(st.reposts, 5u);
  EXPECT_EQ(st.accounts, 5u);
  EXPECT_EQ(st.accounts_with_profile, 1u);
  EXPECT_EQ(st.dates_without_year, 1u);
  EXPECT_EQ(st.reposts_before_source, 1u);
  EXPECT_EQ(st.rejected, 5u);
}

TEST_F(CedImportTest, BadLinesAreRejectedWithFileLineAndReason) {
  CedImportStats st;
  RejectSink rejects(10, 256);
  ASSERT_TRUE(Import(dir_ / "events.jsonl", &st, &rejects).ok());
  std::string originals = (dir_ / "ced" / "originals.jsonl.zst").string();
  std::string reposts = (dir_ / "ced" / "reposts.jsonl.zst").string();
  struct Want {
    std::string file;
    uint64_t line;
    RejectReason reason;
    std::string detail;
  };
  std::vector<Want> want = {
      {originals, 3, RejectReason::kBadTime, "field 'time' is not a time CED uses"},
      {originals, 6, RejectReason::kInvalidJson, "not valid JSON"},
      {reposts, 3, RejectReason::kDuplicateId, "mid 'R1' already seen at reposts line 1"},
      {reposts, 5, RejectReason::kBadTime, "field 'date' is not"},
      {reposts, 6, RejectReason::kMissingField, "missing field 'date'"},
  };
  ASSERT_EQ(rejects.first().size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const RejectEntry& e = rejects.first()[i];
    EXPECT_EQ(e.file, want[i].file);
    EXPECT_EQ(e.line, want[i].line);
    EXPECT_EQ(e.reason, want[i].reason) << e.detail;
    EXPECT_EQ(e.detail.rfind(want[i].detail, 0), 0u) << e.detail;
  }
  EXPECT_EQ(rejects.first()[4].raw, R"({"root":"S1","mid":"R5","uid":"500"})");
}

TEST_F(CedImportTest, OutputPassesSchemaValidation) {
  CedImportStats st;
  RejectSink import_rejects(10, 256);
  ASSERT_TRUE(Import(dir_ / "events.jsonl.zst", &st, &import_rejects).ok());
  RejectSink rejects(10, 256);
  IngestStats in;
  Result<World> w = Ingest({(dir_ / "events.jsonl.zst").string()}, IngestOptions{}, &rejects, &in);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(rejects.total(), 0u) << rejects.first()[0].detail;
  EXPECT_EQ(in.accepted[static_cast<int>(RecordType::kAccount)], 5u);
  EXPECT_EQ(in.accepted[static_cast<int>(RecordType::kPost)], 8u);
  EXPECT_EQ(in.accepted[static_cast<int>(RecordType::kEngagement)], 5u);
  // R6 reposts S3, whose line was rejected: the reference is kept and counted as dangling.
  EXPECT_EQ(in.dangling.post_repost_of, 1u);
  EXPECT_EQ(in.dangling.engagement_target, 1u);
  EXPECT_EQ(in.dangling.post_account, 0u);
}

TEST_F(CedImportTest, SameInputGivesSameBytes) {
  CedImportStats st;
  RejectSink r1(0, 0), r2(0, 0);
  ASSERT_TRUE(Import(dir_ / "a.jsonl.zst", &st, &r1).ok());
  ASSERT_TRUE(Import(dir_ / "b.jsonl.zst", &st, &r2).ok());
  std::string a = Slurp(dir_ / "a.jsonl.zst");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, Slurp(dir_ / "b.jsonl.zst"));
}

TEST_F(CedImportTest, MissingOrTruncatedInputStopsWithAnError) {
  CedImportStats st;
  RejectSink rejects(0, 0);
  fs::remove(dir_ / "ced" / "reposts.jsonl.zst");
  Status s = Import(dir_ / "events.jsonl", &st, &rejects);
  EXPECT_EQ(s.message(), (dir_ / "ced" / "reposts.jsonl.zst").string() + ": no such file");
  EXPECT_FALSE(fs::exists(dir_ / "events.jsonl"));

  std::string z = Slurp(dir_ / "ced" / "originals.jsonl.zst");
  std::ofstream(dir_ / "ced" / "originals.jsonl.zst", std::ios::binary | std::ios::trunc)
      << z.substr(0, z.size() / 2);
  s = Import(dir_ / "events.jsonl", &st, &rejects);
  EXPECT_NE(s.message().find("truncated zstd stream"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "events.jsonl"));
}

TEST(CedTimes, WeiboApiFormat) {
  EXPECT_EQ(ParseWeiboApiTime("Tue Sep 11 19:23:20 +0800 2012"), 1347362600);
  EXPECT_EQ(ParseWeiboApiTime("Tue Sep 11 11:23:20 +0000 2012"), 1347362600);
  EXPECT_EQ(ParseWeiboApiTime("Tue Sep 11 19:23:20 0800 2012"), std::nullopt);
  EXPECT_EQ(ParseWeiboApiTime("Tue Sap 11 19:23:20 +0800 2012"), std::nullopt);
  EXPECT_EQ(ParseWeiboApiTime("ueS ep 11 19:23:20 +0800 2012"), std::nullopt);
  EXPECT_EQ(ParseWeiboApiTime("Tue Feb 30 19:23:20 +0800 2012"), std::nullopt);
  EXPECT_EQ(ParseWeiboApiTime(""), std::nullopt);
}

TEST(CedTimes, BeijingTimeIsUtcPlusEight) {
  EXPECT_EQ(ParseBeijingTime("2012-09-16 15:05:11"), 1347779111);
  EXPECT_EQ(ParseBeijingTime("1970-01-01 08:00:00"), 0);
  EXPECT_EQ(ParseBeijingTime("2012-09-16T15:05:11"), std::nullopt);
  EXPECT_EQ(ParseBeijingTime("2012-09-16 15:05"), std::nullopt);
  EXPECT_EQ(ParseBeijingTime("2012-09-16 15:05:11Z"), std::nullopt);
}

TEST(CedTimes, DateWithoutYearTakesTheFirstYearNotBeforeTheSource) {
  UnixSeconds source = 1347362600;  // 2012-09-11 19:23:20 Beijing
  EXPECT_EQ(ParseBeijingTimeWithoutYear("09月12日 08:00", source), 1347408000);  // 2012
  EXPECT_EQ(ParseBeijingTimeWithoutYear("01月02日 08:00", source), 1357084800);  // 2013
  EXPECT_EQ(ParseBeijingTimeWithoutYear("09月11日 19:23", source), 1347362580 + 31536000);
  // 29 February exists in neither 2012-after-September nor 2013.
  EXPECT_EQ(ParseBeijingTimeWithoutYear("02月29日 08:00", source), std::nullopt);
  EXPECT_EQ(ParseBeijingTimeWithoutYear("9月12日 08:00", source), std::nullopt);
  EXPECT_EQ(ParseBeijingTimeWithoutYear("09-12 08:00", source), std::nullopt);
}

}  // namespace
}  // namespace sluice
