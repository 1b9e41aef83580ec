#include "sim/lexicon.h"

#include <initializer_list>

namespace sluice::sim {
namespace {

Status AddAll(Vocabulary& v, std::initializer_list<std::string_view> texts, std::vector<int>* out) {
  for (std::string_view t : texts) {
    Result<int> id = v.AddTemplate(t);
    if (!id.ok()) return id.status();
    out->push_back(id.value());
  }
  return Status::Ok();
}

Result<int> One(Vocabulary& v, std::string_view t) { return v.AddTemplate(t); }

}  // namespace

Status AddOrganicTexts(Lexicon* lex) {
  Vocabulary& v = lex->vocab;
  lex->city_list = v.AddList("city", {
      "北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "南京", "重庆", "长沙",
      "郑州", "青岛", "厦门", "昆明", "苏州", "天津", "沈阳", "哈尔滨", "合肥", "南昌", "福州",
      "济南", "大连", "贵阳", "南宁", "兰州", "太原", "石家庄", "无锡", "宁波", "东莞", "佛山",
      "珠海", "温州", "洛阳", "桂林", "三亚", "银川", "西宁", "海口", "扬州", "绍兴", "徐州",
      "烟台", "泉州"});
  v.AddList("food", {"火锅", "麻辣烫", "小笼包", "煎饼果子", "螺蛳粉", "烤鸭", "牛肉面", "肠粉",
                     "热干面", "羊肉串", "酸菜鱼", "蛋挞", "饺子", "炸酱面", "臭豆腐", "生煎",
                     "烧烤", "冒菜", "糖醋排骨", "红烧肉", "过桥米线", "肉夹馍", "凉皮",
                     "鸡蛋灌饼", "卤肉饭", "煲仔饭", "椰子鸡", "酸辣粉", "小龙虾", "海鲜粥"});
  v.AddList("fruit", {"柿子", "橘子", "西瓜", "荔枝", "香蕉", "芒果", "菠萝", "葡萄", "猕猴桃"});
  v.AddList("drink", {"奶茶", "咖啡", "柠檬水", "豆浆", "可乐", "酸梅汤"});
  v.AddList("taste", {"太好吃了", "一般般", "有点咸", "辣到流泪", "甜而不腻", "绝了", "味道很正宗",
                      "分量超足", "有点油", "吃完还想吃"});
  v.AddList("opinion", {"推荐", "不太推荐", "还行吧", "强烈安利", "有点失望", "超出预期",
                        "一言难尽", "值得二刷", "真香", "感觉血亏"});
  v.AddList("weather", {"下大雨", "三十八度", "大风降温", "雾霾很重", "阳光明媚", "下雪了",
                        "闷热得要命", "阴了一整天", "突然下冰雹", "出彩虹了"});
  v.AddList("feeling", {"心累", "好开心", "有点烦", "想回家", "还挺满足的", "累瘫了", "元气满满",
                        "无语了", "想躺平", "太治愈了", "有点emo", "笑死"});
  v.AddList("season", {"春天", "夏天", "秋天", "冬天", "梅雨季", "三伏天"});
  v.AddList("work_thing", {"PPT", "周报", "项目上线", "年终总结", "方案", "季度汇报", "需求文档",
                           "报销单"});
  v.AddList("study_thing", {"高数", "英语单词", "专业课笔记", "毕业论文", "线代", "历年真题"});
  v.AddList("pet", {"猫", "狗", "仓鼠", "兔子", "鹦鹉", "柯基", "橘猫", "布偶猫", "金毛", "哈士奇"});
  v.AddList("pet_action", {"拆家了", "睡了一整天", "学会握手了", "跑丢了又自己回来",
                           "偷吃了我的鸡腿", "对着窗外发呆", "把纸巾全扯出来了", "一直蹭我"});
  v.AddList("team", {"国足", "女排", "主队", "我们学校篮球队", "家乡球队", "龙舟队"});
  v.AddList("cheer", {"太燃了", "泪目", "终于等到这一天", "YYDS", "杀疯了", "稳了"});
  v.AddList("show", {"《山河旧梦》", "《夏日来信》", "《长街灯火》", "《白鹭洲》", "《迷雾追踪》",
                     "《她的第二人生》", "《星河之外》", "《小城故事多》", "《北纬三十度》",
                     "《逆风少年》"});
  v.AddList("place", {"公园", "商场", "菜市场", "图书馆", "体育馆", "老街", "海边", "博物馆",
                      "夜市", "江边"});
  v.AddList("sight", {"古城", "海边", "雪山", "夜市", "博物馆", "湿地公园", "古镇", "大峡谷"});
  v.AddList("item", {"耳机", "扫地机器人", "羽绒服", "电饭煲", "跑鞋", "口红", "空气炸锅",
                     "机械键盘", "平板", "保温杯"});
  v.AddList("phone_issue", {"电池不太行", "拍照真清楚", "发热有点严重", "信号时好时坏",
                            "用着挺顺手"});
  v.AddList("app", {"地图软件", "外卖软件", "打车软件", "视频软件", "购物软件"});
  v.AddList("doing", {"洗澡", "开会", "睡觉", "打游戏", "做饭", "上课", "坐地铁"});
  v.AddList("star", {"林一舟", "苏沐晴", "陈子墨", "夏知远", "白小鹿", "顾南星"});
  v.AddList("brand", {"星耀", "青橙", "远航", "极光", "云帆"});
  v.AddList("street", {"人民路", "解放大道", "中山路", "建设路", "学府路", "滨江路", "和平街"});
  v.AddList("subject", {"语文", "数学", "英语", "物理"});

  struct TopicText {
    std::initializer_list<std::string_view> texts, tags;
  };
  const TopicText kTopics[] = {
      {{"今天中午吃了{food}，{taste}", "{city}这家{food}店排队排了{n}分钟，{opinion}",
        "自己在家做了{food}，{feeling}", "终于吃到心心念念的{food}了", "减肥第{n}天，看到{food}又破功了",
        "有没有人知道{city}哪里的{food}最正宗？", "深夜放毒：{food}配{drink}"},
       {"{city}美食", "今天吃什么", "吃货日常"}},
      {{"{city}今天{weather}，{feeling}", "出门忘带伞，{city}的雨说下就下",
        "{city}的{season}来得太突然了", "气温{n}度，{feeling}", "早上还是晴天，下午就{weather}了"},
       {"{city}天气", "今日天气"}},
      {{"地铁{n}号线又挤成沙丁鱼了", "早高峰在{street}堵了{n}分钟，{feeling}",
        "今天骑共享单车上班，{feeling}", "公交等了{n}分钟还没来", "{city}的晚高峰真的绝了"},
       {"打工人日常", "{city}交通"}},
      {{"加班到{clock}点，{feeling}", "周一开会开了{n}个小时", "老板说下周要交{work_thing}，{feeling}",
        "终于把{work_thing}写完了，奖励自己一杯{drink}", "同事请假，一个人干两个人的活，{feeling}"},
       {"打工人日常", "社畜的一天"}},
      {{"期末考试还有{n}天，{study_thing}还没复习", "在图书馆坐了一天，{study_thing}还是看不懂",
        "考研倒计时{n}天，加油", "室友都睡了，我还在背{study_thing}"},
       {"考研", "期末周"}},
      {{"我家{pet}今天{pet_action}", "{pet}又把沙发抓坏了，{feeling}",
        "带{pet}去打疫苗，它全程{pet_action}", "养{pet}的快乐你们想象不到"},
       {"萌宠日常", "铲屎官的日常"}},
      {{"今天跑了{n}公里，{feeling}", "{team}赢了！{cheer}", "健身房打卡第{n}天",
        "晚上去{place}打了{n}局球"},
       {"运动打卡", "跑步"}},
      {{"刚看完{show}，{opinion}", "{show}第{n}集太好哭了", "求推荐类似{show}的剧",
        "{show}的结局我不接受"},
       {"追剧日常", "今晚看什么"}},
      {{"{city}的{sight}真的值得一去", "假期去{city}玩了{clock}天，{opinion}",
        "在{city}的{place}拍的照片，{feeling}", "第一次来{city}，{feeling}"},
       {"旅行", "{city}旅游"}},
      {{"买的{item}到了，{opinion}", "{item}降价了{n}块，冲", "种草了一个{item}，有人用过吗",
        "退货退了三次，{feeling}"},
       {"好物分享", "剁手日常"}},
      {{"陪爸妈去{place}逛了逛，{feeling}", "周末回老家吃{food}", "我妈又给我寄了一箱{fruit}"},
       {"家的味道"}},
      {{"新买的手机{phone_issue}", "电脑又蓝屏了，{feeling}", "{app}更新之后好卡",
        "{brand}的新耳机音质{opinion}"},
       {"数码", "科技生活"}},
  };
  for (const TopicText& t : kTopics) {
    Lexicon::Topic topic;
    SLUICE_RETURN_IF_ERROR(AddAll(v, t.texts, &topic.texts));
    SLUICE_RETURN_IF_ERROR(AddAll(v, t.tags, &topic.tags));
    lex->topics.push_back(std::move(topic));
  }

  struct HotText {
    std::initializer_list<std::string_view> fixed;
    std::string_view tag;
    std::initializer_list<std::string_view> texts;
  };
  const HotText kHot[] = {
      {{"city", "doing"}, "{city}地震",
       {"{city}刚刚好像地震了，楼在晃", "{city}的朋友们还好吗？刚才震感很明显",
        "地震的时候我正在{doing}，吓死了", "刚才{city}是地震了吗？家里吊灯一直在晃",
        "{city}这边震感强烈，大家注意安全", "第一次经历地震，腿都软了，{city}的朋友报个平安"}},
      {{"city", "street"}, "{city}暴雨",
       {"{city}暴雨，{street}积水到膝盖了", "{city}这雨下得太大了，地铁站都进水了",
        "今天{city}暴雨，外卖小哥辛苦了", "被困在公司回不去了，{city}的雨什么时候停",
        "{city}暴雨预警升级，大家尽量别出门"}},
      {{"star", "city"}, "{star}演唱会",
       {"{star}{city}演唱会太燃了", "抢到{star}的票了！{city}见",
        "{star}唱到那首歌的时候全场大合唱，{feeling}", "在{city}听{star}的现场，值了",
        "没抢到{star}演唱会的票，{feeling}"}},
      {{"team"}, "{team}夺冠",
       {"{team}夺冠了！！！", "{team}终于夺冠，{cheer}", "看{team}夺冠看哭了",
        "{team}这场打得太漂亮了，冠军实至名归"}},
      {{"brand"}, "{brand}发布会",
       {"{brand}新手机发布了，{opinion}", "{brand}发布会看完了，价格{opinion}",
        "{brand}这次的新品{phone_issue}吗？", "蹲了一晚上{brand}发布会，{feeling}"}},
      {{"subject"}, "高考{subject}",
       {"高考{subject}题目出来了，{feeling}", "今年高考{subject}作文题是什么？", "祝所有考生高考顺利",
        "想起了自己高考考{subject}的时候，{feeling}"}},
  };
  for (const HotText& h : kHot) {
    Lexicon::HotKind kind;
    for (std::string_view f : h.fixed) kind.fixed_lists.push_back(v.ListId(f));
    Result<int> tag = One(v, h.tag);
    if (!tag.ok()) return tag.status();
    kind.tag = tag.value();
    SLUICE_RETURN_IF_ERROR(AddAll(v, h.texts, &kind.texts));
    lex->hot_kinds.push_back(std::move(kind));
  }

  SLUICE_RETURN_IF_ERROR(AddAll(v, {"今天", "唉，", "说真的，", "果然", "啊啊啊", "记录一下：",
                                    "谁懂啊，", "话说", "害，", "突然发现", "又是", "救命，",
                                    "周末", "终于", "emmm", "家人们，"},
                                &lex->openers));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"，{feeling}", "，有人和我一样吗", "。记录一下", "哈哈哈",
                                    "，绝了", "～", "！", "。。。", "，就这样吧", "，冲冲冲",
                                    "，好耶", "，明天继续", "，不说了", "（小声）", "？？？",
                                    "，太难了", "，开心", "，麻了"},
                                &lex->closers));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"卧槽", "天哪，", "刚刚", "我去，", "家人们，", "救命，",
                                    "啊啊啊", "紧急！", "震惊，", "这是真的吗？", "现场直击："},
                                &lex->hot_openers));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"，大家注意安全", "，希望没事", "，第一次见", "，太意外了",
                                    "，有人知道怎么回事吗", "，我就在现场", "，求真相", "+1",
                                    "，{feeling}", "，刷屏了", "，朋友圈都在说", "，热搜第一了",
                                    "，持续关注", "！！！", "…"},
                                &lex->hot_closers));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"转发微博", "转发", "说得好", "哈哈哈哈", "太真实了", "同意",
                                    "mark", "马住", "学到了", "真的假的", "好家伙", "顶",
                                    "笑死我了", "支持", "有道理", "{emoji}", "转发{emoji}"},
                                &lex->repost_comments));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"打卡", "早安", "签到第{n}天", "每日一善", "今天也要加油鸭",
                                    "晚安", "好物推荐", "{emoji}", "分享图片", "路过"},
                                &lex->farm_texts));

  SLUICE_RETURN_IF_ERROR(AddAll(
      v, {"{brand}的产品质量太差了，大家千万别买", "支持{city}{team}，{cheer}",
          "{star}的新歌太好听了，循环一百遍", "{show}是今年最好看的剧，不接受反驳",
          "强烈要求{city}彻查此事，给大家一个交代", "{brand}新品首发就卖断货，真的太火了",
          "我们都是{star}的粉丝，{star}加油", "{city}这家{food}店用的是过期食材，大家别去了",
          "{show}抄袭实锤了，请还原作者一个公道"},
      &lex->campaign_texts));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"{brand}避雷", "{star}新歌", "{show}", "{city}热议",
                                    "为{star}打call", "{city}{food}"},
                                &lex->campaign_tags));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"", "", "真的！", "听说", "转给大家：", "刚刚看到，", "大家看看，"},
                                &lex->campaign_prefixes));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"", "！", "!!!", "，顶上去", "，大家转起来", "。", "～",
                                    "，说得太对了"},
                                &lex->campaign_suffixes));

  v.AddList("agency", {"华夏通讯社", "东方电讯", "中原通讯", "海峡新闻社"});
  v.AddList("outlet_kind", {"日报", "晚报", "新闻网", "广播电视台", "都市报", "发布"});
  v.AddList("festival", {"美食节", "国际马拉松", "读书节", "灯会", "音乐节", "龙舟赛"});
  lex->agency_list = v.ListId("agency");
  SLUICE_RETURN_IF_ERROR(AddAll(
      v, {"{city}{n}个重点项目集中开工", "{city}新开通{n}条公交线路", "{city}第{n}届{festival}开幕",
          "{city}发布{season}旅游消费数据", "{city}{n}所中小学完成校舍改造",
          "{city}地铁新线路开始试运行"},
      &lex->wire_headlines));
  SLUICE_RETURN_IF_ERROR(AddAll(
      v, {"记者从{city}有关部门获悉，相关工作已全面启动，预计惠及市民{n2}万人。",
          "据介绍，今年以来{city}累计完成投资{n2}亿元，同比增长{pct}%。",
          "活动期间共吸引市民和游客{n2}万人次参与，带动消费超过{n}亿元。",
          "有关负责人表示，下一步将继续优化服务，让群众有更多获得感。"},
      &lex->wire_bodies));
  SLUICE_RETURN_IF_ERROR(AddAll(v, {"{city}{outlet_kind}", "{city}新闻", "今日{city}"},
                                &lex->outlet_names));

  lex->name_prefix = v.AddList("name_prefix", {"小", "阿", "老", "大", "胖", "甜", "酷", "爱吃",
                                               "不吃", "会飞的", "快乐的", "孤独的", "努力的", "",
                                               "", ""});
  lex->name_core = v.AddList("name_core", {"猫", "鱼", "兔", "熊", "月亮", "星星", "豆豆", "橙子",
                                           "土豆", "西瓜", "柠檬", "狐狸", "鲸鱼", "团子", "饺子",
                                           "汤圆", "番茄", "可乐", "小怪兽", "蘑菇", "石头"});
  lex->name_suffix = v.AddList("name_suffix", {"", "", "", "酱", "君", "同学", "呀", "本人",
                                               "不加糖", "的日常", "在路上", "_"});
  return Status::Ok();
}

Result<std::shared_ptr<const Lexicon>> Lexicon::Build(const ScriptConverter& conv) {
  auto lex = std::make_shared<Lexicon>();
  SLUICE_RETURN_IF_ERROR(AddOrganicTexts(lex.get()));
  SLUICE_RETURN_IF_ERROR(AddClaimTexts(lex.get()));
  SLUICE_RETURN_IF_ERROR(AddSpamTexts(lex.get()));
  lex->vocab.Finalize(conv);
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

}  // namespace sluice::sim
