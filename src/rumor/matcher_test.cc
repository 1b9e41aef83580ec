#include "rumor/matcher.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "rumor/claims_file.h"
#include "rumor/match_json.h"
#include "text/normalization.h"

namespace sluice::rumor {
namespace {

std::string Data(const std::string& name) {
  return std::string(SLUICE_SOURCE_DIR) + "/tests/data/rumor/" + name;
}

std::unique_ptr<ClaimRegistry> TestRegistry() {
  auto reg = std::make_unique<ClaimRegistry>(RumorConfig{});
  Result<std::vector<Claim>> claims = ReadClaims(Data("claims.jsonl"));
  EXPECT_TRUE(claims.ok()) << claims.status().message();
  EXPECT_TRUE(reg->Add(claims.value()).ok());
  return reg;
}

const ClaimMatch* Flagged(const std::vector<ClaimMatch>& ms) {
  return !ms.empty() && ms[0].flagged ? &ms[0] : nullptr;
}

std::set<std::string> Names(uint16_t mask) {
  std::set<std::string> s;
  for (std::string_view n : text::NormalizationNames(mask)) s.emplace(n);
  return s;
}

TEST(MatcherTest, CasesFromDataFile) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  simdjson::dom::parser parser;
  simdjson::dom::document_stream docs;
  simdjson::padded_string json = simdjson::padded_string::load(Data("posts.jsonl"));
  ASSERT_EQ(parser.parse_many(json).get(docs), simdjson::SUCCESS);
  std::set<std::string> kinds;
  int cases = 0;
  for (simdjson::dom::element post : docs) {
    std::string id(post["id"].get_string().value());
    std::string kind(post["kind"].get_string().value());
    std::string_view text = post["text"].get_string().value();
    kinds.insert(kind);
    ++cases;
    std::vector<ClaimMatch> ms = matcher.Match(text);
    const ClaimMatch* best = Flagged(ms);
    simdjson::dom::element expect = post["expect"].value();
    if (expect.is_null()) {
      EXPECT_EQ(best, nullptr) << id << " matched " << best->claim_id << " ("
                               << best->containment << ")";
    } else {
      ASSERT_NE(best, nullptr) << id << " matched nothing";
      EXPECT_EQ(best->claim_id, std::string(expect.get_string().value())) << id;
    }
    simdjson::dom::array want;
    if (best != nullptr && post["normalizations"].get(want) == simdjson::SUCCESS) {
      std::set<std::string> w;
      for (auto n : want) w.emplace(n.get_string().value());
      EXPECT_EQ(Names(best->normalizations), w) << id;
    }
    std::string_view quote;
    if (best != nullptr && post["quote"].get(quote) == simdjson::SUCCESS) {
      ASSERT_FALSE(best->spans.empty()) << id;
      EXPECT_EQ(CodePointSubstring(text, best->spans[0].begin, best->spans[0].end), quote) << id;
    }
    std::string_view suppressed;
    if (post["suppressed"].get(suppressed) == simdjson::SUCCESS) {
      auto it = std::find_if(ms.begin(), ms.end(),
                             [&](const ClaimMatch& m) { return m.claim_id == suppressed; });
      ASSERT_NE(it, ms.end()) << id << ": the quoted claim should still be found";
      EXPECT_FALSE(it->flagged) << id;
      EXPECT_FALSE(it->debunk.empty()) << id;
      EXPECT_LT(it->debunk_weight, 0) << id;
    }
  }
  EXPECT_GE(cases, 20);
  for (const char* k : {"exact", "trad_simp", "punctuation", "emoji", "zero_width", "fullwidth",
                        "homoglyph", "lookalike_han", "homophone", "partial", "embedded", "multi",
                        "same_topic", "debunk"})
    EXPECT_TRUE(kinds.count(k)) << "no case of kind " << k;
}

TEST(MatcherTest, SpansPointIntoTheOriginalPost) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  // 3 code points of prefix, then the claim with a zero-width space and an emoji inserted.
  std::string post = "转发：疫苗接种后\u200B三天之内不能洗澡😷，否则会引起严重感染。好吓人";
  std::vector<ClaimMatch> ms = matcher.Match(post);
  ASSERT_NE(Flagged(ms), nullptr);
  const ClaimMatch& m = ms[0];
  EXPECT_EQ(m.claim_id, "c3");
  ASSERT_EQ(m.spans.size(), 1u);
  EXPECT_EQ(m.spans[0], (Span{3, 28}));
  EXPECT_EQ(CodePointSubstring(post, 3, 28), "疫苗接种后\u200B三天之内不能洗澡😷，否则会引起严重感染");
  EXPECT_EQ(Names(m.normalizations), (std::set<std::string>{"emoji", "zero_width"}));
  EXPECT_DOUBLE_EQ(m.containment, 1.0);
  EXPECT_LT(m.post_coverage, 1.0);
}

TEST(MatcherTest, ShortPostDoesNotMatchLongClaim) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  // A fifth of c4: a run of 10 tokens, but far below the partial rule's containment.
  std::vector<ClaimMatch> ms = matcher.Match("市民这几天千万不要喝");
  EXPECT_EQ(Flagged(ms), nullptr);
}

TEST(MatcherTest, ShortClaimIsNeverMatched) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  EXPECT_TRUE(matcher.Match("千万注意！！！").empty());
  // c6 is too short, c9 is mostly a link (links are dropped).
  EXPECT_EQ(reg->matchable(), reg->size() - 2);
}

TEST(MatcherTest, RemovalTakesEffectAtOnceAndAddIsIndexedAtOnce) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  const char* post = "疫苗接种后三天之内不能洗澡，否则会引起严重感染";
  ASSERT_NE(Flagged(matcher.Match(post)), nullptr);
  bool found = false;
  ASSERT_TRUE(reg->Remove("c3", &found).ok());
  EXPECT_TRUE(found);
  EXPECT_TRUE(matcher.Match(post).empty());
  ASSERT_TRUE(reg->Add({Claim{"c3b", "疫苗接种后三天之内不能洗澡", "", "", 0}}).ok());
  std::vector<ClaimMatch> ms = matcher.Match(post);
  const ClaimMatch* m = Flagged(ms);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->claim_id, "c3b");
}

TEST(MatcherTest, ConcurrentMatchingWhileTheRegistryChanges) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        std::vector<ClaimMatch> ms = matcher.Match("喝板藍根可以預防新冠病毒，大家趕緊去藥店買");
        const ClaimMatch* m = Flagged(ms);
        if (m == nullptr || m->claim_id != "c1") ++wrong;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    std::string id = "extra" + std::to_string(i);
    ASSERT_TRUE(reg->Add({Claim{id, "今天的第" + std::to_string(i) + "条测试消息内容比较长", "", "", 0}}).ok());
    bool found;
    if (i % 2) {
      ASSERT_TRUE(reg->Remove(id, &found).ok());
    }
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(MatcherTest, SignalsJsonCarriesEvidence) {
  auto reg = TestRegistry();
  Matcher matcher(*reg);
  std::string post = "網傳「喝板藍根可以預防新冠病毒，大家趕緊去藥店買」，經查系謠言";
  std::vector<ClaimMatch> ms = matcher.Match(post);
  ASSERT_FALSE(ms.empty());
  std::string line;
  AppendMatchLine(&line, "p1", ms[0], post);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
  EXPECT_EQ(doc["claim"].get_string().value(), "c1");
  EXPECT_FALSE(doc["flagged"].get_bool().value());
  simdjson::dom::array signals = doc["signals"].get_array().value();
  ASSERT_EQ(signals.size(), 2u);
  EXPECT_EQ(signals.at(0)["name"].get_string().value(), "rumor.claim_match");
  EXPECT_EQ(signals.at(0)["evidence"]["quotes"].at(0).get_string().value(),
            "喝板藍根可以預防新冠病毒，大家趕緊去藥店買");
  EXPECT_EQ(signals.at(1)["name"].get_string().value(), "rumor.debunk_context");
  simdjson::dom::array cues = signals.at(1)["evidence"]["cues"].get_array().value();
  std::set<std::string> names;
  for (auto c : cues) names.emplace(c["cue"].get_string().value());
  EXPECT_EQ(names, (std::set<std::string>{"网传", "谣言"}));
}

}  // namespace
}  // namespace sluice::rumor
