#include "eval/spans.h"

#include <algorithm>

namespace sluice::eval {

std::vector<Span> MergeSpans(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end());
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (s.first >= s.second) continue;
    if (!out.empty() && s.first <= out.back().second)
      out.back().second = std::max(out.back().second, s.second);
    else
      out.push_back(s);
  }
  return out;
}

int64_t CoveredLength(const std::vector<Span>& merged) {
  int64_t n = 0;
  for (const Span& s : merged) n += s.second - s.first;
  return n;
}

int64_t OverlapLength(const std::vector<Span>& a, const std::vector<Span>& b) {
  int64_t n = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int64_t lo = std::max(a[i].first, b[j].first);
    int64_t hi = std::min(a[i].second, b[j].second);
    if (lo < hi) n += hi - lo;
    if (a[i].second < b[j].second) ++i;
    else ++j;
  }
  return n;
}

}  // namespace sluice::eval
