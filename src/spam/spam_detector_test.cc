#include "spam/spam_detector.h"

#include <gtest/gtest.h>

#include <thread>

#include "spam/page_cleaner.h"

namespace sluice::spam {
namespace {

const SpamDetector& Detector() {
  static const std::unique_ptr<SpamDetector> d = [] {
    auto r = SpamDetector::Create(SpamConfig{});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return std::move(r).value();
  }();
  return *d;
}

// Code point offsets of `needle` in `text`.
std::pair<uint32_t, uint32_t> Find(std::string_view text, std::string_view needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  std::vector<char32_t> a, b;
  DecodeUtf8(text.substr(0, at), &a);
  DecodeUtf8(needle, &b);
  return {static_cast<uint32_t>(a.size()), static_cast<uint32_t>(a.size() + b.size())};
}

const char kArticle[] =
    "河湾镇启动春季植树活动\n\n"
    "河湾镇政府近日组织干部群众在沿河绿道开展春季植树活动，共栽种樟树、银杏等苗木三千余株。\n"
    "镇林业站负责人表示，今年将继续推进河道两岸绿化，力争年底前完成全部绿化提升任务。\n"
    "参加活动的居民说，希望孩子们以后能在树荫下散步。\n";

TEST(SpamDetectorTest, FindsTrailerBlockWithExactSpan) {
  std::string block = "热门搜索：午夜影院免费看| 真人百家乐开户| 高清无码在线播放| 最新电影免费下载| 外围足球投注| 成人频道直播|";
  std::string page = std::string(kArticle) + "\n  " + block + "\n";
  auto r = Detector().Detect(page);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spans.size(), 1u);
  const SpamSpan& s = r.value().spans[0];
  EXPECT_EQ(std::make_pair(s.begin, s.end), Find(page, block));
  EXPECT_GE(s.score, SpamConfig{}.threshold);
  std::vector<std::string> names;
  for (const SpamSignal& sig : s.signals) names.push_back(sig.name);
  for (const char* want : {"separator_density", "short_phrase_run", "trailer", "vocabulary_shift",
                           "lexicon_pornography", "lexicon_gambling", "lexicon_link_farm"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  EXPECT_EQ(CleanText(page, {{s.begin, s.end}}), std::string(kArticle) + "\n");
}

TEST(SpamDetectorTest, ArticleAloneHasNoSpan) {
  auto r = Detector().Detect(kArticle);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spans.empty());
}

TEST(SpamDetectorTest, SentenceListingFlaggedWordsIsProse) {
  std::string page = std::string(kArticle) +
                     "警方提醒，网上赌场、百家乐、时时彩、六合彩、外围赌球等均为违法活动，请勿参与。\n";
  auto r = Detector().Detect(page);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spans.empty());
}

TEST(SpamDetectorTest, OneSpamPhraseIsNotABlock) {
  auto r = Detector().Detect(std::string(kArticle) + "午夜影院\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spans.empty());
}

TEST(SpamDetectorTest, StructureAloneIsNotEnough) {
  // A navigation bar: separators and short phrases, but no spam vocabulary.
  std::string page = "首页 | 新闻 | 图片 | 视频 | 专题 | 评论 | 关于我们\n" + std::string(kArticle);
  auto r = Detector().Detect(page);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spans.empty());
}

TEST(SpamDetectorTest, BlockBetweenParagraphs) {
  std::string block = "午夜福利视频、澳门赌场开户、网盘资源分享、加微信看片、韩剧全集免费看、欧美激情完整版";
  std::string page = "河湾镇启动春季植树活动\n\n"
                     "河湾镇政府近日组织干部群众在沿河绿道开展春季植树活动，共栽种樟树、银杏等苗木三千余株。\n" +
                     block +
                     "\n镇林业站负责人表示，今年将继续推进河道两岸绿化，力争年底前完成全部绿化提升任务。\n";
  auto r = Detector().Detect(page);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spans.size(), 1u);
  EXPECT_EQ(std::make_pair(r.value().spans[0].begin, r.value().spans[0].end), Find(page, block));
}

TEST(SpamDetectorTest, HtmlLinksCountAsLinks) {
  std::u32string text = U"正文结束。\n甲乙丙丁 戊己庚辛 壬癸子丑 寅卯辰巳";
  std::vector<uint8_t> links(text.size(), 0);
  auto plain = Detector().Detect(std::span<const char32_t>(text.data(), text.size()), links);
  ASSERT_TRUE(plain.ok());
  for (size_t i = 6; i < text.size(); ++i) links[i] = text[i] != U' ';
  auto linked = Detector().Detect(std::span<const char32_t>(text.data(), text.size()), links);
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked.value().spans.size(), plain.value().spans.size());  // links alone: no verdict
  auto bad = Detector().Detect(std::span<const char32_t>(text.data(), text.size()),
                               std::span<const uint8_t>(links.data(), 3));
  EXPECT_FALSE(bad.ok());
}

TEST(SpamDetectorTest, EmptyAndOddInputs) {
  for (std::string_view s : {std::string_view(""), std::string_view("\n\n"), std::string_view("|||"),
                             std::string_view("\xFF\xFE\xFD"), std::string_view("a")}) {
    auto r = Detector().Detect(s);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.value().spans.empty());
  }
}

TEST(SpamDetectorTest, SameResultsFromManyThreads) {
  std::string page = std::string(kArticle) + "午夜影院免费看|真人百家乐开户|高清无码在线播放|最新电影免费下载|外围足球投注\n";
  auto want = Detector().Detect(page);
  ASSERT_TRUE(want.ok());
  ASSERT_EQ(want.value().spans.size(), 1u);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 25; ++k) {
        auto r = Detector().Detect(page);
        ok[t] += r.ok() && r.value().spans.size() == 1 &&
                 r.value().spans[0].begin == want.value().spans[0].begin &&
                 r.value().spans[0].end == want.value().spans[0].end &&
                 r.value().spans[0].signals.size() == want.value().spans[0].signals.size();
      }
    });
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 25);
}

TEST(SpamDetectorTest, ConfigChangesTheVerdict) {
  SpamConfig strict;
  strict.threshold = 100;
  auto d = SpamDetector::Create(strict);
  ASSERT_TRUE(d.ok());
  std::string page = std::string(kArticle) + "午夜影院免费看|真人百家乐开户|高清无码在线播放|最新电影免费下载|外围足球投注\n";
  auto r = d.value()->Detect(page);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spans.empty());
  SpamConfig missing;
  missing.lexicon_dir = "/nonexistent/lexicon";
  auto bad = SpamDetector::Create(missing);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("/nonexistent/lexicon"), std::string::npos);
}

}  // namespace
}  // namespace sluice::spam
