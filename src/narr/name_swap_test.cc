#include "narr/name_swap.h"

#include <gtest/gtest.h>

#include <string>

#include "text/normalizer.h"

namespace sluice::narr {
namespace {

NameTokens Tokens(const std::string& text) {
  NameTokens t;
  text::NormalizeTokens(text, &t.chars, &t.sounds);
  return t;
}

bool Differ(const std::string& a, const std::string& b) {
  bool ab = NamesDiffer(Tokens(a), Tokens(b));
  EXPECT_EQ(ab, NamesDiffer(Tokens(b), Tokens(a))) << a << " / " << b;
  return ab;
}

const char* kKunming = "紧急扩散：昆明某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人";

TEST(NamesDifferTest, AnotherCityInTheSamePlaceDiffers) {
  EXPECT_TRUE(Differ(kKunming,
                     "紧急扩散：烟台某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人"));
  // Two names swapped, and one of three characters against two.
  EXPECT_TRUE(Differ("网传青橙手机充电时爆炸，石家庄一名18岁学生重伤，大家千万别边充边玩",
                     "网传星耀手机充电时爆炸，沈阳一名18岁学生重伤，大家千万别边充边玩"));
  EXPECT_FALSE(Differ(kKunming, kKunming));
}

TEST(NamesDifferTest, EditsOfOneTextDoNot) {
  // 諧音: 坤铭 sounds as 昆明; 仁 as 人.
  EXPECT_FALSE(Differ(kKunming,
                      "紧急扩散：坤铭某小学已有35名学生食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的仁"));
  // A 諧音 copy against a copy with a look-alike the normalizer leaves alone (毐 for 毒), in the
  // same two characters: only one sound differs.
  EXPECT_FALSE(Differ("麻辣烫和葡萄同吃会产生据毒，郑州已有27人钟独进了ICU",
                      "麻辣烫和葡萄同吃会产生剧毒，郑州已有27人中毐进了ICU"));
  // 形近字 (己 for 已, 入 for 人) and traditional script are folded by the normalizer.
  EXPECT_FALSE(Differ(kKunming,
                      "紧急扩散：昆明某小学己有35名学生食物中毒送医，學校封鎖消息不讓家長知道，请大家转告身边的入"));
  // A partial copy, an embedded one, punctuation, emoji and zero-width characters.
  EXPECT_FALSE(Differ(kKunming, "扩散：昆明某小学已有35名学生食物中毒送医，学校封锁消息"));
  EXPECT_FALSE(Differ(kKunming, std::string("刚在群里看到的，") + kKunming + "，不知道真假"));
  EXPECT_FALSE(Differ(kKunming,
                      "紧急扩散!!昆明某小学🙏已有3\u200b5名学生、食物中毒送医，学校封锁消息不让家长知道，请大家转告身边的人"));
}

TEST(NamesDifferTest, OnlyInsideTheText) {
  // A campaign varies its opener and closer: those hunks have no aligned text on one side.
  EXPECT_FALSE(Differ(std::string("大家快看：") + kKunming, std::string("转发扩散：") + kKunming));
  EXPECT_FALSE(Differ(std::string(kKunming) + "，太可怕了", std::string(kKunming) + "，求证中"));
  // A phrase swapped before a shared hashtag is a campaign's varied closer, not a name.
  EXPECT_FALSE(Differ("大家看看，青橙新品首发就卖断货，真的太火了，说得太对了#佛山麻辣烫#",
                      "大家看看，青橙新品首发就卖断货，真的太火了，顶上去#佛山麻辣烫#"));
  // Two aligned characters before the swap are not enough to call it inside.
  EXPECT_FALSE(Differ("紧急昆明某小学已有35名学生食物中毒送医", "紧急烟台某小学已有35名学生食物中毒送医"));
  EXPECT_TRUE(Differ("紧急扩散昆明某小学已有35名学生食物中毒送医", "紧急扩散烟台某小学已有35名学生食物中毒送医"));
  // Unrelated tails that share a word by chance are no swap around it.
  EXPECT_FALSE(Differ("网传佛山新装的5G基站辐射超标57倍，附近小区已有434名儿童住进ICU，系谣言。佛山融媒体中心提醒：不造谣、不信谣、不传谣#辟谣#",
                      "听说佛山新装的5G基站辐射超标57倍，附近小区已有434名儿童住进ICU，细思极恐#佛山5G基站#"));
}

}  // namespace
}  // namespace sluice::narr
