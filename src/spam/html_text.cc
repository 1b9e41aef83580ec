#include "spam/html_text.h"

#include <algorithm>
#include <string>

namespace sluice::spam {

namespace {

char32_t Lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHtmlSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool StartsWithLower(std::span<const char32_t> s, size_t i, std::string_view w) {
  if (i + w.size() > s.size()) return false;
  for (size_t k = 0; k < w.size(); ++k)
    if (Lower(s[i + k]) != static_cast<char32_t>(w[k])) return false;
  return true;
}

bool IsBlockTag(std::string_view t) {
  static constexpr std::string_view kBlock[] = {
      "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
      "title", "section", "article", "header", "footer", "nav", "aside", "dd", "dt", "dl",
      "blockquote", "pre", "hr", "form", "main", "figure", "figcaption", "body", "html", "head",
      "tbody", "thead", "tfoot", "option", "address", "center"};
  return std::find(std::begin(kBlock), std::end(kBlock), t) != std::end(kBlock);
}

bool IsRawTextTag(std::string_view t) {
  return t == "script" || t == "style" || t == "noscript" || t == "template";
}

class Builder {
 public:
  explicit Builder(HtmlText* out) : out_(out) {
    out_->text.clear();
    out_->origin_begin.clear();
    out_->origin_end.clear();
    out_->in_link.clear();
  }
  void Emit(char32_t c, size_t b, size_t e, bool link) {
    out_->text.push_back(c);
    out_->origin_begin.push_back(static_cast<uint32_t>(b));
    out_->origin_end.push_back(static_cast<uint32_t>(e));
    out_->in_link.push_back(link ? 1 : 0);
  }
  bool Empty() const { return out_->text.empty(); }
  char32_t Last() const { return out_->text.back(); }
  void Break(size_t b, size_t e) {
    if (Empty() || Last() == '\n') return;
    if (Last() == ' ') {
      out_->text.back() = '\n';
      return;
    }
    Emit('\n', b, e, false);
  }
  void Space(size_t b, size_t e, bool link) {
    if (Empty() || Last() == ' ' || Last() == '\n') return;
    Emit(' ', b, e, link);
  }

 private:
  HtmlText* out_;
};

// Decodes the character reference at html[i] == '&'. Returns its length, 0 when it is none.
size_t DecodeEntity(std::span<const char32_t> html, size_t i, char32_t* cp) {
  size_t j = i + 1, n = html.size();
  if (j < n && html[j] == '#') {
    ++j;
    bool hex = j < n && (html[j] == 'x' || html[j] == 'X');
    if (hex) ++j;
    uint32_t v = 0;
    size_t digits = 0;
    while (j < n && digits < 8) {
      char32_t c = html[j];
      int d = c >= '0' && c <= '9' ? static_cast<int>(c - '0')
              : hex && c >= 'a' && c <= 'f' ? static_cast<int>(c - 'a' + 10)
              : hex && c >= 'A' && c <= 'F' ? static_cast<int>(c - 'A' + 10) : -1;
      if (d < 0) break;
      v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      ++j, ++digits;
    }
    if (digits == 0) return 0;
    if (j < n && html[j] == ';') ++j;
    *cp = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : v;
    return j - i;
  }
  static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
      {"middot", 0xB7}, {"bull", 0x2022}, {"raquo", 0xBB}, {"laquo", 0xAB}, {"copy", 0xA9},
      {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"ldquo", 0x201C},
      {"rdquo", 0x201D}};
  for (auto [name, v] : kNamed) {
    if (!StartsWithLower(html, j, name)) continue;
    size_t e = j + name.size();
    if (e < n && html[e] == ';') {
      *cp = v;
      return e + 1 - i;
    }
  }
  return 0;
}

}  // namespace

void HtmlToText(std::span<const char32_t> html, HtmlText* out) {
  Builder b(out);
  const size_t n = html.size();
  bool in_link = false, after_link = false;
  size_t i = 0;
  while (i < n) {
    char32_t c = html[i];
    if (c == '<') {
      if (StartsWithLower(html, i, "<!--")) {
        size_t j = i + 4;
        while (j < n && !(html[j] == '>' && j >= i + 6 && html[j - 1] == '-' && html[j - 2] == '-')) ++j;
        i = std::min(j + 1, n);
        continue;
      }
      size_t j = i + 1;
      bool closing = j < n && html[j] == '/';
      if (closing) ++j;
      bool declaration = j < n && (html[j] == '!' || html[j] == '?');
      if (!declaration && (j >= n || !IsAsciiAlpha(html[j]))) {
        b.Emit(c, i, i + 1, in_link);  // a lone '<' is text
        after_link = false;
        ++i;
        continue;
      }
      std::string name;
      while (j < n && (IsAsciiAlpha(html[j]) || (html[j] >= '0' && html[j] <= '9')))
        name.push_back(static_cast<char>(Lower(html[j++])));
      char32_t quote = 0;
      while (j < n && (quote != 0 || html[j] != '>')) {
        if (quote != 0 && html[j] == quote) quote = 0;
        else if (quote == 0 && (html[j] == '"' || html[j] == '\'')) quote = html[j];
        ++j;
      }
      size_t tag_end = std::min(j + 1, n);
      if (!closing && IsRawTextTag(name)) {
        std::string close = "</" + name;
        size_t k = tag_end;
        while (k < n && !StartsWithLower(html, k, close)) ++k;
        while (k < n && html[k] != '>') ++k;
        i = std::min(k + 1, n);
        continue;
      }
      if (IsBlockTag(name)) {
        b.Break(i, tag_end);
      } else if (name == "td" || name == "th") {
        b.Space(i, tag_end, false);
      } else if (name == "a") {
        if (closing) {
          in_link = false;
          after_link = true;
        } else {
          if (after_link) b.Space(i, tag_end, false);
          in_link = true;
        }
      }
      i = tag_end;
      continue;
    }
    after_link = false;
    if (IsHtmlSpace(c)) {
      size_t j = i;
      while (j < n && IsHtmlSpace(html[j])) ++j;
      b.Space(i, j, in_link);
      i = j;
      continue;
    }
    if (c == '&') {
      char32_t cp = 0;
      if (size_t len = DecodeEntity(html, i, &cp); len > 0) {
        b.Emit(cp, i, i + len, in_link);
        i += len;
        continue;
      }
    }
    b.Emit(c, i, i + 1, in_link);
    ++i;
  }
}

bool LooksLikeHtml(std::string_view bytes) {
  size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) ++i;
  if (i >= bytes.size() || bytes[i] != '<') return false;
  std::string head;
  for (size_t k = i; k < bytes.size() && k < i + 4096; ++k)
    head.push_back(static_cast<char>(bytes[k] >= 'A' && bytes[k] <= 'Z' ? bytes[k] + 32 : bytes[k]));
  for (std::string_view m : {"<!doctype html", "<html", "<head", "<body", "<div", "<p>", "<p ", "<a ",
                             "<br", "<ul", "<table", "<span", "<meta", "<title"})
    if (head.find(m) != std::string::npos) return true;
  return false;
}

}  // namespace sluice::spam
