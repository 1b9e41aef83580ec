#include "spam/page_cleaner.h"

#include <algorithm>

#include "spam/normalizer.h"
#include "spam/segmenter.h"

namespace sluice::spam {

std::vector<CpSpan> RemovalRanges(std::span<const char32_t> cps, std::vector<CpSpan> spans) {
  const uint32_t n = static_cast<uint32_t>(cps.size());
  std::sort(spans.begin(), spans.end());
  std::vector<CpSpan> out;
  for (auto [b, e] : spans) {
    b = std::min(b, n);
    e = std::min(std::max(e, b), n);
    if (b == e) continue;
    uint32_t ls = b, le = e;  // the line start before b, the line end after e
    while (ls > 0 && !IsLineBreak(cps[ls - 1])) --ls;
    while (le < n && !IsLineBreak(cps[le])) ++le;
    uint32_t pre = b, post = e;  // the whitespace around the span within its lines
    while (pre > ls && IsHorizontalSpace(cps[pre - 1])) --pre;
    while (post < le && IsHorizontalSpace(cps[post])) ++post;
    bool alone_left = pre == ls, alone_right = post == le;
    if (alone_left && alone_right) {
      b = ls;
      e = le < n ? le + 1 : le;  // the whole line and its break
    } else if (alone_left) {
      e = post;                  // keep the indentation of what follows
    } else if (alone_right) {
      b = pre;
      e = le;
    }
    if (!out.empty() && b <= out.back().second)
      out.back().second = std::max(out.back().second, e);
    else
      out.push_back({b, e});
  }
  return out;
}

std::string CleanText(std::string_view utf8, const std::vector<CpSpan>& spans) {
  std::vector<char32_t> cps;
  std::vector<uint32_t> at;  // byte offset of each code point
  DecodeUtf8(utf8, &cps, &at);
  std::vector<CpSpan> remove = RemovalRanges(cps, spans);
  if (remove.empty()) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  uint32_t keep_from = 0;
  for (auto [b, e] : remove) {
    out.append(utf8.substr(at[keep_from], at[b] - at[keep_from]));
    keep_from = e;
  }
  out.append(utf8.substr(at[keep_from]));
  return out;
}

}  // namespace sluice::spam
