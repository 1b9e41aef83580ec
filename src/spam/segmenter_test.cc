#include "spam/segmenter.h"

#include <gtest/gtest.h>

#include "spam/normalizer.h"

namespace sluice::spam {
namespace {

struct Seg {
  std::vector<char32_t> cps;
  Segmentation s;
  explicit Seg(std::string_view text) {
    DecodeUtf8(text, &cps);
    Segment(cps, &s);
  }
  std::string Text(const Item& it) const {
    std::string out;
    for (uint32_t k = it.begin; k < it.end; ++k) AppendUtf8(cps[k], &out);
    return out;
  }
  std::vector<std::string> Texts() const {
    std::vector<std::string> v;
    for (const Item& it : s.items) v.push_back(Text(it));
    return v;
  }
};

TEST(SegmenterTest, SplitsAtListSeparatorsAndRecordsThem) {
  Seg g("  主站模板: 午夜影院| 成人频道、激情视频 / 福利 【真人】");
  EXPECT_EQ(g.Texts(), (std::vector<std::string>{"主站模板", "午夜影院", "成人频道", "激情视频",
                                                 "福利", "真人"}));
  std::vector<SepKind> seps;
  for (const Item& it : g.s.items) seps.push_back(it.sep);
  EXPECT_EQ(seps, (std::vector<SepKind>{SepKind::kColon, SepKind::kPipe, SepKind::kIdeoComma,
                                        SepKind::kSlash, SepKind::kBracket, SepKind::kBracket}));
  EXPECT_TRUE(g.s.items.back().line_end);
  ASSERT_EQ(g.s.lines.size(), 1u);
  EXPECT_EQ(g.s.lines[0].begin, 0u);
}

TEST(SegmenterTest, KeepsUrlsTimesNumbersAndLatinPhrasesWhole) {
  Seg g("发布时间:2023-07-21 15:47:00 来源 http://www.example.com/a/b 共1,000人 free movies online");
  EXPECT_EQ(g.Texts(), (std::vector<std::string>{"发布时间", "2023-07-21 15:47:00", "来源",
                                                 "http://www.example.com/a/b", "共1,000人",
                                                 "free movies online"}));
  EXPECT_TRUE(g.s.items[3].url);
  EXPECT_FALSE(g.s.items[4].url);
  Seg d("kuaibo-tv.net 和 yule.vip");
  EXPECT_TRUE(d.s.items[0].url);
  EXPECT_TRUE(d.s.items[2].url);
}

TEST(SegmenterTest, SentenceEndsAndCommas) {
  Seg g("警方提醒，刷单兼职、代开发票均属违法。市民切勿上当! Done.");
  EXPECT_EQ(g.s.items[0].sep, SepKind::kComma);
  EXPECT_EQ(g.s.items[1].sep, SepKind::kIdeoComma);
  EXPECT_EQ(g.s.items[2].sep, SepKind::kTerminator);
  EXPECT_EQ(g.s.items[3].sep, SepKind::kTerminator);
  EXPECT_EQ(g.Text(g.s.items[4]), "Done");
  EXPECT_EQ(g.s.items[4].sep, SepKind::kTerminator);
}

TEST(SegmenterTest, LinesAndBlankLines) {
  Seg g("标题\n\n  \n第一段\r\n第二段\n");
  ASSERT_EQ(g.s.lines.size(), 3u);
  EXPECT_EQ(g.s.lines[0].blank_lines_before, 0u);
  EXPECT_EQ(g.s.lines[1].blank_lines_before, 2u);
  EXPECT_EQ(g.s.lines[2].blank_lines_before, 0u);
  EXPECT_EQ(g.Texts(), (std::vector<std::string>{"标题", "第一段", "第二段"}));
  EXPECT_EQ(g.s.items[1].line, 1u);
}

TEST(SegmenterTest, OnlySeparatorsOrNothing) {
  EXPECT_TRUE(Seg("").s.items.empty());
  EXPECT_TRUE(Seg("| | 、、\n\n").s.items.empty());
  EXPECT_TRUE(Seg("\n").s.lines.empty());
}

}  // namespace
}  // namespace sluice::spam
