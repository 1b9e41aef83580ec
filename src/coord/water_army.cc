#include "coord/water_army.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "coord/act_table.h"
#include "coord/copy_paste.h"
#include "coord/evidence.h"
#include "coord/fake_engagement.h"
#include "coord/lockstep.h"
#include "core/time.h"

namespace sluice::coord {
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
      EvidenceJson j;
      j.Str("kind", d.kind == TokenKind::kDevice ? "device" : "ip")
          .Str("token", TokenHex(w, d.token))
          .Int("accounts", d.accounts)
          .Int("in_step", d.in_step)
          .Int("median_step_s", d.median_step_s);
      tokens += j.Done();
    }
    tokens += "]";
    EvidenceJson gj;
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
            EvidenceJson j;
            j.Str("kind", fr.tokens[ti].kind == TokenKind::kDevice ? "device" : "ip")
                .Str("token", TokenHex(w, fr.tokens[ti].token))
                .Int("accounts", fr.tokens[ti].members.size());
            mine += j.Done();
          }
      mine += "]";
      EvidenceJson j;
      j.Raw("tokens", mine).Int("acts", acts_n).Int("in_step_acts", synced)
          .Int("window_s", c.farm.window_s);
      cand.member_signals.push_back({m, {"device_farm", c.scoring.w_device_farm, j.Done()}});
    }
    out->push_back(std::move(cand));
  }
}

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
    EvidenceJson gj;
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
      EvidenceJson j;
      j.Int("targets_in_step", n).Int("group_targets", g.targets.size())
          .Int("window_s", c.lockstep.window_s).Raw("examples", ex);
      cand.member_signals.push_back({m, {"lockstep", c.scoring.w_lockstep, j.Done()}});
      if (lg.synchrotrap[i] >= c.lockstep.synchrotrap_min) {
        EvidenceJson s;
        s.Num("similarity", lg.synchrotrap[i]).Int("window_s", c.lockstep.window_s);
        cand.member_signals.push_back({m, {"synchrotrap", c.scoring.w_synchrotrap, s.Done()}});
      }
    }
    out->push_back(std::move(cand));
  }
}

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
      EvidenceJson gj;
      gj.Str("median_created", FormatRfc3339(median)).Int("within_s", sc.bulk_registration_s)
          .Num("share", share);
      std::string ev = gj.Done();
      g.signals.push_back({"bulk_registration", sc.w_bulk_registration, ev});
      for (AccountId m : near) {
        EvidenceJson j;
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
  EvidenceJson gj;
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
  // Copy-paste reads posts only; the other passes read the act table. With two threads the
  // copy-paste pass runs beside them (its working set, band keys and shingles of every post, then
  // lives next to the act table); with one it runs first and is freed before the act table is
  // built. Either way its candidates come first, so the output is the same.
  std::vector<Candidate> cands;
  CopyPasteStats cps;
  double copy_paste_s = 0;
  auto copy_paste = [&] {
    auto start = std::chrono::steady_clock::now();
    FindCopyPaste(w, c, &cps, &cands);
    copy_paste_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::thread beside;
  if (c.threads >= 2) {
    beside = std::thread(copy_paste);
  } else {
    copy_paste();
    lap("copy_paste");
  }

  std::vector<Candidate> act_cands;
  std::vector<Act> acts = CollectActs(w);
  st.acts = acts.size();
  ActsByAccount ix = IndexByAccount(acts, w.accounts.size());
  lap("acts");

  FarmResult fr = FindDeviceFarms(w, acts, ix, c.farm);
  st.farm_tokens_shared = fr.tokens_shared;
  st.farm_tokens_too_big = fr.tokens_too_big;
  st.farm_tokens = fr.tokens.size();
  FarmCandidates(w, acts, ix, fr, c, &act_cands);
  st.farm_groups = act_cands.size();
  lap("device_farm");

  LockstepStats ls;
  std::vector<LockstepGroup> lgroups =
      FindLockstep(w, acts, ix, c.lockstep, c.lockstep.max_window_actions, c.max_pairs_in_memory, &ls);
  st.lockstep_skipped_actions = ls.network.skipped_actions;
  st.lockstep_pairs = ls.network.pairs;
  st.lockstep_candidate_groups = ls.candidate_groups;
  st.lockstep_groups = lgroups.size();
  LockstepCandidates(w, lgroups, c, &act_cands);
  lap("lockstep");

  FakeEngagementStats fes;
  FindFakeEngagement(w, acts, ix, c, &fes, &act_cands);
  st.fraudar_pairs = fes.pairs;
  st.fraudar_passes = fes.passes;
  st.fraudar_skipped_actions = fes.skipped_actions;
  st.fraudar_components = fes.components;
  st.fraudar_blocks = fes.blocks;
  st.fraudar_groups = fes.groups;
  lap("fake_engagement");

  if (beside.joinable()) {
    beside.join();
    // The copy-paste pass's own time; it overlapped the passes above.
    if (times) times->push_back({"copy_paste (beside)", copy_paste_s});
    lap("copy_paste wait");
  }
  st.copy_paste_posts = cps.posts;
  st.copy_paste_candidates = cps.candidates;
  st.copy_paste_skipped_actions = cps.skipped_actions;
  st.copy_paste_groups = cps.groups;
  for (Candidate& cand : act_cands) cands.push_back(std::move(cand));
  act_cands.clear();

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
      EvidenceJson v;
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
        EvidenceJson j;
        j.Int("similar_posts", mine.size() - 1).Int("accounts", who.size())
            .Str("first", FormatTime(mine.front()->time)).Str("last", FormatTime(mine.back()->time))
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
