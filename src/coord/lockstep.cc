#include "coord/lockstep.h"

#include <algorithm>
#include <cmath>

#include "coord/group_graph.h"

namespace sluice::coord {
namespace {

struct TimedAct {
  PostId target;
  Time32 time;
  uint32_t member;  // index into the member list
};

}  // namespace

bool VerifyCopyCatch(const std::vector<Act>& acts, const ActsByAccount& by_account,
                     std::vector<AccountId> members, const LockstepConfig& c, LockstepGroup* out) {
  std::vector<LockstepTarget> targets;
  std::vector<uint32_t> count;
  for (int round = 0; round < 20; ++round) {
    if (members.size() < c.min_group) return false;
    const uint32_t k = static_cast<uint32_t>(members.size());
    std::vector<TimedAct> ta;
    for (uint32_t m = 0; m < k; ++m)
      for (uint64_t x = by_account.begin[members[m]]; x < by_account.begin[members[m] + 1]; ++x) {
        const Act& a = acts[by_account.index[x]];
        if (a.kind != EngagementKind::kFollow) ta.push_back({a.target, a.time, m});
      }
    std::sort(ta.begin(), ta.end(), [](const TimedAct& a, const TimedAct& b) {
      return a.target != b.target ? a.target < b.target
                                  : a.time != b.time ? a.time < b.time : a.member < b.member;
    });
    const uint32_t need = std::max<uint32_t>(
        2, static_cast<uint32_t>(std::ceil(c.target_share * k - 1e-9)));
    targets.clear();
    count.assign(k, 0);
    std::vector<uint32_t> in_window(k, 0);
    for (size_t b = 0; b < ta.size();) {
      size_t e = b;
      while (e < ta.size() && ta[e].target == ta[b].target) ++e;
      // The Δt window with the most distinct members (earliest on ties).
      uint32_t distinct = 0, best = 0;
      size_t best_l = b, best_r = b, l = b;
      for (size_t r = b; r < e; ++r) {
        if (in_window[ta[r].member]++ == 0) ++distinct;
        while (ta[r].time - ta[l].time > c.window_s)
          if (--in_window[ta[l++].member] == 0) --distinct;
        if (distinct > best) {
          best = distinct;
          best_l = l;
          best_r = r + 1;
        }
      }
      for (size_t x = l; x < e; ++x) in_window[ta[x].member] = 0;
      for (size_t x = b; x < l; ++x) in_window[ta[x].member] = 0;
      if (best >= need) {
        LockstepTarget t;
        t.post = ta[b].target;
        t.start = ta[best_l].time;
        t.end = ta[best_r - 1].time;
        for (size_t x = best_l; x < best_r; ++x) {
          if (in_window[ta[x].member]) continue;
          in_window[ta[x].member] = 1;
          t.actions.push_back({members[ta[x].member], ta[x].time});
          ++count[ta[x].member];
        }
        for (size_t x = best_l; x < best_r; ++x) in_window[ta[x].member] = 0;
        targets.push_back(std::move(t));
      }
      b = e;
    }
    std::vector<AccountId> keep;
    for (uint32_t m = 0; m < k; ++m)
      if (count[m] >= c.min_targets) keep.push_back(members[m]);
    if (keep.size() == members.size()) break;
    members = std::move(keep);
    if (round == 19) return false;  // not stable: no verdict rather than a wrong one
  }
  if (members.size() < c.min_group) return false;
  std::sort(targets.begin(), targets.end(), [](const LockstepTarget& a, const LockstepTarget& b) {
    return a.start != b.start ? a.start < b.start : a.post < b.post;
  });
  out->members = members;
  out->member_targets = count;
  out->targets = std::move(targets);
  return true;
}

std::vector<LockstepGroup> FindLockstep(const World& w, const std::vector<Act>& acts,
                                        const ActsByAccount& by_account,
                                        const LockstepConfig& c, uint32_t max_window_actions,
                                        uint64_t max_pairs_in_memory, LockstepStats* stats) {
  LockstepStats local;
  LockstepStats& st = stats ? *stats : local;
  std::vector<KeyedAction> actions;
  actions.reserve(acts.size());
  for (uint32_t i = 0; i < acts.size(); ++i)
    if (acts[i].kind != EngagementKind::kFollow)
      actions.push_back({acts[i].target, acts[i].time, acts[i].account, i});
  CoActionOptions o;
  o.window_s = c.window_s;
  o.min_weight = c.min_targets;
  o.max_window_actions = max_window_actions;
  o.max_pairs_in_memory = max_pairs_in_memory;
  CoActionNetwork net = BuildCoActionNetwork(std::move(actions), w.accounts.size(), o);
  st.network = net.stats;

  struct Sim {
    AccountId a, b;
    double sim;
  };
  std::vector<UndirectedEdge> edges;
  std::vector<Sim> sims;  // sorted by (a, b), a < b
  for (const CoEdge& e : net.edges) {
    if (e.u1 >= e.u2) continue;
    uint32_t back = net.Weight(e.u2, e.u1);
    if (back < c.min_targets) continue;
    double matched = std::min(e.weight, back);
    double sim = matched / (net.messages_of[e.u1] + net.messages_of[e.u2] - matched);
    if (sim < c.min_similarity) continue;
    edges.push_back({e.u1, e.u2});
    sims.push_back({e.u1, e.u2, sim});
  }
  st.candidate_edges = edges.size();
  std::vector<std::vector<AccountId>> candidates =
      QuasiCliqueGroups(edges, c.quasi_clique, c.min_group);
  st.candidate_groups = candidates.size();

  std::vector<LockstepGroup> groups;
  for (auto& cand : candidates) {
    LockstepGroup g;
    if (!VerifyCopyCatch(acts, by_account, std::move(cand), c, &g)) continue;
    g.synchrotrap.assign(g.members.size(), 0);
    for (size_t i = 0; i < g.members.size(); ++i) {
      double sum = 0;
      uint32_t n = 0;
      for (size_t j = 0; j < g.members.size(); ++j) {
        if (i == j) continue;
        AccountId a = std::min(g.members[i], g.members[j]), b = std::max(g.members[i], g.members[j]);
        auto it = std::lower_bound(sims.begin(), sims.end(), std::make_pair(a, b),
                                   [](const Sim& s, const std::pair<AccountId, AccountId>& k) {
                                     return s.a != k.first ? s.a < k.first : s.b < k.second;
                                   });
        if (it != sims.end() && it->a == a && it->b == b) {
          sum += it->sim;
          ++n;
        }
      }
      g.synchrotrap[i] = n ? sum / n : 0;
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace sluice::coord
