#include "spam/html_text.h"

#include <gtest/gtest.h>

#include "spam/normalizer.h"

namespace sluice::spam {
namespace {

struct Page {
  std::vector<char32_t> html;
  HtmlText t;
  explicit Page(std::string_view s) {
    DecodeUtf8(s, &html);
    HtmlToText(html, &t);
  }
  std::string Text() const {
    std::string out;
    for (char32_t c : t.text) AppendUtf8(c, &out);
    return out;
  }
  std::string Origin(size_t b, size_t e) const {  // the HTML behind text [b, e)
    std::string out;
    for (uint32_t k = t.origin_begin[b]; k < t.origin_end[e - 1]; ++k) AppendUtf8(html[k], &out);
    return out;
  }
};

TEST(HtmlTextTest, VisibleTextWithLineBreaksForBlocks) {
  Page p("<html><head><title>标题</title><style>p{color:red}</style></head>"
         "<body><p>第一段&amp;<b>加粗</b></p><!-- 注释 --><div>第二段<br>换行</div>"
         "<script>var a='<p>';</script><p>a&nbsp;&#x4E2D;&#25991;&lt;</p></body></html>");
  EXPECT_EQ(p.Text(), "标题\n第一段&加粗\n第二段\n换行\na\u00A0中文<\n");
}

TEST(HtmlTextTest, WhitespaceCollapsesAndLinksAreSeparated) {
  Page p("<p>热门搜索：<a href=\"/a\">午夜影院</a><a href='/b'>成人频道</a>\n   <a>c</a></p>");
  EXPECT_EQ(p.Text(), "热门搜索：午夜影院 成人频道 c\n");
  size_t at = p.Text().find("午") / 3;  // every character before is 3 bytes in UTF-8
  EXPECT_EQ(p.t.in_link[at], 1);
  EXPECT_EQ(p.t.in_link[0], 0);
  EXPECT_EQ(p.Origin(at, at + 4), "午夜影院");
  // A span over two links maps back over the tags between them.
  EXPECT_EQ(p.Origin(at, at + 9), "午夜影院</a><a href='/b'>成人频道");
}

TEST(HtmlTextTest, BrokenMarkupIsText) {
  Page p("a < b <3 & c &bogus; <p");
  EXPECT_EQ(p.Text(), "a < b <3 & c &bogus;\n");  // an unclosed tag at the end still breaks the line
}

TEST(HtmlTextTest, Sniffing) {
  EXPECT_TRUE(LooksLikeHtml("\xEF\xBB\xBF  <!DOCTYPE html><html>"));
  EXPECT_TRUE(LooksLikeHtml("<div class=x>正文</div>"));
  EXPECT_FALSE(LooksLikeHtml("正文 <b>"));
  EXPECT_FALSE(LooksLikeHtml("<<<< 标题 >>>>"));
}

}  // namespace
}  // namespace sluice::spam
