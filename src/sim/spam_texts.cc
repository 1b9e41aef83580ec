// Spam phrases by category and the news-like pages they are injected into. The phrases imitate
// the shape of SEO link-farm keyword blocks (a video or casino lure plus a hook: "free", "sign-up
// bonus", "permanent address") from word lists written for Sluice.
#include <initializer_list>

#include "sim/lexicon.h"

namespace sluice::sim {

Status AddSpamTexts(Lexicon* lex) {
  Vocabulary& v = lex->vocab;
  v.AddList("porn_core", {"午夜影院", "成人频道", "激情视频", "无码高清", "美女直播", "私密写真",
                          "夜色影视", "深夜秀场", "福利短片", "性感主播", "宅男福利"});
  v.AddList("gamble_core", {"真人百家乐", "网上赌场", "外围足球", "线上娱乐城", "电子老虎机",
                            "棋牌游戏", "时时彩", "六合彩特码", "体彩竞猜", "捕鱼游戏"});
  v.AddList("piracy_core", {"最新电影", "热播剧全集", "破解版软件", "无删减版", "蓝光原盘",
                            "付费课程", "考研资料", "畅销电子书", "院线大片"});
  v.AddList("ad_core", {"代开发票", "信用卡套现", "微商代理", "减肥药", "刷单兼职", "高仿手表",
                        "祛痘神器", "私家侦探", "无抵押贷款"});
  v.AddList("seo_core", {"蜘蛛池", "秒收录", "快速排名", "站群程序", "外链代发", "泛目录",
                         "权重提升", "百度快照"});
  v.AddList("contact", {"微信", "QQ", "电话", "飞机号", "客服"});

  const std::initializer_list<std::string_view> kCategories[] = {
      {"{porn_core}在线观看", "{porn_core}免费看", "{porn_core}永久入口", "最新{porn_core}",
       "{porn_core}高清无删", "{porn_core}每日更新", "{porn_core}{n}部合集", "免费{porn_core}"},
      {"{gamble_core}注册送{n}元", "{gamble_core}官方网址", "{gamble_core}开户",
       "{gamble_core}稳赚不赔", "{gamble_core}提现秒到", "{gamble_core}首充返{n}%"},
      {"{piracy_core}免费下载", "{piracy_core}网盘资源", "{piracy_core}迅雷下载",
       "{piracy_core}高清资源合集", "{piracy_core}抢先看", "{piracy_core}无水印版"},
      {"{ad_core}加{contact}{n2}{n2}", "{ad_core}诚招代理", "专业{ad_core}", "{ad_core}当天到账",
       "{ad_core}联系{contact}", "{ad_core}全国可办"},
      {"{seo_core}出租", "{seo_core}{n2}元每月", "{seo_core}包上首页", "{seo_core}技术交流",
       "{seo_core}价格优惠", "{seo_core}模板"},
  };
  for (const auto& cat : kCategories) {
    std::vector<int> ids;
    for (std::string_view t : cat) {
      Result<int> id = v.AddTemplate(t);
      if (!id.ok()) return id.status();
      ids.push_back(id.value());
    }
    lex->spam_phrases.push_back(std::move(ids));
  }
  for (std::string_view h : {"站点地图", "热门搜索", "友情链接", "推荐阅读", "相关推荐", "本站导航",
                             "热门标签", "本站模板"}) {
    Result<int> id = v.AddTemplate(h);
    if (!id.ok()) return id.status();
    lex->spam_headers.push_back(id.value());
  }

  lex->site_list = v.AddList("site", {"华夏新闻网", "东方视窗", "城市时报网", "九州资讯",
                                      "大江在线", "南方观察网"});
  lex->section_list = v.AddList("section", {"即时新闻", "国内", "社会", "财经", "科技", "文旅",
                                            "民生"});
  v.AddList("surname", {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
                        "马", "朱", "胡", "郭", "何", "林", "罗", "高"});
  v.AddList("given", {"明", "华", "芳", "静", "伟", "磊", "丽", "军", "洋", "勇", "艳", "杰",
                      "娟", "涛", "晨", "宇", "欣然", "子涵", "浩然", "雨桐"});
  v.AddList("meeting", {"城市更新", "营商环境", "乡村振兴", "防汛救灾",
                                           "安全生产", "文明城市创建", "老旧小区改造"});
  {
    Result<int> id = v.AddTemplate("{surname}{given}");
    if (!id.ok()) return id.status();
    lex->page_person = id.value();
  }
  v.AddList("dept", {"发展改革委", "住建局", "文旅局", "交通运输局", "教育局", "卫健委",
                     "商务局", "生态环境局"});
  v.AddList("work_area", {"基础设施建设", "民生保障", "生态环境治理", "产业转型升级",
                          "公共服务优化", "社区治理"});
  v.AddList("quote", {"家门口的变化看得见、摸得着", "办事比以前方便多了", "希望这样的活动多办几次",
                      "出行方便了不少", "孩子上学更安心了"});

  const std::initializer_list<std::string_view> kTitles = {
      "{city}召开{meeting}工作推进会", "{city}{n}个重点项目集中开工 总投资{n2}亿元",
      "{city}举办第{n}届{festival}", "{city}新开通{n}条公交线路 方便市民出行",
      "{city}发布{season}旅游消费数据", "{city}开展{meeting}专项行动",
      "{city}{n}所中小学完成校舍改造"};
  for (std::string_view t : kTitles) {
    Result<int> id = v.AddTemplate(t);
    if (!id.ok()) return id.status();
    lex->page_titles.push_back(id.value());
  }
  const std::initializer_list<std::string_view> kSentences = {
      "记者从{city}有关部门获悉，{city}近日召开{meeting}工作会议，对下一阶段工作作出部署。",
      "会议指出，要坚持问题导向，统筹推进{work_area}，切实提升群众的获得感和幸福感。",
      "据介绍，今年以来，{city}累计完成投资{n2}亿元，同比增长{pct}%。",
      "{city}{dept}负责人表示，下一步将继续加大工作力度，确保各项任务按期完成。",
      "活动期间，共吸引市民和游客{n2}万人次参与。",
      "截至目前，{city}已累计建成便民服务点{n2}个，覆盖全部街道和社区。",
      "多名市民表示，{quote}。",
      "专家认为，{work_area}是一项长期工作，需要久久为功、持续发力。",
      "{city}{dept}还将组织专项督查，对进展缓慢的项目挂牌督办。",
      "据了解，相关工作将于{clock}月底前全面完成。"};
  for (std::string_view t : kSentences) {
    Result<int> id = v.AddTemplate(t);
    if (!id.ok()) return id.status();
    lex->page_sentences.push_back(id.value());
  }
  const std::initializer_list<std::string_view> kFlagged = {
      "{city}警方近日破获一起特大网络赌博案，涉案金额{n2}万元，抓获犯罪嫌疑人{n}名。",
      "{city}扫黄打非办公室通报，今年以来共查处盗版出版物{n2}件。",
      "警方提醒，所谓刷单兼职、代开发票均属违法犯罪，市民切勿上当。",
      "{city}网信办依法关闭了{n}个传播色情低俗内容的网站。",
      "有关部门提醒，网上赌场、六合彩等均为违法活动，请勿参与。",
      "{city}开展打击侵权盗版专项行动，下架盗版电影链接{n2}条。"};
  for (std::string_view t : kFlagged) {
    Result<int> id = v.AddTemplate(t);
    if (!id.ok()) return id.status();
    lex->page_flagged_sentences.push_back(id.value());
  }
  for (std::string_view t :
       {"版权声明：凡注明“来源：{site}”的作品，版权均属{site}所有，转载请注明出处。",
        "本网站所刊载信息，不代表{site}观点。未经授权，禁止转载、摘编、复制或建立镜像。"}) {
    Result<int> id = v.AddTemplate(t);
    if (!id.ok()) return id.status();
    lex->page_copyrights.push_back(id.value());
  }
  return Status::Ok();
}

}  // namespace sluice::sim
