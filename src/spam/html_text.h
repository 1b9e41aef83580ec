// The visible text of an HTML page, with a map back to the HTML, so spans found in the text can
// be reported as offsets into the page as given. Tags are dropped; script, style, noscript and
// template contents and comments are skipped; character references are decoded; runs of
// whitespace collapse to one space; block-level tags (p, div, br, li, h1…, tr, …) become line
// breaks, table cells a space, and adjacent links a space, so a list of <a> elements reads as a
// separated list. This is a tolerant scanner for crawled pages, not a conforming HTML parser.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace sluice::spam {

struct HtmlText {
  std::vector<char32_t> text;
  // For text[i]: the HTML code points [origin_begin[i], origin_end[i]) it comes from. A line
  // break or space that stands for a tag maps to the tag.
  std::vector<uint32_t> origin_begin, origin_end;
  std::vector<uint8_t> in_link;  // 1 when text[i] is inside an <a> element
};

void HtmlToText(std::span<const char32_t> html, HtmlText* out);

// True when `bytes` starts (after whitespace) with markup that only HTML has.
bool LooksLikeHtml(std::string_view bytes);

}  // namespace sluice::spam
