#include "report/timeline.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"

namespace sluice {
namespace {

// Flag bits per post; the column order of the rows after "posts".
constexpr std::array<std::string_view, 4> kColumns = {"rumor", "copy_paste", "spam", "water_army"};

}  // namespace

std::string TimelineJson(const World& w, const std::vector<Finding>& findings) {
  const PostTable& posts = w.posts;
  std::vector<uint8_t> flags(posts.size(), 0);
  std::vector<uint8_t> army(w.accounts.size(), 0);
  for (const Finding& f : findings) {
    if (f.subject == SubjectKind::kAccount && f.label == "water_army") {
      AccountId a = w.accounts.ids.Find(f.id);
      if (a != kNone) army[a] = 1;
    } else if (f.subject == SubjectKind::kPost) {
      PostId p = posts.ids.Find(f.id);
      if (p == kNone) continue;
      for (size_t c = 0; c + 1 < kColumns.size(); ++c)
        if (f.label == kColumns[c]) flags[p] |= static_cast<uint8_t>(1u << c);
    }
  }
  Time32 lo = UINT32_MAX, hi = 0;
  for (PostId p = 0; p < posts.size(); ++p) {
    if (!posts.declared[p]) continue;
    lo = std::min(lo, posts.time[p]);
    hi = std::max(hi, posts.time[p]);
    if (posts.account[p] != kNone && army[posts.account[p]]) flags[p] |= 1u << 3;
  }
  uint32_t bucket = 3600;
  std::vector<std::array<uint64_t, 5>> rows;
  if (lo <= hi) {
    for (uint32_t b : {3600u, 86400u, 604800u}) {
      bucket = b;
      if ((hi / b - lo / b) < kMaxTimelineBuckets) break;
    }
    uint64_t first = lo / bucket, n = hi / bucket - first + 1;
    n = std::min<uint64_t>(n, kMaxTimelineBuckets);
    rows.assign(n, {});
    for (PostId p = 0; p < posts.size(); ++p) {
      if (!posts.declared[p]) continue;
      uint64_t r = std::min<uint64_t>(posts.time[p] / bucket - first, n - 1);
      ++rows[r][0];
      for (size_t c = 0; c < kColumns.size(); ++c)
        if (flags[p] & (1u << c)) ++rows[r][c + 1];
    }
  }
  std::string s = fmt::format("{{\"bucket_seconds\":{},\"columns\":[\"time\",\"posts\"", bucket);
  for (std::string_view c : kColumns) {
    s += ",";
    AppendJsonString(&s, c);
  }
  s += "],\"rows\":[";
  const uint64_t first = rows.empty() ? 0 : lo / bucket;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r) s += ",";
    s += "[";
    AppendJsonString(&s, FormatRfc3339(static_cast<UnixSeconds>((first + r) * bucket)));
    for (uint64_t v : rows[r]) s += fmt::format(",{}", v);
    s += "]";
  }
  s += "]}";
  return s;
}

}  // namespace sluice
