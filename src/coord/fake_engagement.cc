#include "coord/fake_engagement.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "coord/co_action_network.h"
#include "coord/evidence.h"
#include "coord/fraudar.h"
#include "coord/group_graph.h"

namespace sluice::coord {

void FindFakeEngagement(const World& w, const std::vector<Act>& acts, const ActsByAccount& ix,
                        const CoordConfig& c, FakeEngagementStats* st,
                        std::vector<Candidate>* out) {
  const FraudarConfig& fc = c.fraudar;
  if (fc.max_blocks == 0) return;
  // Distinct engagers per target, in the whole graph, one account at a time (no list of all
  // (account, target) pairs is held).
  std::vector<uint32_t> degree(w.posts.size(), 0);
  {
    std::vector<PostId> mine;
    for (AccountId a = 0; a < w.accounts.size(); ++a) {
      mine.clear();
      for (uint64_t k = ix.begin[a]; k < ix.begin[a + 1]; ++k)
        if (acts[ix.index[k]].kind != EngagementKind::kFollow) mine.push_back(acts[ix.index[k]].target);
      std::sort(mine.begin(), mine.end());
      mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
      for (PostId t : mine) ++degree[t];
    }
  }
  // Candidates: accounts sharing uncrowded targets within the window, both ways.
  std::vector<KeyedAction> actions;
  actions.reserve(acts.size());
  for (uint32_t i = 0; i < acts.size(); ++i)
    if (acts[i].kind != EngagementKind::kFollow)
      actions.push_back({acts[i].target, acts[i].time, acts[i].account, i});
  CoActionOptions o;
  o.window_s = fc.window_s;
  o.min_weight = fc.min_shared;
  o.max_window_actions = fc.max_window_actions;
  o.max_pairs_in_memory = c.max_pairs_in_memory;
  CoActionNetwork net = BuildCoActionNetwork(std::move(actions), w.accounts.size(), o);
  st->skipped_actions = net.stats.skipped_actions;
  st->pairs = net.stats.pairs;
  st->passes = net.stats.passes;
  // Heavy users share a few targets with everyone: a link needs the shared targets to be a real
  // part of both accounts' activity (SynchroTrap's Jaccard of timed actions), and to weigh enough
  // with FRAUDAR's column weights, so armies whose camouflage lands on the same popular posts
  // stay apart.
  auto targets_of = [&](AccountId a) {
    std::vector<PostId> t;
    for (uint64_t k = ix.begin[a]; k < ix.begin[a + 1]; ++k)
      if (acts[ix.index[k]].kind != EngagementKind::kFollow) t.push_back(acts[ix.index[k]].target);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
  };
  std::vector<UndirectedEdge> edges;
  AccountId cached = kNone;
  std::vector<PostId> t1;
  for (const CoEdge& e : net.edges) {
    if (e.u1 >= e.u2) continue;
    uint32_t back = net.Weight(e.u2, e.u1);
    if (back < fc.min_shared) continue;
    double matched = std::min(e.weight, back);
    double sim = matched / (net.messages_of[e.u1] + net.messages_of[e.u2] - matched);
    if (sim < fc.min_similarity) continue;
    if (cached != e.u1) {
      t1 = targets_of(e.u1);
      cached = e.u1;
    }
    std::vector<PostId> t2 = targets_of(e.u2);
    double weighted = 0;
    for (size_t i = 0, j = 0; i < t1.size() && j < t2.size();) {
      if (t1[i] < t2[j]) ++i;
      else if (t2[j] < t1[i]) ++j;
      else weighted += 1.0 / std::log(static_cast<double>(degree[t1[i]]) + fc.log_c), ++i, ++j;
    }
    if (weighted >= fc.min_weighted_shared) edges.push_back({e.u1, e.u2});
  }
  net = CoActionNetwork{};
  std::vector<std::vector<AccountId>> components = QuasiCliqueGroups(edges, 0, fc.min_accounts);
  st->components = components.size();

  for (const std::vector<AccountId>& comp : components) {
    // The component's account × target graph; column weights follow the whole graph.
    std::vector<BipartiteEdge> be;
    std::vector<PostId> cols;
    for (uint32_t r = 0; r < comp.size(); ++r)
      for (uint64_t k = ix.begin[comp[r]]; k < ix.begin[comp[r] + 1]; ++k) {
        const Act& a = acts[ix.index[k]];
        if (a.kind == EngagementKind::kFollow) continue;
        cols.push_back(a.target);
        be.push_back({r, a.target});
      }
    std::sort(cols.begin(), cols.end());
    cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
    for (BipartiteEdge& e : be)
      e.col = static_cast<uint32_t>(std::lower_bound(cols.begin(), cols.end(), e.col) - cols.begin());
    std::vector<uint32_t> inside(cols.size(), 0);
    {
      std::vector<uint64_t> rc;
      for (const BipartiteEdge& e : be) rc.push_back((static_cast<uint64_t>(e.row) << 32) | e.col);
      std::sort(rc.begin(), rc.end());
      rc.erase(std::unique(rc.begin(), rc.end()), rc.end());
      for (uint64_t x : rc) ++inside[x & 0xffffffffu];
    }
    FraudarOptions fo;
    fo.log_c = fc.log_c;
    fo.blocks = fc.max_blocks;
    fo.outside_degree.resize(cols.size());
    for (size_t j = 0; j < cols.size(); ++j) fo.outside_degree[j] = degree[cols[j]] - inside[j];
    std::vector<FraudarBlock> blocks = Fraudar(std::move(be), static_cast<uint32_t>(comp.size()),
                                               static_cast<uint32_t>(cols.size()), fo);
    st->blocks += blocks.size();
    for (const FraudarBlock& b : blocks) {
      std::vector<PostId> bcols;
      for (uint32_t j : b.cols) bcols.push_back(cols[j]);  // cols is sorted: so is bcols
      // Members: enough of the block's targets, and they are a large share of what they do.
      std::vector<AccountId> members;
      for (uint32_t r : b.rows) {
        AccountId a = comp[r];
        std::vector<PostId> mine, in_block;
        for (uint64_t k = ix.begin[a]; k < ix.begin[a + 1]; ++k) {
          const Act& act = acts[ix.index[k]];
          if (act.kind != EngagementKind::kFollow) mine.push_back(act.target);
        }
        std::sort(mine.begin(), mine.end());
        mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
        std::set_intersection(mine.begin(), mine.end(), bcols.begin(), bcols.end(),
                              std::back_inserter(in_block));
        if (in_block.size() >= fc.min_member_targets &&
            static_cast<double>(in_block.size()) >= fc.min_member_share * static_cast<double>(mine.size()))
          members.push_back(a);
      }
      if (members.size() < fc.min_accounts) continue;
      std::vector<GroupTarget> shared = SharedTargets(acts, ix, members, 2, &bcols);
      if (shared.size() < fc.min_targets) continue;
      uint64_t acts_on_shared = 0;
      for (const GroupTarget& t : shared) acts_on_shared += t.actions.size();
      double density = static_cast<double>(acts_on_shared) /
                       (static_cast<double>(members.size()) * static_cast<double>(shared.size()));
      if (density < fc.min_density) continue;
      Candidate cand;
      CoordGroup& g = cand.group;
      g.tactic = Tactic::kFakeEngagement;
      g.found = members;
      g.targets = std::move(shared);
      EvidenceJson gj;
      gj.Num("block_score", b.score).Int("members", g.found.size())
          .Int("targets", g.targets.size()).Num("density", density)
          .Int("window_s", fc.window_s);
      g.signals.push_back({"dense_block", c.scoring.w_dense_block, gj.Done()});
      for (AccountId m : g.found) {
        uint32_t n;
        std::string ex = MemberExamples(w, g.targets, m, &n);
        EvidenceJson j;
        j.Int("member_targets", n).Int("group_targets", g.targets.size())
            .Num("density", density).Raw("examples", ex);
        cand.member_signals.push_back({m, {"dense_block", c.scoring.w_dense_block, j.Done()}});
      }
      st->groups++;
      out->push_back(std::move(cand));
    }
  }
}

}  // namespace sluice::coord
