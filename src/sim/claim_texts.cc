// The claims the simulated platform's fact-checkers have debunked, the on-topic posts that
// share their words without asserting them, and the wrappers of debunks and rumor commentary.
// Each claim template carries Latin letters and digits (for homoglyph and full-width edits) and
// characters with look-alike and sound-alike substitutes; Claims checks this per claim.
#include <initializer_list>

#include "sim/lexicon.h"

namespace sluice::sim {

Status AddClaimTexts(Lexicon* lex) {
  Vocabulary& v = lex->vocab;
  v.AddList("bank", {"华信银行", "同丰银行", "东海银行", "安和银行", "广利银行"});
  v.AddList("claim_source", {"网警", "公安局", "疾控中心", "市场监管局", "网信办", "融媒体中心"});

  struct ClaimText {
    std::initializer_list<std::string_view> fixed;
    std::string_view text;
    std::initializer_list<std::string_view> same_topic;
    std::string_view tag;
  };
  const ClaimText kClaims[] = {
      {{"city"}, "{city}自来水厂被人投毒，{n}小时内千万不要喝自来水，已有{n2}人送进ICU",
       {"{city}自来水厂今天开放参观，水质检测报告都公开了",
        "{city}这几天自来水有点黄，打了热线说是管道在检修",
        "{city}停水通知：明天{clock}点到下午检修自来水管道"},
       "{city}自来水"},
      {{"city"}, "{city}新装的5G基站辐射超标{n}倍，附近小区已有{n2}名儿童住进ICU",
       {"{city}的5G信号终于覆盖到我们小区了，网速快多了", "听说{city}要新建一批5G基站，有人了解吗",
        "{city}小区楼顶装了5G基站，物业说有检测报告"},
       "{city}5G基站"},
      {{"bank", "city"}, "{bank}资金链断裂即将破产，{city}的{n}家网点和ATM机明天起全部停止取款",
       {"{bank}的ATM机今天排队的人有点多", "{bank}手机银行又更新了，转账方便多了",
        "{city}的{bank}网点搬到新地址了"},
       "{bank}"},
      {{"city"}, "{city}地铁{n}号线隧道发生坍塌，至少{n2}人被困，官方APP已经删帖",
       {"{city}地铁{n}号线今天早上故障停运了半小时", "{city}地铁{n}号线新站点下个月开通",
        "{city}地铁官方APP可以刷码进站了"},
       "{city}地铁"},
      {{"city"}, "{city}明天起全面封城{n}天，超市全部停业，外卖APP也停止接单",
       {"{city}的超市今天人好多，大家都在买菜", "{city}外卖今天送得好慢，下雨天辛苦骑手了",
        "{city}明天有马拉松，部分道路临时封闭"},
       "{city}封城"},
      {{"food", "fruit", "city"}, "{food}和{fruit}同吃会产生剧毒，{city}已有{n}人中毒进了ICU",
       {"{food}和{fruit}到底能不能一起吃？有懂的吗", "今天做了{food}，饭后吃了点{fruit}",
        "{city}的{food}配{fruit}汁，意外地好吃"},
       "{food}{fruit}"},
      {{"city"}, "{city}某小学{n}名学生接种HPV疫苗后集体晕倒，校方封锁消息不让家长知道",
       {"{city}开始预约HPV疫苗了，名额很紧张", "带孩子去{city}社区医院打疫苗，流程挺顺利",
        "{city}的小学今天开家长会，讲了疫苗接种的事"},
       "{city}疫苗"},
      {{"brand", "city"}, "{brand}手机充电时会爆炸，{city}一名{n}岁男孩被炸伤，官方已悄悄下架全部Pro系列",
       {"{brand}新出的Pro系列手机拍照怎么样？", "{brand}手机充电器丢了，哪里能买到原装的",
        "{city}的{brand}门店今天人很多"},
       "{brand}手机"},
      {{"city"}, "从下个月起{city}所有电动车必须加装GPS定位并缴纳{n2}元年费，否则一律没收",
       {"{city}电动车上牌的地方人好多，排了{n}分钟", "{city}骑电动车一定要戴头盔，今天又看到有人被查",
        "给电动车装了个GPS防盗器，{city}偷车的太多了"},
       "{city}电动车"},
      {{"city"}, "{city}高考数学试卷提前泄露，有人在QQ群里以{n2}元一份出售答案PDF",
       {"{city}高考数学今年难不难？", "{city}考点门口好多家长在等孩子，加油",
        "{city}高考数学考完了，听说最后一题很难"},
       "{city}高考"},
      {{"city"}, "{city}PM2.5爆表是因为化工厂偷偷排放毒气，已有{n2}人住院抢救",
       {"{city}今天PM2.5有点高，出门记得戴口罩", "{city}空气质量终于好起来了",
        "{city}的化工厂搬迁到工业园区了"},
       "{city}空气"},
      {{"city"}, "{city}第{n}人民医院发现不明病毒，ICU已经住满，医生都被封在里面",
       {"{city}第{n}人民医院新门诊楼今天启用了", "在{city}第{n}人民医院排了一上午队",
        "{city}第{n}人民医院的医生态度真好"},
       "{city}医院"},
      {{"city"}, "{city}的商场从下周起不再收现金，只能用APP扫码付款，违者罚款{n2}元",
       {"{city}商场的扫码付款好方便", "现在出门都不带现金了，{city}的小店都能扫码",
        "{city}新开的商场周末人太多了"},
       "{city}商场"},
      {{"city", "street"}, "{city}{street}一带有白色面包车抢小孩，车牌尾号{n}K，已有{n}个孩子失踪",
       {"{city}{street}今天车好堵", "送孩子上学路过{city}{street}，交警在指挥交通",
        "{city}{street}新开了一家面包店"},
       "{city}{street}"},
  };
  for (const ClaimText& c : kClaims) {
    Lexicon::ClaimKind kind;
    for (std::string_view f : c.fixed) kind.fixed_lists.push_back(v.ListId(f));
    Result<int> text = v.AddTemplate(c.text);
    if (!text.ok()) return text.status();
    kind.text = text.value();
    for (std::string_view s : c.same_topic) {
      Result<int> t = v.AddTemplate(s);
      if (!t.ok()) return t.status();
      kind.same_topic.push_back(t.value());
    }
    Result<int> tag = v.AddTemplate(c.tag);
    if (!tag.ok()) return tag.status();
    kind.tag = tag.value();
    lex->claim_kinds.push_back(std::move(kind));
  }
  for (std::string_view s : {"{city}{claim_source}", "{city}辟谣平台", "{city}{claim_source}"}) {
    Result<int> t = v.AddTemplate(s);
    if (!t.ok()) return t.status();
    lex->claim_sources.push_back(t.value());
  }

  struct Wrap {
    std::string_view prefix, suffix;
  };
  auto add_wrappers = [&](std::initializer_list<Wrap> ws, std::vector<Lexicon::Wrapper>* out) {
    for (const Wrap& w : ws) {
      Result<int> p = v.AddTemplate(w.prefix);
      Result<int> s = v.AddTemplate(w.suffix);
      if (!p.ok()) return p.status();
      if (!s.ok()) return s.status();
      out->push_back({p.value(), s.value()});
    }
    return Status::Ok();
  };
  SLUICE_RETURN_IF_ERROR(add_wrappers(
      {{"网传“", "”系谣言，{city}警方已查明，请勿转发"},
       {"【辟谣】", "？经核实，该消息不实"},
       {"关于“", "”的说法不实，{city}{claim_source}已辟谣"},
       {"", "——这是谣言！已查明系编造"},
       {"群里有人说", "，官方已经辟谣了，别再传了"},
       {"网传", "，系谣言。{city}{claim_source}提醒：不造谣、不信谣、不传谣"},
       {"看到好多人转“", "”，已查明是假的，大家别被骗了"},
       {"辟谣｜", "？不实！{city}{claim_source}已查明"}},
      &lex->debunk_wrappers));
  SLUICE_RETURN_IF_ERROR(add_wrappers(
      {{"刚看到群里说，", "。大家注意安全！"},
       {"真的假的？", "，朋友在那边上班说是真的"},
       {"转给家人：", "，千万要注意"},
       {"紧急扩散！", "，大家互相转告"},
       {"", "。我同事亲口说的，已经传开了"},
       {"听说", "，细思极恐"},
       {"赶紧转发！", "{emoji}"}},
      &lex->rumor_wrappers));
  return Status::Ok();
}

}  // namespace sluice::sim
