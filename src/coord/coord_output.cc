#include "coord/coord_output.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"

namespace sluice::coord {
namespace {

std::string Time(Time32 t) { return FormatRfc3339(static_cast<UnixSeconds>(t)); }

void AppendSignals(std::string* s, const std::vector<Signal>& signals) {
  *s += "[";
  for (size_t i = 0; i < signals.size(); ++i) {
    if (i) *s += ",";
    *s += "{\"name\":";
    AppendJsonString(s, signals[i].name);
    *s += ",\"weight\":";
    AppendJsonNumber(s, signals[i].weight);
    *s += ",\"evidence\":";
    *s += signals[i].evidence;
    *s += "}";
  }
  *s += "]";
}

std::vector<AccountId> ByName(const World& w, std::vector<AccountId> ids) {
  std::sort(ids.begin(), ids.end(),
            [&](AccountId a, AccountId b) { return w.accounts.ids.Get(a) < w.accounts.ids.Get(b); });
  return ids;
}

// A CSV field, quoted when it holds a comma, quote or line break.
void AppendCsv(std::string* s, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    s->append(v);
    return;
  }
  s->push_back('"');
  for (char c : v) {
    if (c == '"') s->push_back('"');
    s->push_back(c);
  }
  s->push_back('"');
}

std::vector<const CoEdge*> SortedEdges(const World& w, const CoActionNetwork& net) {
  std::vector<const CoEdge*> e;
  e.reserve(net.edges.size());
  for (const CoEdge& x : net.edges) e.push_back(&x);
  std::sort(e.begin(), e.end(), [&](const CoEdge* a, const CoEdge* b) {
    std::string_view a1 = w.accounts.ids.Get(a->u1), b1 = w.accounts.ids.Get(b->u1);
    if (a1 != b1) return a1 < b1;
    return w.accounts.ids.Get(a->u2) < w.accounts.ids.Get(b->u2);
  });
  return e;
}

}  // namespace

std::string FindingsJsonl(const World& w, const CoordResult& r) {
  std::string s;
  for (const AccountFinding& f : r.accounts) {
    s += "{\"subject\":\"account\",\"id\":";
    AppendJsonString(&s, w.accounts.ids.Get(f.account));
    s += ",\"label\":\"water_army\",\"tactic\":";
    AppendJsonString(&s, TacticName(f.tactic));
    s += ",\"group\":";
    AppendJsonString(&s, r.groups[f.group].id);
    s += ",\"score\":";
    AppendJsonNumber(&s, f.score);
    s += ",\"signals\":";
    AppendSignals(&s, f.signals);
    s += "}\n";
  }
  for (const PostFinding& f : r.posts) {
    s += "{\"subject\":\"post\",\"id\":";
    AppendJsonString(&s, w.posts.ids.Get(f.post));
    s += ",\"label\":\"copy_paste\",\"group\":";
    AppendJsonString(&s, r.groups[f.group].id);
    s += ",\"score\":";
    AppendJsonNumber(&s, f.score);
    s += ",\"signals\":";
    AppendSignals(&s, f.signals);
    s += "}\n";
  }
  return s;
}

std::string GroupsJsonl(const World& w, const CoordResult& r, uint32_t max_targets) {
  std::string s;
  for (const CoordGroup& g : r.groups) {
    s += "{\"group\":";
    AppendJsonString(&s, g.id);
    s += ",\"tactic\":";
    AppendJsonString(&s, TacticName(g.tactic));
    s += ",\"score\":";
    AppendJsonNumber(&s, g.score);
    s += fmt::format(",\"size\":{},\"found\":{},\"members\":[", g.members.size(), g.found.size());
    std::vector<AccountId> members = ByName(w, g.members);
    for (size_t i = 0; i < members.size(); ++i) {
      if (i) s += ",";
      AppendJsonString(&s, w.accounts.ids.Get(members[i]));
    }
    s += "],\"signals\":";
    AppendSignals(&s, g.signals);
    // Shared targets, restricted to the final members' actions.
    std::vector<GroupTarget> targets;
    const size_t need = std::min<size_t>(2, g.members.size());
    for (const GroupTarget& t : g.targets) {
      GroupTarget k{t.post, {}};
      for (const GroupAction& a : t.actions)
        if (std::binary_search(g.members.begin(), g.members.end(), a.account)) k.actions.push_back(a);
      if (k.actions.size() >= need && !k.actions.empty()) targets.push_back(std::move(k));
    }
    Time32 first = UINT32_MAX, last = 0;
    for (const GroupTarget& t : targets)
      for (const GroupAction& a : t.actions) {
        first = std::min(first, a.time);
        last = std::max(last, a.time);
      }
    s += fmt::format(",\"targets_total\":{},\"targets\":[", targets.size());
    for (size_t i = 0; i < targets.size() && i < max_targets; ++i) {
      const GroupTarget& t = targets[i];
      if (i) s += ",";
      s += "{\"post\":";
      AppendJsonString(&s, w.posts.ids.Get(t.post));
      if (w.posts.declared[t.post]) {
        s += ",\"author\":";
        AppendJsonString(&s, w.accounts.ids.Get(w.posts.account[t.post]));
        s += ",\"posted\":";
        AppendJsonString(&s, Time(w.posts.time[t.post]));
      }
      s += ",\"actions\":[";
      for (size_t k = 0; k < t.actions.size(); ++k) {
        const GroupAction& a = t.actions[k];
        if (k) s += ",";
        s += "{\"account\":";
        AppendJsonString(&s, w.accounts.ids.Get(a.account));
        s += ",\"time\":";
        AppendJsonString(&s, Time(a.time));
        if (a.post != kNone) {
          s += ",\"post\":";
          AppendJsonString(&s, w.posts.ids.Get(a.post));
        }
        s += "}";
      }
      s += "]}";
    }
    s += "],\"devices\":[";
    for (size_t i = 0; i < g.devices.size(); ++i) {
      const GroupDevice& d = g.devices[i];
      if (i) s += ",";
      s += fmt::format("{{\"kind\":\"{}\",\"token\":\"{:016x}\",\"accounts\":{},\"in_step\":{},"
                       "\"median_step_s\":{}}}",
                       d.kind == TokenKind::kDevice ? "device" : "ip",
                       d.token < w.token_hash.size() ? w.token_hash[d.token] : 0, d.accounts,
                       d.in_step, d.median_step_s);
    }
    s += "],\"time_spread\":";
    if (first <= last)
      s += fmt::format("{{\"first\":\"{}\",\"last\":\"{}\",\"span_s\":{}}}", Time(first), Time(last),
                       last - first);
    else
      s += "null";
    s += "}\n";
  }
  return s;
}

std::string EdgesCsv(const World& w, const CoActionNetwork& net, bool npmi) {
  std::string s = npmi ? "user_1,user_2,weight,npmi\n" : "user_1,user_2,weight\n";
  for (const CoEdge* e : SortedEdges(w, net)) {
    AppendCsv(&s, w.accounts.ids.Get(e->u1));
    s += ",";
    AppendCsv(&s, w.accounts.ids.Get(e->u2));
    s += fmt::format(",{}", e->weight);
    if (npmi) {
      s += ",";
      AppendJsonNumber(&s, EdgeNpmi(net, *e));
    }
    s += "\n";
  }
  return s;
}

std::string EdgesJsonl(const World& w, const CoActionNetwork& net, NetworkType type, bool npmi) {
  std::string s;
  for (const CoEdge* e : SortedEdges(w, net)) {
    s += "{\"network\":";
    AppendJsonString(&s, NetworkTypeName(type));
    s += ",\"user_1\":";
    AppendJsonString(&s, w.accounts.ids.Get(e->u1));
    s += ",\"user_2\":";
    AppendJsonString(&s, w.accounts.ids.Get(e->u2));
    s += fmt::format(",\"weight\":{}", e->weight);
    if (npmi) {
      s += ",\"npmi\":";
      AppendJsonNumber(&s, EdgeNpmi(net, *e));
    }
    s += "}\n";
  }
  return s;
}

std::string StatsJson(const CoordStats& st) {
  return fmt::format(
      "{{\"acts\":{},\"device_farm\":{{\"tokens_shared\":{},\"tokens_too_big\":{},"
      "\"farm_tokens\":{},\"groups\":{}}},\"lockstep\":{{\"pairs\":{},\"skipped_actions\":{},"
      "\"candidate_groups\":{},\"groups\":{}}},\"copy_paste\":{{\"posts\":{},\"candidates\":{},"
      "\"skipped_actions\":{},\"groups\":{}}},\"fraudar\":{{\"pairs\":{},\"passes\":{},"
      "\"skipped_actions\":{},"
      "\"components\":{},\"blocks\":{},\"groups\":{}}},"
      "\"candidate_accounts\":{},\"flagged_accounts\":{},\"copy_paste_posts\":{},"
      "\"suppressed_groups\":{}}}",
      st.acts, st.farm_tokens_shared, st.farm_tokens_too_big, st.farm_tokens, st.farm_groups,
      st.lockstep_pairs, st.lockstep_skipped_actions, st.lockstep_candidate_groups, st.lockstep_groups,
      st.copy_paste_posts, st.copy_paste_candidates, st.copy_paste_skipped_actions,
      st.copy_paste_groups, st.fraudar_pairs, st.fraudar_passes, st.fraudar_skipped_actions,
      st.fraudar_components, st.fraudar_blocks,
      st.fraudar_groups, st.candidate_accounts, st.flagged_accounts, st.copy_paste_posts_flagged,
      st.suppressed_groups);
}

std::string NetworkStatsJson(NetworkType type, const CoActionStats& st) {
  return fmt::format(
      "{{\"network\":\"{}\",\"actions\":{},\"keys\":{},\"shared_keys\":{},\"skipped_actions\":{},"
      "\"skipped_keys\":{},\"pairs\":{},\"passes\":{},\"edges\":{}}}",
      NetworkTypeName(type), st.actions, st.keys, st.shared_keys, st.skipped_actions,
      st.skipped_keys, st.pairs, st.passes, st.edges);
}

}  // namespace sluice::coord
