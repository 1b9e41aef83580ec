#include "narr/clusterer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "narr/fingerprint.h"

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
    texts.push_back((i % 4 == 0 ? std::string(kRumor) : std::string(kOther)) + "编号" +
                    std::to_string(i * 7919 % 1000) + (i % 3 ? "哈哈" : "呵呵"));
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

}  // namespace
}  // namespace sluice::narr
