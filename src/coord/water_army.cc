#include "coord/water_army.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "coord/act_table.h"
#include "coord/copost_text.h"
#include "coord/fraudar.h"
#include "coord/group_graph.h"
#include "coord/lockstep.h"
#include "coord/radix_sort.h"
#include "coord/similar_text_network.h"
#include "core/json_writer.h"
#include "core/time.h"

namespace sluice::coord {

std::string_view TacticName(Tactic t) {
  switch (t) {
    case Tactic::kFakeEngagement: return "fake_engagement";
    case Tactic::kLockstep: return "lockstep";
    case Tactic::kCopyPaste: return "copy_paste";
    case Tactic::kDeviceFarm: return "device_farm";
  }
  return "?";
}

namespace {

// Higher wins when an account is in groups of several tactics.
int Priority(Tactic t) {
  switch (t) {
    case Tactic::kDeviceFarm: return 4;
    case Tactic::kLockstep: return 3;
    case Tactic::kCopyPaste: return 2;
    case Tactic::kFakeEngagement: return 1;
  }
  return 0;
}

constexpr size_t kExamples = 5;  // examples per member signal

struct MemberSignal {
  AccountId account;
  Signal signal;
};

// A group as one detector found it, with the signal it gives each member.
struct Candidate {
  CoordGroup group;
  std::vector<MemberSignal> member_signals;
};

class Json {
 public:
  Json& Key(std::string_view k) {
    s_ += first_ ? "" : ",";
    first_ = false;
    AppendJsonString(&s_, k);
    s_ += ":";
    return *this;
  }
  Json& Str(std::string_view k, std::string_view v) {
    Key(k);
    AppendJsonString(&s_, v);
    return *this;
  }
  Json& Num(std::string_view k, double v) {
    Key(k);
    AppendJsonNumber(&s_, v);
    return *this;
  }
  Json& Int(std::string_view k, uint64_t v) {
    Key(k);
    s_ += std::to_string(v);
    return *this;
  }
  Json& Raw(std::string_view k, std::string_view json) {
    Key(k);
    s_ += json;
    return *this;
  }
  std::string Done() { return "{" + s_ + "}"; }

 private:
  std::string s_;
  bool first_ = true;
};

std::string Time(Time32 t) { return FormatRfc3339(static_cast<UnixSeconds>(t)); }

std::string_view AccountName(const World& w, AccountId a) { return w.accounts.ids.Get(a); }
std::string_view PostName(const World& w, PostId p) { return w.posts.ids.Get(p); }

std::string TokenHex(const World& w, TokenId t) {
  return fmt::format("{:016x}", t < w.token_hash.size() ? w.token_hash[t] : 0);
}

// For each target acted on by at least `min_members` members: the first act of each member on it.
std::vector<GroupTarget> SharedTargets(const std::vector<Act>& acts, const ActsByAccount& ix,
                                       const std::vector<AccountId>& members, uint32_t min_members,
                                       const std::vector<PostId>* only /* sorted, or null */) {
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

// Examples of one member's acts on the group's targets: [{"post","time"}...].
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
      Json j;
      j.Str("post", PostName(w, a.post != kNone ? a.post : t.post)).Str("time", Time(a.time));
      s += j.Done();
    }
  return s + "]";
}

// ---- device farms ----

void FarmCandidates(const World& w, const std::vector<Act>& acts, const ActsByAccount& ix,
                    const FarmResult& fr, const CoordConfig& c, std::vector<Candidate>* out) {
  for (const FarmGroup& fg : fr.groups) {
    if (fg.members.size() < c.farm.min_accounts) continue;
    Candidate cand;
    CoordGroup& g = cand.group;
    g.tactic = Tactic::kDeviceFarm;
    g.found = fg.members;
    for (uint32_t ti : fg.tokens) {
      const FarmToken& t = fr.tokens[ti];
      g.devices.push_back({t.kind, t.token, static_cast<uint32_t>(t.members.size()), t.in_step,
                           t.median_step_s});
    }
    g.targets = SharedTargets(acts, ix, g.found, 2, nullptr);
    std::string tokens = "[";
    for (size_t i = 0; i < g.devices.size(); ++i) {
      const GroupDevice& d = g.devices[i];
      if (i) tokens += ",";
      Json j;
      j.Str("kind", d.kind == TokenKind::kDevice ? "device" : "ip")
          .Str("token", TokenHex(w, d.token))
          .Int("accounts", d.accounts)
          .Int("in_step", d.in_step)
          .Int("median_step_s", d.median_step_s);
      tokens += j.Done();
    }
    tokens += "]";
    Json gj;
    gj.Int("members", g.found.size()).Raw("tokens", tokens).Int("window_s", c.farm.window_s);
    g.signals.push_back({"device_farm", c.scoring.w_device_farm, gj.Done()});
    for (AccountId m : g.found) {
      // The member's own record on the farm tokens it is in step on.
      uint32_t acts_n = 0, synced = 0;
      std::string mine = "[";
      bool first = true;
      for (uint32_t ti : fg.tokens)
        for (const FarmMember& fm : fr.tokens[ti].members)
          if (fm.account == m && fm.in_step) {
            acts_n = fm.acts;
            synced = fm.synced;
            if (!first) mine += ",";
            first = false;
            Json j;
            j.Str("kind", fr.tokens[ti].kind == TokenKind::kDevice ? "device" : "ip")
                .Str("token", TokenHex(w, fr.tokens[ti].token))
                .Int("accounts", fr.tokens[ti].members.size());
            mine += j.Done();
          }
      mine += "]";
      Json j;
      j.Raw("tokens", mine).Int("acts", acts_n).Int("in_step_acts", synced)
          .Int("window_s", c.farm.window_s);
      cand.member_signals.push_back({m, {"device_farm", c.scoring.w_device_farm, j.Done()}});
    }
    out->push_back(std::move(cand));
  }
}

// ---- lockstep ----

void LockstepCandidates(const World& w, const std::vector<LockstepGroup>& groups,
                        const CoordConfig& c, std::vector<Candidate>* out) {
  for (const LockstepGroup& lg : groups) {
    Candidate cand;
    CoordGroup& g = cand.group;
    g.tactic = Tactic::kLockstep;
    g.found = lg.members;
    for (const LockstepTarget& t : lg.targets) {
      GroupTarget gt{t.post, {}};
      for (const LockstepAction& a : t.actions) gt.actions.push_back({a.account, a.time, kNone});
      g.targets.push_back(std::move(gt));
    }
    double sim = 0;
    for (double s : lg.synchrotrap) sim += s;
    sim /= std::max<size_t>(1, lg.synchrotrap.size());
    Json gj;
    gj.Int("members", g.found.size())
        .Int("targets", g.targets.size())
        .Int("window_s", c.lockstep.window_s)
        .Int("min_targets", c.lockstep.min_targets)
        .Num("synchrotrap_mean", sim);
    g.signals.push_back({"lockstep", c.scoring.w_lockstep, gj.Done()});
    for (size_t i = 0; i < lg.members.size(); ++i) {
      AccountId m = lg.members[i];
      uint32_t n;
      std::string ex = MemberExamples(w, g.targets, m, &n);
      Json j;
      j.Int("targets_in_step", n).Int("group_targets", g.targets.size())
          .Int("window_s", c.lockstep.window_s).Raw("examples", ex);
      cand.member_signals.push_back({m, {"lockstep", c.scoring.w_lockstep, j.Done()}});
      if (lg.synchrotrap[i] >= c.lockstep.synchrotrap_min) {
        Json s;
        s.Num("similarity", lg.synchrotrap[i]).Int("window_s", c.lockstep.window_s);
        cand.member_signals.push_back({m, {"synchrotrap", c.scoring.w_synchrotrap, s.Done()}});
      }
    }
    out->push_back(std::move(cand));
  }
}

// ---- copy-paste ----

void CopyPasteCandidates(const World& w, const CoordConfig& c, CoordStats* st,
                         std::vector<Candidate>* out) {
  SimilarTextOptions o;
  o.window_s = c.copy_paste.window_s;
  o.min_weight = c.copy_paste.min_weight;
  o.max_window_actions = c.copy_paste.max_window_actions;
  o.threshold = c.similar.threshold;
  o.shingle = c.similar.shingle;
  o.bands = c.similar.bands;
  o.rows = c.similar.rows;
  o.min_chars = c.similar.min_chars;
  o.commonness_window_s = c.copy_paste.context_s;
  SimilarTextStats sst;
  CoActionNetwork net = BuildSimilarTextNetwork(w, o, &sst);
  st->copy_paste_posts = sst.posts;
  st->copy_paste_candidates = sst.candidates;
  st->copy_paste_skipped_actions = net.stats.skipped_actions;
  std::vector<UndirectedEdge> edges;
  for (const CoEdge& e : net.edges)
    if (e.u1 < e.u2 && net.Weight(e.u2, e.u1) >= c.copy_paste.min_weight)
      edges.push_back({e.u1, e.u2});
  const PostTable& p = w.posts;
  std::vector<std::vector<AccountId>> groups =
      QuasiCliqueGroups(edges, c.copy_paste.quasi_clique, c.copy_paste.min_group);
  if (groups.empty()) return;
  std::vector<uint8_t> in_group(w.accounts.size(), 0);
  for (const auto& g : groups)
    for (AccountId a : g) in_group[a] = 1;
  std::vector<std::pair<AccountId, PostId>> posts_of;  // members' original posts, for evidence
  for (PostId i = 0; i < p.size(); ++i)
    if (p.declared[i] && p.repost_of[i] == kNone && in_group[p.account[i]])
      posts_of.push_back({p.account[i], i});
  std::sort(posts_of.begin(), posts_of.end());

  for (std::vector<AccountId>& members : groups) {
    Candidate cand;
    CoordGroup& g = cand.group;
    g.tactic = Tactic::kCopyPaste;
    struct P {
      PostId post;
      Time32 time;
      AccountId account;
      std::vector<uint64_t> shingles;
    };
    std::vector<P> all;
    for (AccountId m : members)
      for (auto it = std::lower_bound(posts_of.begin(), posts_of.end(), std::make_pair(m, PostId{0}));
           it != posts_of.end() && it->first == m; ++it) {
        PostId q = it->second;
        if (sst.commonness[q] == 0) continue;  // too short to take part
        all.push_back({q, p.time[q], m, ShingleHashes(ShingleCodePoints(p.text(q)), c.similar.shingle)});
      }
    std::sort(all.begin(), all.end(), [](const P& a, const P& b) {
      return a.time != b.time ? a.time < b.time : a.post < b.post;
    });
    // Verify CopyCatch-style until stable: group texts need enough members and must be the
    // group's own; members need min_weight group texts.
    for (int round = 0; round < 20; ++round) {
      std::vector<const P*> ps;
      for (const P& x : all)
        if (std::binary_search(members.begin(), members.end(), x.account)) ps.push_back(&x);
      UnionFind uf(static_cast<uint32_t>(ps.size()));
      for (size_t i = 0; i < ps.size(); ++i)
        for (size_t j = i + 1; j < ps.size() && ps[j]->time - ps[i]->time <= c.copy_paste.window_s; ++j)
          if (ps[j]->account != ps[i]->account &&
              Jaccard(ps[i]->shingles, ps[j]->shingles) >= c.similar.threshold)
            uf.Union(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
      std::map<uint32_t, GroupTarget> clusters;
      for (size_t i = 0; i < ps.size(); ++i) {
        GroupTarget& t = clusters[uf.Find(static_cast<uint32_t>(i))];
        if (t.actions.empty()) t.post = ps[i]->post;
        t.actions.push_back({ps[i]->account, ps[i]->time, ps[i]->post});
      }
      const size_t need = std::max<size_t>(
          2, static_cast<size_t>(std::ceil(c.copy_paste.text_share * members.size() - 1e-9)));
      g.targets.clear();
      std::vector<uint32_t> texts(members.size(), 0);
      for (auto& [root, t] : clusters) {
        std::vector<AccountId> who;
        uint32_t common = 0;
        for (const GroupAction& a : t.actions) {
          who.push_back(a.account);
          common = std::max(common, sst.commonness[a.post]);
        }
        std::sort(who.begin(), who.end());
        who.erase(std::unique(who.begin(), who.end()), who.end());
        if (who.size() < need ||
            static_cast<double>(t.actions.size()) < c.copy_paste.min_exclusive * common)
          continue;
        for (AccountId a : who)
          ++texts[std::lower_bound(members.begin(), members.end(), a) - members.begin()];
        g.targets.push_back(std::move(t));
      }
      std::vector<AccountId> keep;
      for (size_t i = 0; i < members.size(); ++i)
        if (texts[i] >= c.copy_paste.min_weight) keep.push_back(members[i]);
      bool stable = keep.size() == members.size();
      members = std::move(keep);
      if (stable || members.size() < c.copy_paste.min_group) break;
    }
    if (members.size() < c.copy_paste.min_group) continue;
    g.found = members;
    std::sort(g.targets.begin(), g.targets.end(), [](const GroupTarget& a, const GroupTarget& b) {
      return a.actions[0].time != b.actions[0].time ? a.actions[0].time < b.actions[0].time
                                                    : a.post < b.post;
    });
    Json gj;
    gj.Int("members", g.found.size()).Int("texts", g.targets.size())
        .Int("window_s", c.copy_paste.window_s).Num("jaccard_min", c.similar.threshold)
        .Int("min_shared", c.copy_paste.min_weight).Num("min_exclusive", c.copy_paste.min_exclusive);
    g.signals.push_back({"copy_paste", c.scoring.w_copy_paste, gj.Done()});
    for (AccountId m : g.found) {
      uint32_t n;
      std::string ex = MemberExamples(w, g.targets, m, &n);
      Json j;
      j.Int("similar_posts", n).Int("group_texts", g.targets.size())
          .Int("window_s", c.copy_paste.window_s).Raw("examples", ex);
      cand.member_signals.push_back({m, {"copy_paste", c.scoring.w_copy_paste, j.Done()}});
    }
    out->push_back(std::move(cand));
  }
}

// ---- dense blocks ----

void FraudarCandidates(const World& w, const std::vector<Act>& acts, const ActsByAccount& ix,
                       const CoordConfig& c, CoordStats* st, std::vector<Candidate>* out) {
  const FraudarConfig& fc = c.fraudar;
  if (fc.max_blocks == 0) return;
  // Distinct engagers per target, in the whole graph.
  std::vector<uint32_t> degree(w.posts.size(), 0);
  {
    std::vector<uint64_t> pairs;
    pairs.reserve(acts.size());
    for (const Act& a : acts)
      if (a.kind != EngagementKind::kFollow)
        pairs.push_back((static_cast<uint64_t>(a.target) << 32) | a.account);
    RadixSort(&pairs);
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (uint64_t p : pairs) ++degree[p >> 32];
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
  st->fraudar_skipped_actions = net.stats.skipped_actions;
  st->fraudar_pairs = net.stats.pairs;
  st->fraudar_passes = net.stats.passes;
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
  st->fraudar_components = components.size();

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
    st->fraudar_blocks += blocks.size();
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
      Json gj;
      gj.Num("block_score", b.score).Int("members", g.found.size())
          .Int("targets", g.targets.size()).Num("density", density)
          .Int("window_s", fc.window_s);
      g.signals.push_back({"dense_block", c.scoring.w_dense_block, gj.Done()});
      for (AccountId m : g.found) {
        uint32_t n;
        std::string ex = MemberExamples(w, g.targets, m, &n);
        Json j;
        j.Int("member_targets", n).Int("group_targets", g.targets.size())
            .Num("density", density).Raw("examples", ex);
        cand.member_signals.push_back({m, {"dense_block", c.scoring.w_dense_block, j.Done()}});
      }
      st->fraudar_groups++;
      out->push_back(std::move(cand));
    }
  }
}

// ---- group-level signals ----

void AddGroupSignals(const World& w, const CoordConfig& c, Candidate* cand) {
  CoordGroup& g = cand->group;
  const ScoringConfig& sc = c.scoring;
  std::vector<std::pair<int64_t, AccountId>> created;
  for (AccountId m : g.found)
    if (w.accounts.declared[m] && w.accounts.created_at[m] > 0)
      created.push_back({w.accounts.created_at[m], m});
  std::sort(created.begin(), created.end());
  if (created.size() >= 3) {
    int64_t median = created[created.size() / 2].first;
    std::vector<AccountId> near;
    for (auto [t, m] : created)
      if (std::llabs(t - median) <= static_cast<int64_t>(sc.bulk_registration_s)) near.push_back(m);
    double share = static_cast<double>(near.size()) / static_cast<double>(g.found.size());
    if (share >= sc.bulk_registration_share) {
      Json gj;
      gj.Str("median_created", FormatRfc3339(median)).Int("within_s", sc.bulk_registration_s)
          .Num("share", share);
      std::string ev = gj.Done();
      g.signals.push_back({"bulk_registration", sc.w_bulk_registration, ev});
      for (AccountId m : near) {
        Json j;
        j.Str("created_at", FormatRfc3339(w.accounts.created_at[m]))
            .Str("group_median_created", FormatRfc3339(median))
            .Int("within_s", sc.bulk_registration_s).Num("group_share", share);
        cand->member_signals.push_back({m, {"bulk_registration", sc.w_bulk_registration, j.Done()}});
      }
    }
  }
  // Fans: the group's shared targets are one author's, and the members were not registered
  // together (their creation times spread wide).
  if (g.tactic == Tactic::kCopyPaste || g.targets.empty() || created.size() < 4) return;
  std::map<AccountId, uint32_t> authors;
  for (const GroupTarget& t : g.targets)
    if (w.posts.declared[t.post]) ++authors[w.posts.account[t.post]];
  AccountId top = kNone;
  uint32_t top_n = 0;
  for (auto [a, n] : authors)
    if (n > top_n) top = a, top_n = n;
  double author_share = static_cast<double>(top_n) / static_cast<double>(g.targets.size());
  int64_t iqr = created[created.size() * 3 / 4].first - created[created.size() / 4].first;
  if (top == kNone || author_share < sc.fan_author_share ||
      iqr < static_cast<int64_t>(sc.fan_created_spread_s))
    return;
  Json gj;
  gj.Str("author", AccountName(w, top)).Num("author_share", author_share)
      .Int("created_iqr_days", static_cast<uint64_t>(iqr / 86400));
  std::string ev = gj.Done();
  g.signals.push_back({"fan_community", sc.w_fan_community, ev});
  for (AccountId m : g.found) cand->member_signals.push_back({m, {"fan_community", sc.w_fan_community, ev}});
}

}  // namespace

CoordResult DetectWaterArmies(const World& w, const CoordConfig& c, PhaseTimes* times) {
  CoordResult res;
  CoordStats& st = res.stats;
  auto last = std::chrono::steady_clock::now();
  auto lap = [&](const char* phase) {
    auto now = std::chrono::steady_clock::now();
    if (times) times->push_back({phase, std::chrono::duration<double>(now - last).count()});
    last = now;
  };
  std::vector<Act> acts = CollectActs(w);
  st.acts = acts.size();
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  lap("acts");

  std::vector<Candidate> cands;
  FarmResult fr = FindDeviceFarms(w, acts, ix, c.farm);
  st.farm_tokens_shared = fr.tokens_shared;
  st.farm_tokens_too_big = fr.tokens_too_big;
  st.farm_tokens = fr.tokens.size();
  FarmCandidates(w, acts, ix, fr, c, &cands);
  st.farm_groups = cands.size();
  lap("device_farm");

  LockstepStats ls;
  std::vector<LockstepGroup> lgroups =
      FindLockstep(w, acts, ix, c.lockstep, c.lockstep.max_window_actions, c.max_pairs_in_memory, &ls);
  st.lockstep_skipped_actions = ls.network.skipped_actions;
  st.lockstep_pairs = ls.network.pairs;
  st.lockstep_candidate_groups = ls.candidate_groups;
  st.lockstep_groups = lgroups.size();
  LockstepCandidates(w, lgroups, c, &cands);
  lap("lockstep");

  size_t before = cands.size();
  CopyPasteCandidates(w, c, &st, &cands);
  st.copy_paste_groups = cands.size() - before;
  lap("copy_paste");

  FraudarCandidates(w, acts, ix, c, &st, &cands);
  lap("fake_engagement");

  for (Candidate& cand : cands) AddGroupSignals(w, c, &cand);

  // Per account: its signals (one per name, from the highest-priority group that gave it) and
  // the groups whose detector signal it carries.
  struct Entry {
    AccountId account;
    uint32_t cand;
    int priority;
    const Signal* signal;
  };
  std::vector<Entry> entries;
  for (uint32_t i = 0; i < cands.size(); ++i)
    for (const MemberSignal& ms : cands[i].member_signals)
      entries.push_back({ms.account, i, Priority(cands[i].group.tactic), &ms.signal});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.account != b.account) return a.account < b.account;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.cand < b.cand;
  });
  std::vector<std::vector<AccountId>> chosen(cands.size());
  std::vector<AccountFinding> findings;
  for (size_t b = 0; b < entries.size();) {
    size_t e = b;
    while (e < entries.size() && entries[e].account == entries[b].account) ++e;
    ++st.candidate_accounts;
    AccountFinding f;
    f.account = entries[b].account;
    int best_priority = -1;
    for (size_t i = b; i < e; ++i) {
      const Signal& s = *entries[i].signal;
      bool seen = false;
      for (const Signal& have : f.signals) seen |= have.name == s.name;
      if (seen) continue;
      f.signals.push_back(s);
      f.score += s.weight;
      // The group is the first (highest-priority) one whose detector signal fired here.
      const CoordGroup& g = cands[entries[i].cand].group;
      if (entries[i].priority > best_priority && !g.signals.empty() && g.signals[0].name == s.name) {
        best_priority = entries[i].priority;
        f.group = entries[i].cand;
        f.tactic = g.tactic;
      }
    }
    const AccountTable& at = w.accounts;
    if (at.declared[f.account] && at.verified[f.account] == 1) {
      Json v;
      v.Raw("verified", "true").Int("followers", at.followers[f.account] < 0 ? 0 : at.followers[f.account]);
      f.signals.push_back({"verified_account", c.scoring.w_verified, v.Done()});
      f.score += c.scoring.w_verified;
    }
    if (f.group != kNone && f.score >= c.scoring.flag_score) {
      chosen[f.group].push_back(f.account);
      findings.push_back(std::move(f));
    }
    b = e;
  }

  // Final groups: those some flagged account chose.
  std::vector<uint32_t> new_index(cands.size(), kNone);
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < cands.size(); ++i)
    if (!chosen[i].empty()) order.push_back(i);
    else ++st.suppressed_groups;
  auto first_name = [&](uint32_t i) {
    std::string_view best;
    for (AccountId a : chosen[i]) {
      std::string_view n = AccountName(w, a);
      if (best.empty() || n < best) best = n;
    }
    return best;
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (cands[a].group.tactic != cands[b].group.tactic)
      return cands[a].group.tactic < cands[b].group.tactic;
    return first_name(a) < first_name(b);
  });
  for (uint32_t k = 0; k < order.size(); ++k) {
    uint32_t i = order[k];
    new_index[i] = k;
    CoordGroup g = std::move(cands[i].group);
    g.id = fmt::format("wa{:04d}", k + 1);
    g.members = chosen[i];
    std::sort(g.members.begin(), g.members.end());
    res.groups.push_back(std::move(g));
  }
  for (AccountFinding& f : findings) f.group = new_index[f.group];
  for (const AccountFinding& f : findings) res.groups[f.group].score += f.score;
  for (CoordGroup& g : res.groups) g.score /= std::max<size_t>(1, g.members.size());
  std::sort(findings.begin(), findings.end(), [&](const AccountFinding& a, const AccountFinding& b) {
    return AccountName(w, a.account) < AccountName(w, b.account);
  });
  st.flagged_accounts = findings.size();
  res.accounts = std::move(findings);

  // The texts of copy-paste groups, as post findings (label copy_paste).
  for (uint32_t gi = 0; gi < res.groups.size(); ++gi) {
    const CoordGroup& g = res.groups[gi];
    if (g.tactic != Tactic::kCopyPaste) continue;
    for (const GroupTarget& t : g.targets) {
      std::vector<const GroupAction*> mine;
      for (const GroupAction& a : t.actions)
        if (a.post != kNone && std::binary_search(g.members.begin(), g.members.end(), a.account))
          mine.push_back(&a);
      std::vector<AccountId> who;
      for (const GroupAction* a : mine) who.push_back(a->account);
      std::sort(who.begin(), who.end());
      who.erase(std::unique(who.begin(), who.end()), who.end());
      if (who.size() < 2) continue;
      for (const GroupAction* a : mine) {
        Json j;
        j.Int("similar_posts", mine.size() - 1).Int("accounts", who.size())
            .Str("first", Time(mine.front()->time)).Str("last", Time(mine.back()->time))
            .Str("cluster", PostName(w, t.post));
        res.posts.push_back({a->post, gi, c.scoring.w_copy_paste,
                             {{"copy_paste_text", c.scoring.w_copy_paste, j.Done()}}});
      }
    }
  }
  std::sort(res.posts.begin(), res.posts.end(), [&](const PostFinding& a, const PostFinding& b) {
    return PostName(w, a.post) < PostName(w, b.post);
  });
  res.posts.erase(std::unique(res.posts.begin(), res.posts.end(),
                              [](const PostFinding& a, const PostFinding& b) { return a.post == b.post; }),
                  res.posts.end());
  st.copy_paste_posts_flagged = res.posts.size();
  lap("findings");
  return res;
}

}  // namespace sluice::coord
