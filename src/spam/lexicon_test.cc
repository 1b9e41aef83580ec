#include "spam/lexicon.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace sluice::spam {
namespace {

const Normalizer& Norm() {
  static const std::unique_ptr<Normalizer> n = std::move(MakeIcuNormalizer()).value();
  return *n;
}

std::vector<std::string> Found(const Lexicon& lex, std::string_view text) {
  std::string norm = Norm().NormalizeUtf8(text);
  std::vector<LexiconHit> hits;
  EXPECT_TRUE(lex.Scan(norm, &hits).ok());
  std::vector<std::string> out;
  for (const LexiconHit& h : hits)
    out.push_back(std::string(SpamCategoryName(lex.category(h.phrase))) + ":" +
                  norm.substr(h.begin, h.end - h.begin));
  return out;
}

TEST(LexiconTest, MatchesNormalizedTextWithCategories) {
  auto lex = Lexicon::Build({{"gambling.txt", "# casinos\n百家乐\n\n  網上賭場  \n"},
                             {"piracy.txt", "在线观看\n"}},
                            Norm());
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_EQ(lex.value()->size(), 3u);
  // Traditional, full-width and zero-width variants all match.
  EXPECT_EQ(Found(*lex.value(), "百家樂在線\u200B觀看，网上赌场"),
            (std::vector<std::string>{"gambling:百家乐", "piracy:在线观看", "gambling:网上赌场"}));
  EXPECT_TRUE(Found(*lex.value(), "今天天气很好").empty());
}

TEST(LexiconTest, ShortAsciiPhrasesNeedWordBoundaries) {
  auto lex = Lexicon::Build({{"pornography.txt", "av\njizz\n"}}, Norm());
  ASSERT_TRUE(lex.ok());
  EXPECT_TRUE(Found(*lex.value(), "java savings").empty());
  EXPECT_EQ(Found(*lex.value(), "日韩AV在线").size(), 1u);
  EXPECT_EQ(Found(*lex.value(), "jizzjizz").size(), 2u);  // longer phrases match anywhere
}

TEST(LexiconTest, ErrorsNameFileAndLine) {
  auto dup = Lexicon::Build({{"gambling.txt", "百家乐\n"}, {"piracy.txt", "x\n百家樂\n"}}, Norm());
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message(), "piracy.txt:2: phrase '百家樂' repeats gambling.txt:1");
  auto cat = Lexicon::Build({{"weather.txt", "晴\n"}}, Norm());
  ASSERT_FALSE(cat.ok());
  EXPECT_NE(cat.status().message().find("weather.txt: unknown spam category 'weather'"),
            std::string::npos);
  auto empty = Lexicon::Build({{"piracy.txt", "\u200B\n"}}, Norm());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "piracy.txt:1: phrase normalizes to nothing");
}

TEST(LexiconTest, EmbeddedListsMatchTheDataDirectory) {
  std::vector<LexiconSource> embedded = Lexicon::EmbeddedSources();
  auto dir = Lexicon::ReadDir(std::string(SLUICE_SOURCE_DIR) + "/data/spam");
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  ASSERT_EQ(embedded.size(), dir.value().size());
  for (size_t i = 0; i < embedded.size(); ++i) {
    EXPECT_EQ(embedded[i].name, dir.value()[i].name);
    EXPECT_EQ(embedded[i].text, dir.value()[i].text);
  }
  auto lex = Lexicon::Build(embedded, Norm());
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  std::set<SpamCategory> cats;
  for (uint32_t i = 0; i < lex.value()->size(); ++i) cats.insert(lex.value()->category(i));
  EXPECT_EQ(cats.size(), static_cast<size_t>(kSpamCategoryCount));
}

TEST(LexiconTest, ScanIsSafeAcrossThreads) {
  auto lex = Lexicon::Build({{"gambling.txt", "百家乐\n"}}, Norm());
  ASSERT_TRUE(lex.ok());
  std::string text;
  for (int i = 0; i < 200; ++i) text += "百家乐 ";
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) {
        std::vector<LexiconHit> hits;
        if (lex.value()->Scan(text, &hits).ok()) counts[t] += hits.size();
      }
    });
  for (auto& th : threads) th.join();
  for (size_t c : counts) EXPECT_EQ(c, 200u * 50u);
}

}  // namespace
}  // namespace sluice::spam
