#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

const char* kAccounts =
    R"({"type":"account","id":"u1","platform":"weibo","created_at":1700000000,"device":"phone-1"})" "\n"
    R"({"type":"account","id":"u2","platform":"weibo","created_at":1700000000,"device":"phone-1"})" "\n";
const char* kEvents =
    R"({"type":"post","id":"p1","account":"u1","time":1714550400,"text":"第一條"})" "\n"
    R"({"type":"post","id":"p2","account":"u9","time":1714550500,"text":"repost","repost_of":"p1"})" "\n"
    R"({"type":"engagement","account":"u2","target":"p1","kind":"like","time":1714550600})" "\n"
    R"({"type":"engagement","account":"u1","target":"p1","kind":"comment","time":1714550300})" "\n"
    R"({"type":"engagement","account":"u2","target":"p404","kind":"like","time":1714550350})" "\n"
    "\n"
    R"({"type":"post","id":"p1","account":"u1","time":1714550400,"text":"again"})" "\n"
    R"({"type":"post","id":"p3","account":"u1","time":"soon","text":"x"})" "\n";

TEST(IngestTest, BuildsTheWorldAndCountsEverything) {
  ScratchDir dir;
  WriteFile(dir.Path("accounts.jsonl"), kAccounts);
  WriteFile(dir.Path("events.jsonl.zst"), testing::ZstdCompress(kEvents));
  RejectSink rejects(10, 1024);
  ASSERT_TRUE(rejects.OpenFile(dir.Path("rejects.jsonl")).ok());
  IngestStats st;
  IngestOptions opt;
  opt.salt = "test-salt";
  Result<World> w = Ingest({dir.Path("accounts.jsonl"), dir.Path("events.jsonl.zst")}, opt, &rejects, &st);
  ASSERT_TRUE(w.ok()) << w.status().message();
  ASSERT_TRUE(rejects.Commit().ok());
  const World& world = w.value();

  EXPECT_EQ(st.lines, 10u);
  EXPECT_EQ(st.blank_lines, 1u);
  EXPECT_EQ(st.accepted[static_cast<int>(RecordType::kAccount)], 2u);
  EXPECT_EQ(st.accepted[static_cast<int>(RecordType::kPost)], 2u);
  EXPECT_EQ(st.accepted[static_cast<int>(RecordType::kEngagement)], 3u);
  EXPECT_EQ(st.rejected, 2u);
  EXPECT_EQ(rejects.by_reason()[static_cast<int>(RejectReason::kDuplicateId)], 1u);
  EXPECT_EQ(rejects.by_reason()[static_cast<int>(RejectReason::kBadTime)], 1u);
  // Dangling: p2's author u9 is undeclared; the like of p404 targets an unknown post.
  EXPECT_EQ(st.dangling.post_account, 1u);
  EXPECT_EQ(st.dangling.engagement_target, 1u);
  EXPECT_EQ(st.dangling.total(), 2u);

  // Every line is accounted for: records + rejects + blank lines.
  uint64_t accepted = 0;
  for (uint64_t n : st.accepted) accepted += n;
  EXPECT_EQ(accepted + st.rejected + st.blank_lines, st.lines);

  // The world: engagements sorted by time, texts kept, tokens shared but hashed.
  const EngagementTable& e = world.engagements;
  ASSERT_EQ(e.size(), 3u);
  EXPECT_TRUE(std::is_sorted(e.time.begin(), e.time.end()));
  EXPECT_EQ(e.kind[0], EngagementKind::kComment);
  PostId p1 = world.posts.ids.Find("p1");
  ASSERT_NE(p1, kNone);
  EXPECT_EQ(world.posts.text(p1), "第一條");  // the duplicate did not overwrite it
  PostId p2 = world.posts.ids.Find("p2");
  EXPECT_EQ(world.posts.repost_of[p2], p1);
  AccountId u1 = world.accounts.ids.Find("u1"), u2 = world.accounts.ids.Find("u2");
  EXPECT_EQ(world.accounts.device[u1], world.accounts.device[u2]);
  ASSERT_EQ(world.token_hash.size(), 1u);

  // The rejects file names file, line, reason and keeps the raw line.
  std::string rj = ReadFile(dir.Path("rejects.jsonl"));
  EXPECT_NE(rj.find("events.jsonl.zst\",\"line\":7,\"reason\":\"duplicate_id\""), std::string::npos) << rj;
  EXPECT_NE(rj.find("\"line\":8,\"reason\":\"bad_time\""), std::string::npos) << rj;
  EXPECT_NE(rj.find("\\\"text\\\":\\\"again\\\""), std::string::npos) << rj;
}

TEST(IngestTest, SaltChangesTokenHashes) {
  ScratchDir dir;
  WriteFile(dir.Path("a.jsonl"), kAccounts);
  auto hash_with = [&](const std::string& salt) {
    RejectSink rejects(0, 100);
    IngestStats st;
    IngestOptions opt;
    opt.salt = salt;
    Result<World> w = Ingest({dir.Path("a.jsonl")}, opt, &rejects, &st);
    EXPECT_TRUE(w.ok());
    return w.value().token_hash.at(0);
  };
  EXPECT_EQ(hash_with("one"), hash_with("one"));
  EXPECT_NE(hash_with("one"), hash_with("two"));
}

TEST(IngestTest, FatalInputErrorLeavesNoRejectsFile) {
  ScratchDir dir;
  std::string bad;
  for (int i = 0; i < 3000; ++i) bad += "not json " + std::to_string(i) + "\n";
  std::string z = testing::ZstdCompress(bad);
  WriteFile(dir.Path("cut.jsonl.zst"), z.substr(0, z.size() - 10));
  IngestStats st;
  Result<World> w = Status::Internal("not run");
  {
    RejectSink rejects(10, 100);
    ASSERT_TRUE(rejects.OpenFile(dir.Path("rejects.jsonl")).ok());
    w = Ingest({dir.Path("cut.jsonl.zst")}, IngestOptions{}, &rejects, &st);
  }
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("cut.jsonl.zst"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.Path("rejects.jsonl")));
  for (auto& entry : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().filename(), "cut.jsonl.zst") << "left behind: " << entry.path();
}

TEST(IngestTest, MissingInputFailsBeforeAnyWork) {
  ScratchDir dir;
  WriteFile(dir.Path("ok.jsonl"), kAccounts);
  RejectSink rejects(10, 100);
  IngestStats st;
  Result<World> w = Ingest({dir.Path("ok.jsonl"), dir.Path("gone.jsonl")}, IngestOptions{}, &rejects, &st);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("gone.jsonl: no such file"), std::string::npos);
}

TEST(IngestTest, OverLongLinesAreRejectedWithTheirLength) {
  ScratchDir dir;
  std::string big = R"({"type":"post","id":"p1","account":"u1","time":1,"text":")" + std::string(5000, 'x') + "\"}";
  WriteFile(dir.Path("a.jsonl"), big + "\n" + kAccounts);
  RejectSink rejects(10, 64);
  IngestStats st;
  IngestOptions opt;
  opt.max_line_bytes = 1000;
  Result<World> w = Ingest({dir.Path("a.jsonl")}, opt, &rejects, &st);
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(rejects.first().size(), 1u);
  EXPECT_EQ(rejects.first()[0].reason, RejectReason::kLineTooLong);
  EXPECT_EQ(rejects.first()[0].raw_bytes, big.size());
  EXPECT_LE(rejects.first()[0].raw.size(), 64u);
  EXPECT_EQ(st.accepted[static_cast<int>(RecordType::kAccount)], 2u);
}

TEST(IngestTest, LineLimitOverOneGibIsRefusedBeforeAnyWork) {
  ScratchDir dir;
  WriteFile(dir.Path("ok.jsonl"), kAccounts);
  RejectSink rejects(10, 100);
  IngestStats st;
  IngestOptions opt;
  opt.max_line_bytes = kMaxLineLimit + 1;
  Result<World> w = Ingest({dir.Path("ok.jsonl")}, opt, &rejects, &st);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kInvalidInput);
  EXPECT_NE(w.status().message().find("over the limit"), std::string::npos);
}

// Lines are parsed in batches (many lines per simdjson pass, with a line-by-line fallback).
// Bad lines at batch and run edges, an over-long line and a blank line inside a batch, and a
// refused duplicate must each be rejected with their own file and line, and every good line
// must reach the world in order.
TEST(IngestTest, BatchedParsingKeepsEveryLineAndItsNumber) {
  ScratchDir dir;
  constexpr int kLines = 40000;  // more lines than one batch holds; spans the reader's chunks
  const std::map<int, RejectReason> bad = {
      {1, RejectReason::kInvalidJson},      {2, RejectReason::kMissingField},
      {5000, RejectReason::kInvalidUtf8},   {20000, RejectReason::kLineTooLong},
      {32767, RejectReason::kInvalidJson},  {32768, RejectReason::kInvalidJson},
      {32769, RejectReason::kInvalidJson},  {32770, RejectReason::kLineTooLong},
      {32771, RejectReason::kDuplicateId},  {39999, RejectReason::kBadTime},
      {kLines, RejectReason::kInvalidJson}};
  const int blank = 100;
  std::string text;
  std::vector<int> good;  // line numbers of the engagements, in file order
  for (int i = 1; i <= kLines; ++i) {
    auto it = bad.find(i);
    if (i == blank) {
      text += "  ";
    } else if (i == 3) {
      text += R"({"type":"post","id":"p1","account":"u1","time":1714550400,"text":"x"})";
    } else if (it == bad.end()) {
      text += R"({"type":"engagement","account":"u)" + std::to_string(i) +
              R"(","target":"p1","kind":"like","time":)" + std::to_string(1714550400 + i) + "}";
      good.push_back(i);
    } else {
      switch (it->second) {
        case RejectReason::kInvalidJson: text += R"({"type":"engagement","account":)"; break;
        case RejectReason::kMissingField: text += R"({"type":"engagement"})"; break;
        case RejectReason::kInvalidUtf8: text += "{\"type\":\"post\",\"id\":\"\xc3\x28\"}"; break;
        case RejectReason::kLineTooLong: text += "{\"text\":\"" + std::string(3000, 'a') + "\"}"; break;
        case RejectReason::kDuplicateId:
          text += R"({"type":"post","id":"p1","account":"u1","time":1714550400,"text":"again"})";
          break;
        default: text += R"({"type":"post","id":"p9","account":"u1","time":"later","text":"x"})";
      }
    }
    if (i < kLines) text += i % 7 == 0 ? "\r\n" : "\n";  // some CRLF; the last line has none
  }
  WriteFile(dir.Path("big.jsonl"), text);
  WriteFile(dir.Path("small.jsonl"), std::string("\n") + R"({"type":"account"})" + "\n");
  RejectSink rejects(100, 64);
  IngestStats st;
  IngestOptions opt;
  opt.max_line_bytes = 1000;
  Result<World> w = Ingest({dir.Path("big.jsonl"), dir.Path("small.jsonl")}, opt, &rejects, &st);
  ASSERT_TRUE(w.ok()) << w.status().message();

  EXPECT_EQ(st.lines, static_cast<uint64_t>(kLines) + 2);
  EXPECT_EQ(st.blank_lines, 2u);
  // big.jsonl (over 3 MB) spans batches of 2 MB, and small.jsonl starts a batch of its own.
  ASSERT_GT(text.size(), 3u << 20);
  EXPECT_GE(st.batches, 3u);
  EXPECT_LE(st.batches_parsed_by_builder, st.batches);
  ASSERT_EQ(rejects.first().size(), bad.size() + 1);
  auto expected = bad.begin();
  for (size_t k = 0; k < bad.size(); ++k, ++expected) {
    const RejectEntry& r = rejects.first()[k];
    EXPECT_EQ(r.file, dir.Path("big.jsonl"));
    EXPECT_EQ(r.line, static_cast<uint64_t>(expected->first)) << r.detail;
    EXPECT_EQ(r.reason, expected->second) << "line " << r.line << ": " << r.detail;
  }
  EXPECT_EQ(rejects.first().back().file, dir.Path("small.jsonl"));
  EXPECT_EQ(rejects.first().back().line, 2u);
  EXPECT_EQ(rejects.first().back().reason, RejectReason::kMissingField);

  const World& world = w.value();
  EXPECT_EQ(st.accepted[static_cast<int>(RecordType::kPost)], 1u);
  EXPECT_EQ(world.posts.text(world.posts.ids.Find("p1")), "x");  // not the duplicate's "again"
  ASSERT_EQ(world.engagements.size(), good.size());
  for (size_t k = 0; k < good.size(); ++k) {
    ASSERT_EQ(world.accounts.ids.Get(world.engagements.account[k]), "u" + std::to_string(good[k]));
    ASSERT_EQ(world.engagements.time[k], static_cast<Time32>(1714550400 + good[k]));
  }
}

// Engagements reach the world packed, their ids located in the batch: ids read in place, ids
// unescaped by the fast path, ids taken by the DOM parser (a line with an unknown field) and
// integer ids must all name the same accounts and posts as their plain spellings, and the
// tokens the same TokenIds, across many batches.
TEST(IngestTest, EngagementIdsFromEveryPathNameTheSameEntities) {
  ScratchDir dir;
  std::string text = std::string(kAccounts) +
                     R"({"type":"post","id":"p1","account":"u1","time":1714550400,"text":"x"})" "\n"
                     R"({"type":"post","id":"7","account":"u1","time":1714550400,"text":"y"})" "\n";
  const std::vector<std::string> shapes = {
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":1714550401,"device":"phone-1"})",
      R"({"type":"engagement","account":"\u0075\u0031","target":"p\u0031","kind":"like","time":1714550402,"device":"phone\u002d1"})",
      R"({"type":"engagement","account":"u\u0032","target":"p1","kind":"like","time":1714550403,"extra":1,"device":"phone-1"})",
      R"({"type":"engagement","account":"u2","target":7,"kind":"repost","time":1714550404,"ip":"10.0.0.1"})",
      R"({"type":"engagement","account":"u2","target":7,"kind":"repost","time":1714550405,"ip":"10.0.0.1","x":[]})",
  };
  constexpr int kRounds = 20000;  // several batches of each shape
  for (int i = 0; i < kRounds; ++i) text += shapes[i % shapes.size()] + "\n";
  // New ids first seen in engagements, whose bytes the world copies from the batch: unescaped
  // by the fast path, taken from the DOM (the unknown field), integers.
  constexpr int kNew = 3000;
  for (int i = 0; i < kNew; ++i) {
    const std::string n = std::to_string(i);
    text += R"({"type":"engagement","account":"n\u0031)" + n + R"(","target":"q)" + n +
            R"(","kind":"like","time":1714550500,"extra":true})" "\n";
    text += R"({"type":"engagement","account":)" + std::to_string(900000 + i) + R"(,"target":"r\u0032)" + n +
            R"(","kind":"like","time":1714550500})" "\n";
  }
  WriteFile(dir.Path("e.jsonl"), text);
  RejectSink rejects(10, 64);
  IngestStats st;
  Result<World> w = Ingest({dir.Path("e.jsonl")}, IngestOptions{}, &rejects, &st);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(rejects.total(), 0u);
  const World& world = w.value();
  ASSERT_EQ(world.engagements.size(), static_cast<size_t>(kRounds + 2 * kNew));
  EXPECT_EQ(world.accounts.size(), 2u + 2 * kNew);  // u1, u2 and the new ones
  EXPECT_EQ(world.posts.size(), 2u + 2 * kNew);     // p1, 7 and the new ones
  for (int i = 0; i < kNew; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_NE(world.accounts.ids.Find("n1" + n), kNone) << n;
    ASSERT_NE(world.accounts.ids.Find(std::to_string(900000 + i)), kNone) << n;
    ASSERT_NE(world.posts.ids.Find("q" + n), kNone) << n;
    ASSERT_NE(world.posts.ids.Find("r2" + n), kNone) << n;
  }
  const AccountId u1 = world.accounts.ids.Find("u1"), u2 = world.accounts.ids.Find("u2");
  const PostId p1 = world.posts.ids.Find("p1"), p7 = world.posts.ids.Find("7");
  const TokenId phone = world.accounts.device[u1];
  ASSERT_NE(phone, kNone);
  std::map<Time32, int> shape_of;  // each shape has its own time; engagements sort by time
  for (size_t k = 0; k < shapes.size(); ++k) shape_of[static_cast<Time32>(1714550401 + k)] = static_cast<int>(k);
  for (size_t i = 0; i < world.engagements.size(); ++i) {
    if (world.engagements.time[i] == 1714550500) continue;  // the new ids, checked above
    const int shape = shape_of.at(world.engagements.time[i]);
    SCOPED_TRACE("shape " + std::to_string(shape));
    ASSERT_EQ(world.engagements.account[i], shape < 2 ? u1 : u2);
    ASSERT_EQ(world.engagements.target[i], shape < 3 ? p1 : p7);
    ASSERT_EQ(world.engagements.device[i], shape < 3 ? phone : kNone);
    ASSERT_EQ(world.engagements.ip[i] == kNone, shape < 3);
  }
}

}  // namespace
}  // namespace sluice
