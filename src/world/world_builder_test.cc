#include "world/world_builder.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/record_parser.h"

namespace sluice {
namespace {

// Lines in one buffer, as a bulk loader's batch holds them, with room after them for copies of
// the strings that a parse did not leave in place (RecordParser::Parse reads through the DOM, so
// none are): packed records locate their strings from the buffer's start.
class LineBuffer {
 public:
  explicit LineBuffer(const std::vector<std::string>& lines) {
    for (const std::string& l : lines) {
      starts_.push_back(bytes_.size());
      bytes_ += l + '\n';
    }
    lines_end_ = bytes_.size();
    copied_ = lines_end_ + simdjson::SIMDJSON_PADDING;
    bytes_.append(simdjson::SIMDJSON_PADDING + kRoom, ' ');
  }
  const char* base() const { return bytes_.data(); }
  // Line i, followed by at least SIMDJSON_PADDING readable bytes.
  std::string_view line(size_t i) const {
    const size_t end = i + 1 < starts_.size() ? starts_[i + 1] : lines_end_;
    return std::string_view(bytes_.data() + starts_[i], end - starts_[i] - 1);
  }
  // s itself when it lies in the lines, else a copy in the buffer's room.
  std::string_view Keep(std::string_view s) {
    if (s.data() >= bytes_.data() && s.data() + s.size() <= bytes_.data() + bytes_.size()) return s;
    EXPECT_LE(copied_ + s.size(), bytes_.size()) << "the test's room for copies";
    std::memcpy(bytes_.data() + copied_, s.data(), s.size());
    copied_ += s.size();
    return std::string_view(bytes_.data() + copied_ - s.size(), s.size());
  }

 private:
  static constexpr size_t kRoom = 1024;
  std::string bytes_;
  std::vector<size_t> starts_;
  size_t lines_end_, copied_;
};

// Parses `lines` from one LineBuffer and adds each record to a fresh builder: through `packed`
// when it takes the record (it returns whether the record was added), else with Add. Counts
// the records refused in *refused.
using PackedAdd = std::function<std::optional<bool>(WorldBuilder&, LineBuffer&, Record&, Rejection*)>;
World BuildFrom(const std::vector<std::string>& lines, const PackedAdd& packed, int* refused) {
  WorldBuilder b("salt");
  RecordParser parser;
  LineBuffer buffer(lines);
  for (size_t i = 0; i < lines.size(); ++i) {
    Record r;
    Rejection why;
    EXPECT_TRUE(parser.Parse(buffer.line(i), simdjson::SIMDJSON_PADDING, &r, &why)) << why.detail;
    std::optional<bool> added = packed ? packed(b, buffer, r, &why) : std::nullopt;
    if (!added) added = b.Add(r, &why);
    *refused += !*added;
  }
  return b.Finalize(nullptr);
}

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

TEST(WorldBuilderReserveTest, ReservingForTheInputChangesNothingButCapacity) {
  // The same records with and without a (generous) reservation: the same world, and the same
  // bytes in use, though the reserved columns hold far more capacity.
  std::vector<std::string> lines;
  for (int i = 0; i < 2000; ++i) {
    lines.push_back(R"({"type":"post","id":"p)" + std::to_string(i) + R"(","account":"u)" +
                    std::to_string(i % 37) + R"(","time":)" + std::to_string(100 + i) +
                    R"(,"text":"text )" + std::to_string(i) + R"(","device":"d)" + std::to_string(i % 5) + "\"}");
    lines.push_back(R"({"type":"engagement","account":"u)" + std::to_string(i % 41) +
                    R"(","target":"p)" + std::to_string(i / 2) + R"(","kind":"like","time":)" +
                    std::to_string(5000 - i) + "}");
  }
  auto build = [&](bool reserve) {
    WorldBuilder b("salt");
    if (reserve) b.ReserveForInput(64u << 20);
    RecordParser parser;
    for (const std::string& l : lines) {
      Record r;
      Rejection why;
      EXPECT_TRUE(parser.Parse(l, 0, &r, &why)) << why.detail;
      EXPECT_TRUE(b.Add(r, &why));
    }
    return b.Finalize(nullptr);
  };
  World plain = build(false), reserved = build(true);
  EXPECT_GT(reserved.posts.account.capacity(), 4 * plain.posts.account.capacity());
  EXPECT_EQ(reserved.engagements.account, plain.engagements.account);
  EXPECT_EQ(reserved.engagements.target, plain.engagements.target);
  EXPECT_EQ(reserved.engagements.time, plain.engagements.time);
  EXPECT_EQ(reserved.engagements.device, plain.engagements.device);
  EXPECT_EQ(reserved.posts.account, plain.posts.account);
  ASSERT_EQ(reserved.posts.size(), plain.posts.size());
  for (PostId p = 0; p < plain.posts.size(); ++p) EXPECT_EQ(reserved.posts.text(p), plain.posts.text(p));
  EXPECT_EQ(reserved.posts.device, plain.posts.device);
  EXPECT_EQ(reserved.MemoryUsage().total(), plain.MemoryUsage().total());
  EXPECT_EQ(plain.MemoryUsage().engagements, plain.engagements.size() * 21u);
}

TEST(WorldBuilderPackTest, PackedEngagementsBuildTheSameWorldAsRecords) {
  // Engagements added packed (ids located from a base, tokens hashed ahead) and added as
  // records give the same columns and token ids: new and known accounts and posts, device only,
  // IP only, both, neither, an empty device (no token), every kind.
  const std::vector<std::string> lines = {
      R"({"type":"account","id":"u1","platform":"weibo","created_at":1,"device":"d1"})",
      R"({"type":"engagement","account":"u1","target":"p1","kind":"like","time":30,"device":"d1"})",
      R"({"type":"engagement","account":"u2","target":"p1","kind":"repost","time":20,"ip":"10.0.0.1"})",
      R"({"type":"post","id":"p2","account":"u2","time":20,"text":"b","device":"d2"})",
      R"({"type":"engagement","account":"u2","target":"p2","kind":"comment","time":40,"device":"d2","ip":"10.0.0.1"})",
      R"({"type":"engagement","account":"u3","target":"p3","kind":"review","time":10})",
      R"({"type":"engagement","account":"u1","target":"p2","kind":"follow","time":4000000000,"device":""})",
  };
  const PackedAdd pack = [](WorldBuilder& b, LineBuffer& buffer, Record& r, Rejection*) -> std::optional<bool> {
    if (r.type != RecordType::kEngagement) return std::nullopt;
    r.engagement.account = buffer.Keep(r.engagement.account);
    r.engagement.target = buffer.Keep(r.engagement.target);
    const PackedEngagement e = b.Pack(r.engagement, buffer.base());
    b.Prefetch(e);
    b.AddPacked(e, buffer.base());
    return true;
  };
  int refused = 0;
  World plain = BuildFrom(lines, nullptr, &refused), packed = BuildFrom(lines, pack, &refused);
  EXPECT_EQ(refused, 0);
  ASSERT_EQ(packed.engagements.size(), 5u);
  EXPECT_EQ(packed.engagements.account, plain.engagements.account);
  EXPECT_EQ(packed.engagements.target, plain.engagements.target);
  EXPECT_EQ(packed.engagements.time, plain.engagements.time);
  EXPECT_EQ(packed.engagements.kind, plain.engagements.kind);
  EXPECT_EQ(packed.engagements.device, plain.engagements.device);
  EXPECT_EQ(packed.engagements.ip, plain.engagements.ip);
  EXPECT_EQ(packed.token_hash, plain.token_hash);
  EXPECT_EQ(packed.accounts.size(), 3u);
  EXPECT_EQ(packed.accounts.ids.Get(2), "u3");
  EXPECT_EQ(packed.posts.ids.Get(2), "p3");
  // The engagement with an empty device has none; the one at 4e9 seconds keeps its time.
  EXPECT_EQ(packed.engagements.device.back(), kNone);
  EXPECT_EQ(packed.engagements.time.back(), 4000000000u);
}

TEST(WorldBuilderPackTest, PackedPostsBuildTheSameWorldAsRecords) {
  // Posts added packed (ids and platform located from a base, terms in a list the loader keeps,
  // tokens hashed ahead) and added as records give the same world: a post referenced before it
  // is declared, a refused duplicate, reposts and replies of known and unknown posts, with and
  // without platform, device and IP, with terms of each kind, escaped ids.
  const std::vector<std::string> lines = {
      R"({"type":"account","id":"u1","platform":"weibo","created_at":1,"device":"d1"})",
      R"({"type":"engagement","account":"u2","target":"p2","kind":"like","time":30})",
      R"({"type":"post","id":"p1","account":"u1","time":10,"text":"first","platform":"weibo","device":"d1"})",
      R"({"type":"post","id":"p2","account":"u2","time":20,"text":"b","repost_of":"p1","ip":"10.0.0.1","hashtags":["h1","h2"]})",
      R"({"type":"post","id":"p1","account":"u3","time":11,"text":"again"})",
      R"({"type":"post","id":"p\u0033","account":"u\u0034","time":40,"text":"c","reply_to":"p9","urls":["http://x"],"mentions":["m1"],"hashtags":["h2"],"platform":"douyin","device":"d2","ip":"10.0.0.2"})",
      R"({"type":"post","id":"p4","account":"u1","time":4000000000,"text":""})",
  };
  std::vector<std::string_view> terms;
  const PackedAdd pack = [&terms](WorldBuilder& b, LineBuffer& buffer, Record& r,
                                  Rejection* why) -> std::optional<bool> {
    if (r.type != RecordType::kPost) return std::nullopt;
    PostRecord& p = r.post;
    p.id = buffer.Keep(p.id);
    p.account = buffer.Keep(p.account);
    for (auto* opt : {&p.platform, &p.repost_of, &p.reply_to})
      if (*opt) **opt = buffer.Keep(**opt);
    const auto first = static_cast<uint32_t>(terms.size());
    for (const auto* list : {&p.urls, &p.hashtags, &p.mentions})
      for (std::string_view s : *list) terms.push_back(buffer.Keep(s));
    const PackedPost packed_post = b.Pack(p, buffer.base(), first);
    b.Prefetch(packed_post, buffer.base());
    return b.AddPacked(packed_post, buffer.base(), terms.data(), why);
  };
  int refused_plain = 0, refused_packed = 0;
  World plain = BuildFrom(lines, nullptr, &refused_plain), packed = BuildFrom(lines, pack, &refused_packed);
  EXPECT_EQ(refused_plain, 1) << "the second p1";
  EXPECT_EQ(refused_packed, 1) << "the second p1";
  ASSERT_EQ(packed.posts.size(), plain.posts.size());
  ASSERT_EQ(packed.posts.size(), 5u);  // p2, p1, p3, p9, p4
  for (PostId i = 0; i < packed.posts.size(); ++i) {
    EXPECT_EQ(packed.posts.ids.Get(i), plain.posts.ids.Get(i));
    EXPECT_EQ(packed.posts.text(i), plain.posts.text(i));
  }
  EXPECT_EQ(packed.posts.ids.Get(2), "p3");
  EXPECT_EQ(packed.posts.declared, plain.posts.declared);
  EXPECT_EQ(packed.posts.account, plain.posts.account);
  EXPECT_EQ(packed.posts.time, plain.posts.time);
  EXPECT_EQ(packed.posts.platform, plain.posts.platform);
  EXPECT_EQ(packed.posts.repost_of, plain.posts.repost_of);
  EXPECT_EQ(packed.posts.reply_to, plain.posts.reply_to);
  EXPECT_EQ(packed.posts.device, plain.posts.device);
  EXPECT_EQ(packed.posts.ip, plain.posts.ip);
  EXPECT_EQ(packed.posts.term_begin, plain.posts.term_begin);
  EXPECT_EQ(packed.posts.terms, plain.posts.terms);
  EXPECT_EQ(packed.posts.n_urls, plain.posts.n_urls);
  EXPECT_EQ(packed.posts.n_hashtags, plain.posts.n_hashtags);
  EXPECT_EQ(packed.posts.n_mentions, plain.posts.n_mentions);
  EXPECT_EQ(packed.token_hash, plain.token_hash);
  ASSERT_EQ(packed.accounts.size(), plain.accounts.size());
  for (AccountId i = 0; i < packed.accounts.size(); ++i) EXPECT_EQ(packed.accounts.ids.Get(i), plain.accounts.ids.Get(i));
  ASSERT_EQ(packed.accounts.size(), 3u);  // u1, u2, u4: the refused duplicate added no u3
  EXPECT_EQ(packed.accounts.ids.Get(2), "u4");
  ASSERT_EQ(packed.platforms.size(), 2u);
  EXPECT_EQ(packed.hashtags.size(), 2u);
  EXPECT_EQ(packed.posts.text(packed.posts.ids.Find("p1")), "first");  // not the refused "again"
  EXPECT_EQ(packed.posts.time[packed.posts.ids.Find("p4")], 4000000000u);
}

TEST(WorldTextTest, AdoptedTextsStayWhereTheyAreAndOthersAreCopied) {
  // A post whose text lies in the chunk adopted last keeps it there; any other text is copied,
  // and a stored text never moves as more are added.
  WorldBuilder b("salt");
  auto chunk = std::make_unique<char[]>(8);
  std::memcpy(chunk.get(), "helloabc", 8);
  const char* adopted = chunk.get();
  b.AdoptText(std::move(chunk), 8);
  RecordParser parser;
  Record r;
  Rejection why;
  ASSERT_TRUE(parser.Parse(R"({"type":"post","id":"p1","account":"u1","time":1,"text":"x"})", 0, &r, &why));
  r.post.text = std::string_view(adopted, 5);
  ASSERT_TRUE(b.Add(r, &why));
  std::string outside = "elsewhere";
  ASSERT_TRUE(parser.Parse(R"({"type":"post","id":"p2","account":"u1","time":1,"text":"x"})", 0, &r, &why));
  r.post.text = outside;
  ASSERT_TRUE(b.Add(r, &why));
  std::string big(3u << 20, 'z');  // more than a chunk of copied text
  ASSERT_TRUE(parser.Parse(R"({"type":"post","id":"p3","account":"u1","time":1,"text":"x"})", 0, &r, &why));
  r.post.text = big;
  ASSERT_TRUE(b.Add(r, &why));
  outside = "changed!!";
  World w = b.Finalize(nullptr);
  EXPECT_EQ(w.posts.text(0), "hello");
  EXPECT_EQ(w.posts.text(0).data(), adopted);
  EXPECT_EQ(w.posts.text(1), "elsewhere");
  EXPECT_EQ(w.posts.text(2), big);
  EXPECT_EQ(w.MemoryUsage().post_text, 8 + 9 + big.size());
}

}  // namespace
}  // namespace sluice
