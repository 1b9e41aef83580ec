#include "narr/clusterer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "narr/fingerprint.h"
#include "text/normalizer.h"

namespace sluice::narr {
namespace {

class ClustererTest : public ::testing::Test {
 protected:
  NarrConfig c_;
  Fingerprinter f_{c_};
  NarrativeClusterer cl_{c_};
  uint32_t Add(const std::string& text) {
    Fingerprint fp;
    f_.Compute(text, &fp);
    return cl_.Add(fp);
  }
};

const char* kRumor = "紧急通知：明天起本市自来水厂停水三天，水里检测出有毒物质，请大家赶快囤水";
const char* kOther = "今天天气真好，和朋友去公园散步，看到好多小朋友在放风筝，心情特别愉快";

TEST_F(ClustererTest, NearDuplicatesJoinAndUnrelatedStayApart) {
  uint32_t a = Add(kRumor);
  uint32_t b = Add(kOther);
  // A traditional-script copy with punctuation and zero-width characters: the normalizer folds
  // it back, so it is the same fingerprint.
  uint32_t c = Add("緊急通知：明天起本市自來水廠停水三天，水裡檢測出有毒物質，請大家趕快囤水！！\u200b");
  uint32_t d = Add(std::string("转发：") + kRumor + "大家注意");
  EXPECT_EQ(cl_.Cluster(a), cl_.Cluster(c));
  EXPECT_EQ(cl_.Cluster(a), cl_.Cluster(d));
  EXPECT_NE(cl_.Cluster(a), cl_.Cluster(b));
  EXPECT_EQ(cl_.ClusterSize(a), 3u);
  EXPECT_GT(cl_.Similarity(a, c), 0.9);
  EXPECT_LT(cl_.Similarity(a, b), 0.2);
}

TEST_F(ClustererTest, ShortTextsAndRepostsDoNotMatchByText) {
  uint32_t a = Add("好的");
  uint32_t b = Add("好的");
  EXPECT_FALSE(cl_.HasSignature(a));
  EXPECT_NE(cl_.Cluster(a), cl_.Cluster(b));
  EXPECT_EQ(cl_.Similarity(a, b), -1);
  uint32_t o = Add(kOther);
  uint32_t r = cl_.AddRepost(o);
  uint32_t rr = cl_.AddRepost(r);
  EXPECT_EQ(cl_.Cluster(rr), cl_.Cluster(o));
  EXPECT_EQ(cl_.ClusterSize(o), 3u);
}

// Three texts: Y is S; X replaces S's first seven characters, Z its last seven. X–Y and Y–Z are
// similar (Jaccard 0.6), X–Z are not (0.33). Adds X, then Z, then Y.
struct Chain {
  explicit Chain(NarrConfig config) : c(config), f(c), cl(c) {
    std::u8string s = u8"天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕";
    std::u8string head = u8"云腾致雨露结为", tail = u8"金生丽水玉出昆";
    const size_t seven = head.size();  // seven three-byte characters
    x = Add(head + s.substr(seven));
    z = Add(s.substr(0, s.size() - seven) + tail);
    separate_before_y = cl.Cluster(x) != cl.Cluster(z);
    y = Add(s);
  }
  uint32_t Add(const std::u8string& t) {
    Fingerprint fp;
    f.Compute(std::string(t.begin(), t.end()), &fp);
    return cl.Add(fp);
  }
  NarrConfig c;
  Fingerprinter f;
  NarrativeClusterer cl;
  uint32_t x = 0, y = 0, z = 0;
  bool separate_before_y = false;
};

NarrConfig ChainConfig(double root_similarity) {
  NarrConfig c;
  c.similarity = 0.45;
  c.root_similarity = root_similarity;
  return c;
}

TEST(ClustererChainTest, UnionFindMergesChains) {
  // Without a root check all three end in one cluster through Y.
  Chain ch(ChainConfig(0));
  EXPECT_TRUE(ch.separate_before_y);
  EXPECT_LT(ch.cl.Similarity(ch.x, ch.z), ch.c.similarity);
  EXPECT_GE(ch.cl.Similarity(ch.x, ch.y), ch.c.similarity);
  EXPECT_GE(ch.cl.Similarity(ch.y, ch.z), ch.c.similarity);
  EXPECT_EQ(ch.cl.Cluster(ch.x), ch.cl.Cluster(ch.y));
  EXPECT_EQ(ch.cl.Cluster(ch.y), ch.cl.Cluster(ch.z));
}

TEST(ClustererChainTest, RootSimilarityStopsAChainFromDrifting) {
  // A post must also be similar enough to the root of the cluster it joins: Y joins one side,
  // but the other side's root is only 0.33 from it, so that verified pair is refused.
  Chain ch(ChainConfig(0.45));
  EXPECT_NE(ch.cl.Cluster(ch.x), ch.cl.Cluster(ch.z));
  EXPECT_TRUE(ch.cl.Cluster(ch.y) == ch.cl.Cluster(ch.x) || ch.cl.Cluster(ch.y) == ch.cl.Cluster(ch.z));
  EXPECT_GT(ch.cl.root_refused_pairs(), 0u);
}

TEST_F(ClustererTest, IncrementalEqualsBatchAndMemoryIsBoundedPerPost) {
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i)
    texts.push_back((i % 4 == 0 ? std::string(kRumor) : std::string(kOther)) +
                    (i % 3 ? "哈哈" : "呵呵") + "编号" + std::to_string(i * 7919 % 1000));
  for (const std::string& t : texts) Add(t);
  // Two narratives, each one cluster, however many posts arrive.
  EXPECT_EQ(cl_.ClusterSize(0), 100u);
  EXPECT_EQ(cl_.ClusterSize(1), 300u);
  size_t bytes = cl_.MemoryBytes();
  EXPECT_LT(bytes / 400, 1200u);
  NarrativeClusterer again(c_);
  for (const std::string& t : texts) {
    Fingerprint fp;
    f_.Compute(t, &fp);
    again.Add(fp);
  }
  for (uint32_t i = 0; i < texts.size(); ++i) EXPECT_EQ(again.Cluster(i), cl_.Cluster(i));
}

// Two rumors from one template: the same sentence with another fine, or another city and other
// figures. Similar enough to merge on text alone; different claims with different originators.
const char* kFineA = "大连的商场从下周起不再收现金，只能用APP扫码付款，违者罚款451元";
const char* kFineB = "大连的商场从下周起不再收现金，只能用APP扫码付款，违者罚款588元";
const char* kWaterA = "佛山自来水厂被人投毒，8小时内千万不要喝自来水，已有788人送进ICU";
const char* kWaterB = "贵阳自来水厂被人投毒，48小时内千万不要喝自来水，已有347人送进ICU";

TEST(FigureKeysTest, DigitRunsWithBothNeighboursOnly) {
  auto keys = [](const std::u32string& t) {
    std::vector<uint32_t> tokens(t.begin(), t.end());
    std::vector<uint64_t> k;
    FigureKeys(tokens, &k);
    return k;
  };
  EXPECT_EQ(keys(U"已有369人").size(), 1u);
  EXPECT_EQ(keys(U"罚款45l元第lo天").size(), 2u);  // 451 and 10 as the normalizer leaves them
  EXPECT_TRUE(keys(U"新装的5g基站").empty());     // a name, not a figure
  EXPECT_TRUE(keys(U"369人送进").empty());  // at the start: a partial copy may have cut it
  EXPECT_TRUE(keys(U"已有369").empty());    // at the end
  std::vector<uint64_t> a = keys(U"已有369人"), b = keys(U"已有788人"), c = keys(U"共计788人");
  EXPECT_TRUE(FiguresConflict(a.data(), a.size(), b.data(), b.size()));
  EXPECT_FALSE(FiguresConflict(a.data(), a.size(), a.data(), a.size()));
  EXPECT_FALSE(FiguresConflict(a.data(), a.size(), c.data(), c.size()));  // another place
  // Any agreeing figure in a shared place is agreement there.
  std::vector<uint64_t> two = keys(U"第3天第5天"), one = keys(U"第5天");
  EXPECT_FALSE(FiguresConflict(two.data(), two.size(), one.data(), one.size()));
}

TEST_F(ClustererTest, TemplateRumorsWithOtherFiguresAreOtherStories) {
  uint32_t fine_a = Add(kFineA), water_a = Add(kWaterA);
  uint32_t fine_b = Add(kFineB), water_b = Add(kWaterB);
  EXPECT_GE(cl_.Similarity(fine_a, fine_b), c_.similarity);
  EXPECT_GE(cl_.Similarity(water_a, water_b), c_.similarity);
  EXPECT_NE(cl_.Cluster(fine_a), cl_.Cluster(fine_b));
  EXPECT_NE(cl_.Cluster(water_a), cl_.Cluster(water_b));
  EXPECT_GT(cl_.figure_refused_pairs(), 0u);
  // Edited copies keep their figures, or lose them at a cut: they stay with their own claim.
  for (const char* copy : {"佛山自来水厂被人投毒，８小时内千万不要喝自来水，已有７８８人送进ＩＣＵ",
                           "佛山自来水厂被人投🙏毒，8小时内千万不要喝自来水，已有7🔥88人送进ICU",
                           "佛山自來水廠被人投毒，8小時內千萬不要喝自來水，已有788人送進ICU",
                           "转给家人：佛山自来水厂，被人投 毒，8小时内千万不、要喝自来水，已有7·88人送进ICU，千万要注意",
                           "佛山自来水厂被仁投毒·，8小时内千万不要喝自~来水，~已有！788仁送进ICU",
                           "自来水厂被人投毒，8小时内千万不要喝自来水，已有78"})
    EXPECT_EQ(cl_.Cluster(Add(copy)), cl_.Cluster(water_a)) << copy;
  EXPECT_NE(cl_.Cluster(water_a), cl_.Cluster(water_b));
}

TEST(ClustererFiguresTest, OffMergesTemplateRumors) {
  NarrConfig c;
  c.split_on_figures = false;
  Fingerprinter f(c);
  NarrativeClusterer cl(c);
  auto add = [&](const char* t) {
    Fingerprint fp;
    f.Compute(t, &fp);
    return cl.Add(fp);
  };
  uint32_t a = add(kFineA), b = add(kFineB);
  EXPECT_EQ(cl.Cluster(a), cl.Cluster(b));
  EXPECT_EQ(cl.figure_refused_pairs(), 0u);
}

// The cost: copies stamped with their own serial number between two characters are other
// stories too (a number at either end is not a figure).
TEST_F(ClustererTest, SerialNumbersInsideTheTextSplitAndAtTheEndDoNot) {
  uint32_t a = Add(std::string(kRumor) + "编号1234号"), b = Add(std::string(kRumor) + "编号5678号");
  EXPECT_NE(cl_.Cluster(a), cl_.Cluster(b));
  uint32_t c = Add(std::string(kOther) + "编号1234"), d = Add(std::string(kOther) + "编号5678");
  EXPECT_EQ(cl_.Cluster(c), cl_.Cluster(d));
}

// Rumors from one template that state the same figures and differ only in the city: only names
// tell them apart (split_on_names, with the texts read back through a TextSource).
class NamedTexts : public TextSource {
 public:
  std::vector<std::string> texts;
  void Tokens(uint32_t post, NameTokens* out) const override {
    text::NormalizeTokens(texts[post], &out->chars, &out->sounds);
  }
};

NarrConfig NamesConfig(bool split) {
  NarrConfig c;
  c.split_on_names = split;
  return c;
}

struct NamesWorld {
  explicit NamesWorld(bool split) : c(NamesConfig(split)) {}
  NarrConfig c;
  NamedTexts texts;
  Fingerprinter f{c};
  NarrativeClusterer cl{c, &texts};
  uint32_t Add(const std::string& t) {
    texts.texts.push_back(t);
    Fingerprint fp;
    f.Compute(t, &fp);
    return cl.Add(fp);
  }
};

const char* kCityA = "紧急扩散：昆明某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人";
const char* kCityB = "紧急扩散：烟台某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人";

TEST(ClustererNamesTest, TemplateRumorsAboutOtherCitiesAreOtherStories) {
  NamesWorld w(true);
  uint32_t a = w.Add(kCityA), b = w.Add(kCityB);
  EXPECT_GE(w.cl.Similarity(a, b), w.c.similarity);
  EXPECT_NE(w.cl.Cluster(a), w.cl.Cluster(b));
  EXPECT_GT(w.cl.name_refused_pairs(), 0u);
  // 諧音 (坤铭 for 昆明, 仁 for 人), 形近字 (己 for 已, 入 for 人), a partial copy that kept
  // the city, and traditional script with punctuation: each stays with its own claim.
  for (const char* copy : {"紧急扩散：坤铭某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的仁",
                           "紧急扩散：昆明某小学己有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的入",
                           "扩散：昆明某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道",
                           "緊急擴散！！昆明某小學已有35名學生食物中毒送醫，學校封鎖消息不讓家長知道，請大家轉告身邊的人"})
    EXPECT_EQ(w.cl.Cluster(w.Add(copy)), w.cl.Cluster(a)) << copy;
  for (const char* copy : {"紧急扩散：烟台某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的仁",
                           "扩散：烟台某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道"})
    EXPECT_EQ(w.cl.Cluster(w.Add(copy)), w.cl.Cluster(b)) << copy;
  EXPECT_NE(w.cl.Cluster(a), w.cl.Cluster(b));
}

TEST(ClustererNamesTest, OffOrWithoutTextsMergesThem) {
  NamesWorld off(false);
  EXPECT_EQ(off.cl.Cluster(off.Add(kCityA)), off.cl.Cluster(off.Add(kCityB)));
  EXPECT_EQ(off.cl.name_refused_pairs(), 0u);
  NarrConfig c;
  Fingerprinter f(c);
  NarrativeClusterer no_texts(c);
  Fingerprint fa, fb;
  f.Compute(kCityA, &fa);
  f.Compute(kCityB, &fb);
  uint32_t a = no_texts.Add(fa), b = no_texts.Add(fb);
  EXPECT_EQ(no_texts.Cluster(a), no_texts.Cluster(b));
}

}  // namespace
}  // namespace sluice::narr
