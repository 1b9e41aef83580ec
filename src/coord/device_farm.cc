#include "coord/device_farm.h"

#include <algorithm>
#include <cmath>

#include "coord/group_graph.h"

namespace sluice::coord {
namespace {

uint64_t TokenKey(TokenKind k, TokenId t) { return (static_cast<uint64_t>(k) << 32) | t; }

struct MemberAct {
  PostId target;
  Time32 time;
  uint32_t member;
};

}  // namespace

FarmResult FindDeviceFarms(const World& w, const std::vector<Act>& acts,
                           const ActsByAccount& by_account, const DeviceFarmConfig& c) {
  FarmResult res;
  // (token, account) pairs from every place a token appears.
  // Every act repeats its account's token: fold repeats as the list grows, so memory follows the
  // distinct (token, account) pairs, not the acts.
  std::vector<std::pair<uint64_t, AccountId>> uses;
  size_t folded = 0;
  auto use = [&](TokenKind k, TokenId t, AccountId a) {
    if (t == kNone) return;
    uses.push_back({TokenKey(k, t), a});
    if (uses.size() > 2 * folded + (1u << 22)) {
      std::sort(uses.begin(), uses.end());
      uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
      folded = uses.size();
    }
  };
  const AccountTable& at = w.accounts;
  for (AccountId a = 0; a < at.size(); ++a) {
    use(TokenKind::kDevice, at.device[a], a);
    use(TokenKind::kIp, at.ip[a], a);
  }
  const PostTable& pt = w.posts;
  for (PostId p = 0; p < pt.size(); ++p) {
    if (!pt.declared[p]) continue;
    use(TokenKind::kDevice, pt.device[p], pt.account[p]);
    use(TokenKind::kIp, pt.ip[p], pt.account[p]);
  }
  for (const Act& a : acts) {
    if (a.from_post) continue;  // its post was counted above
    use(TokenKind::kDevice, a.device, a.account);
    use(TokenKind::kIp, a.ip, a.account);
  }
  std::sort(uses.begin(), uses.end());
  uses.erase(std::unique(uses.begin(), uses.end()), uses.end());

  std::vector<MemberAct> ma;
  for (size_t b = 0; b < uses.size();) {
    size_t e = b;
    while (e < uses.size() && uses[e].first == uses[b].first) ++e;
    const size_t n = e - b;
    if (n < c.min_accounts) {
      b = e;
      continue;
    }
    ++res.tokens_shared;
    if (n > c.max_accounts) {
      ++res.tokens_too_big;
      b = e;
      continue;
    }
    FarmToken tok;
    tok.kind = static_cast<TokenKind>(uses[b].first >> 32);
    tok.token = static_cast<TokenId>(uses[b].first & 0xffffffffu);
    ma.clear();
    for (size_t i = b; i < e; ++i) {
      FarmMember m;
      m.account = uses[i].second;
      uint32_t idx = static_cast<uint32_t>(i - b);
      for (uint64_t x = by_account.begin[m.account]; x < by_account.begin[m.account + 1]; ++x) {
        const Act& a = acts[by_account.index[x]];
        if (a.kind == EngagementKind::kFollow) continue;
        ma.push_back({a.target, a.time, idx});
        ++m.acts;
      }
      tok.members.push_back(m);
    }
    std::sort(ma.begin(), ma.end(), [](const MemberAct& x, const MemberAct& y) {
      return x.target != y.target ? x.target < y.target
                                  : x.time != y.time ? x.time < y.time : x.member < y.member;
    });
    // An act is in step when another member acted on the same target within the window: look at
    // the nearest acts by other members on each side.
    std::vector<uint32_t> steps;
    for (size_t s = 0; s < ma.size();) {
      size_t t = s;
      while (t < ma.size() && ma[t].target == ma[s].target) ++t;
      for (size_t i = s; i < t; ++i) {
        bool synced = false;
        for (size_t j = i; j-- > s && ma[i].time - ma[j].time <= c.window_s;)
          if (ma[j].member != ma[i].member) {
            synced = true;
            steps.push_back(ma[i].time - ma[j].time);
            break;
          }
        for (size_t j = i + 1; !synced && j < t && ma[j].time - ma[i].time <= c.window_s; ++j)
          if (ma[j].member != ma[i].member) synced = true;
        if (synced) ++tok.members[ma[i].member].synced;
      }
      s = t;
    }
    for (FarmMember& m : tok.members) {
      tok.acts += m.acts;
      tok.synced += m.synced;
      m.in_step = m.synced >= c.member_min_synced &&
                  m.synced >= c.member_synced_share * static_cast<double>(m.acts);
      tok.in_step += m.in_step;
    }
    if (!steps.empty()) {
      std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
      tok.median_step_s = steps[steps.size() / 2];
    }
    tok.farm = tok.in_step >= c.min_accounts &&
               tok.in_step >= c.token_synced_share * static_cast<double>(n);
    ++res.tokens_examined;
    if (tok.farm) res.tokens.push_back(std::move(tok));
    b = e;
  }

  // Farm accounts joined through the farm tokens they share.
  std::vector<AccountId> farm_accounts;
  for (const FarmToken& t : res.tokens)
      for (const FarmMember& m : t.members)
        if (m.in_step) farm_accounts.push_back(m.account);
  std::sort(farm_accounts.begin(), farm_accounts.end());
  farm_accounts.erase(std::unique(farm_accounts.begin(), farm_accounts.end()), farm_accounts.end());
  auto local = [&](AccountId a) {
    return static_cast<uint32_t>(std::lower_bound(farm_accounts.begin(), farm_accounts.end(), a) -
                                 farm_accounts.begin());
  };
  UnionFind uf(static_cast<uint32_t>(farm_accounts.size()));
  for (const FarmToken& t : res.tokens) {
    int64_t first = -1;
    for (const FarmMember& m : t.members) {
      if (!m.in_step) continue;
      if (first < 0) first = local(m.account);
      else uf.Union(static_cast<uint32_t>(first), local(m.account));
    }
  }
  std::vector<int64_t> group_of(farm_accounts.size(), -1);
  for (uint32_t i = 0; i < farm_accounts.size(); ++i) {
    uint32_t r = uf.Find(i);
    if (group_of[r] < 0) {
      group_of[r] = static_cast<int64_t>(res.groups.size());
      res.groups.emplace_back();
    }
    res.groups[static_cast<size_t>(group_of[r])].members.push_back(farm_accounts[i]);
  }
  for (uint32_t ti = 0; ti < res.tokens.size(); ++ti)
    for (const FarmMember& m : res.tokens[ti].members)
      if (m.in_step) {
        res.groups[static_cast<size_t>(group_of[uf.Find(local(m.account))])].tokens.push_back(ti);
        break;
      }
  std::sort(res.groups.begin(), res.groups.end(),
            [](const FarmGroup& a, const FarmGroup& b) { return a.members < b.members; });
  return res;
}

}  // namespace sluice::coord
