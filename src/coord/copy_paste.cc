#include "coord/copy_paste.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "coord/copost_text.h"
#include "coord/evidence.h"
#include "coord/group_graph.h"
#include "coord/similar_text_network.h"

namespace sluice::coord {

void FindCopyPaste(const World& w, const CoordConfig& c, CopyPasteStats* st,
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
  o.max_pairs_in_memory = c.max_pairs_in_memory;
  SimilarTextStats sst;
  CoActionNetwork net = BuildSimilarTextNetwork(w, o, &sst);
  st->posts = sst.posts;
  st->candidates = sst.candidates;
  st->skipped_actions = net.stats.skipped_actions;
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
    EvidenceJson gj;
    gj.Int("members", g.found.size()).Int("texts", g.targets.size())
        .Int("window_s", c.copy_paste.window_s).Num("jaccard_min", c.similar.threshold)
        .Int("min_shared", c.copy_paste.min_weight).Num("min_exclusive", c.copy_paste.min_exclusive);
    g.signals.push_back({"copy_paste", c.scoring.w_copy_paste, gj.Done()});
    for (AccountId m : g.found) {
      uint32_t n;
      std::string ex = MemberExamples(w, g.targets, m, &n);
      EvidenceJson j;
      j.Int("similar_posts", n).Int("group_texts", g.targets.size())
          .Int("window_s", c.copy_paste.window_s).Raw("examples", ex);
      cand.member_signals.push_back({m, {"copy_paste", c.scoring.w_copy_paste, j.Done()}});
    }
    out->push_back(std::move(cand));
    ++st->groups;
  }
}

}  // namespace sluice::coord
