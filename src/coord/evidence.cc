#include "coord/evidence.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"

namespace sluice::coord {

void EvidenceJson::Key(std::string_view k) {
  if (!s_.empty()) s_ += ",";
  AppendJsonString(&s_, k);
  s_ += ":";
}

EvidenceJson& EvidenceJson::Str(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonString(&s_, value);
  return *this;
}

EvidenceJson& EvidenceJson::Num(std::string_view key, double value) {
  Key(key);
  AppendJsonNumber(&s_, value);
  return *this;
}

EvidenceJson& EvidenceJson::Int(std::string_view key, uint64_t value) {
  Key(key);
  s_ += std::to_string(value);
  return *this;
}

EvidenceJson& EvidenceJson::Raw(std::string_view key, std::string_view json) {
  Key(key);
  s_ += json;
  return *this;
}

std::string FormatTime(Time32 t) { return FormatRfc3339(static_cast<UnixSeconds>(t)); }

std::string TokenHex(const World& w, TokenId t) {
  return fmt::format("{:016x}", t < w.token_hash.size() ? w.token_hash[t] : 0);
}

std::vector<GroupTarget> SharedTargets(const std::vector<Act>& acts, const ActsByAccount& ix,
                                       const std::vector<AccountId>& members, uint32_t min_members,
                                       const std::vector<PostId>* only) {
  struct X {
    PostId target;
    Time32 time;
    AccountId account;
  };
  std::vector<X> xs;
  for (AccountId m : members)
    for (uint64_t k = ix.begin[m]; k < ix.begin[m + 1]; ++k) {
      const Act& a = acts[ix.index[k]];
      if (a.kind == EngagementKind::kFollow) continue;
      if (only && !std::binary_search(only->begin(), only->end(), a.target)) continue;
      xs.push_back({a.target, a.time, a.account});
    }
  std::sort(xs.begin(), xs.end(), [](const X& a, const X& b) {
    return a.target != b.target ? a.target < b.target
                                : a.account != b.account ? a.account < b.account : a.time < b.time;
  });
  std::vector<GroupTarget> out;
  for (size_t b = 0; b < xs.size();) {
    size_t e = b;
    GroupTarget t{xs[b].target, {}};
    while (e < xs.size() && xs[e].target == xs[b].target) {
      if (e == b || xs[e].account != xs[e - 1].account)
        t.actions.push_back({xs[e].account, xs[e].time, kNone});
      ++e;
    }
    if (t.actions.size() >= min_members) {
      std::sort(t.actions.begin(), t.actions.end(), [](const GroupAction& a, const GroupAction& b) {
        return a.time != b.time ? a.time < b.time : a.account < b.account;
      });
      out.push_back(std::move(t));
    }
    b = e;
  }
  std::sort(out.begin(), out.end(), [](const GroupTarget& a, const GroupTarget& b) {
    return a.actions[0].time != b.actions[0].time ? a.actions[0].time < b.actions[0].time
                                                  : a.post < b.post;
  });
  return out;
}

std::string MemberExamples(const World& w, const std::vector<GroupTarget>& targets, AccountId m,
                           uint32_t* count) {
  std::string s = "[";
  size_t shown = 0;
  *count = 0;
  for (const GroupTarget& t : targets)
    for (const GroupAction& a : t.actions) {
      if (a.account != m) continue;
      ++*count;
      if (shown == kExamples) continue;
      if (shown++) s += ",";
      EvidenceJson j;
      j.Str("post", PostName(w, a.post != kNone ? a.post : t.post)).Str("time", FormatTime(a.time));
      s += j.Done();
    }
  return s + "]";
}

}  // namespace sluice::coord
