#include "narr/narratives.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>
#include <tuple>

#include "narr/clusterer.h"
#include "narr/fingerprint.h"
#include "text/normalizer.h"
#include "world/repost_roots.h"

namespace sluice::narr {
namespace {

// Runs fn(i) for i in [0, n) on every core. REQUIRES: fn is thread-safe.
template <typename Fn>
void ParallelFor(size_t n, Fn fn) {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(512)) < n;)
        for (size_t k = i; k < std::min(n, i + 512); ++k) fn(k);
    });
  for (std::thread& th : pool) th.join();
}

// The texts of the originals, by clusterer index (the order of Add calls), normalized again on
// demand: only pairs that pass every other test are compared by names.
class WorldTexts : public TextSource {
 public:
  WorldTexts(const PostTable& posts, const std::vector<PostId>& originals)
      : posts_(posts), originals_(originals) {}
  void Tokens(uint32_t index, NameTokens* out) const override {
    PostId p = originals_[index];
    if (posts_.repost_of[p] != kNone) {  // a repost whose source is unknown: a comment
      out->chars.clear();
      out->sounds.clear();
      return;
    }
    text::NormalizeTokens(posts_.text(p), &out->chars, &out->sounds);
  }

 private:
  const PostTable& posts_;
  const std::vector<PostId>& originals_;
};

struct Member {
  uint32_t cluster;
  Time32 time;
  PostId post;
};

}  // namespace

NarrResult FindNarratives(const World& w, const NarrConfig& c, const NarrInputs& in) {
  NarrResult res;
  res.claim_names = in.claim_names;
  NarrStats& st = res.stats;
  const PostTable& P = w.posts;
  const uint32_t n = P.size();
  std::vector<PostId> root = RepostRoots(P, ChainEnd::kDeclaredPost, &st.repost_cycles);

  // Originals in time order, fingerprinted in parallel, clustered in order.
  std::vector<PostId> roots;
  for (PostId i = 0; i < n; ++i)
    if (P.declared[i] && root[i] == i) roots.push_back(i);
  std::sort(roots.begin(), roots.end(), [&](PostId a, PostId b) {
    return P.time[a] != P.time[b] ? P.time[a] < P.time[b] : a < b;
  });
  st.originals = roots.size();
  Fingerprinter fper(c);
  WorldTexts texts(P, roots);
  NarrativeClusterer clusterer(c, &texts);
  std::vector<uint32_t> index_of(n, kNoPost);  // post -> clusterer index, for originals
  std::vector<uint32_t> tokens(roots.size(), 0);
  const size_t kChunk = 1 << 16;
  std::vector<Fingerprint> fps;
  for (size_t at = 0; at < roots.size(); at += kChunk) {
    size_t m = std::min(kChunk, roots.size() - at);
    fps.resize(m);
    ParallelFor(m, [&](size_t k) {
      PostId p = roots[at + k];
      if (P.repost_of[p] == kNone) fper.Compute(P.text(p), &fps[k]);
      else fps[k] = Fingerprint{};  // a repost whose source is unknown: its text is a comment
    });
    for (size_t k = 0; k < m; ++k) {
      index_of[roots[at + k]] = clusterer.Add(fps[k]);
      tokens[at + k] = fps[k].tokens;
      st.fingerprinted += !fps[k].minhash.empty();
    }
  }
  st.candidate_pairs = clusterer.candidate_pairs();
  st.verified_pairs = clusterer.verified_pairs();
  st.figure_refused_pairs = clusterer.figure_refused_pairs();
  st.name_refused_pairs = clusterer.name_refused_pairs();
  st.clusterer_bytes = clusterer.MemoryBytes();
  std::vector<uint32_t> tokens_of(n, 0);
  for (size_t k = 0; k < roots.size(); ++k) tokens_of[roots[k]] = tokens[k];
  tokens.clear();
  tokens.shrink_to_fit();

  // Members of every cluster with more than one post, grouped.
  std::vector<uint32_t> root_cluster(n, kNoPost);
  for (PostId r : roots) root_cluster[r] = clusterer.Cluster(index_of[r]);
  std::vector<uint8_t> has_reposts(n, 0);
  for (PostId i = 0; i < n; ++i)
    if (P.declared[i] && root[i] != i) has_reposts[root[i]] = 1;
  std::vector<Member> members;
  for (PostId i = 0; i < n; ++i) {
    if (!P.declared[i]) continue;
    uint32_t cl = root_cluster[root[i]];
    if (clusterer.ClusterSize(cl) > 1 || has_reposts[root[i]]) members.push_back({cl, P.time[i], i});
    st.reposts += root[i] != i;
  }
  has_reposts.clear();
  has_reposts.shrink_to_fit();
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return std::tie(a.cluster, a.time, a.post) < std::tie(b.cluster, b.time, b.post);
  });

  std::vector<uint32_t> engagements(n, 0);
  for (size_t e = 0; e < w.engagements.size(); ++e)
    if (w.engagements.target[e] < n) ++engagements[w.engagements.target[e]];
  std::vector<std::pair<int64_t, uint64_t>> platform_hours;
  {
    std::map<int64_t, uint64_t> h;
    for (PostId i = 0; i < n; ++i)
      if (P.declared[i]) ++h[P.time[i] / 3600];
    platform_hours.assign(h.begin(), h.end());
  }
  PlatformRate platform(std::move(platform_hours));
  auto verified = [&](AccountId a) {
    return c.exclude_verified && a < w.accounts.size() && w.accounts.verified[a] == 1;
  };

  std::vector<uint32_t> node_of(n, kNoPost);
  std::vector<NarrCluster> clusters;
  std::vector<CopyPasteFinding> copy_paste;
  for (size_t b = 0; b < members.size();) {
    size_t e = b;
    while (e < members.size() && members[e].cluster == members[b].cluster) ++e;
    NarrCluster cl;
    std::vector<PostId> originals;
    std::vector<AccountId> accounts, original_accounts;
    for (size_t k = b; k < e; ++k) {
      PostId p = members[k].post;
      accounts.push_back(P.account[p]);
      if (root[p] == p) {
        originals.push_back(p);
        original_accounts.push_back(P.account[p]);
      }
    }
    auto distinct = [](std::vector<AccountId>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      return v.size();
    };
    cl.posts = e - b;
    cl.originals = originals.size();
    cl.accounts = distinct(accounts);
    size_t orig_accounts = distinct(original_accounts);
    ++st.clusters_multi;

    // Copy-paste: originals (already in time order) with enough accounts posting similar text
    // within the window around them.
    size_t flagged_before = copy_paste.size();
    if (orig_accounts >= static_cast<size_t>(c.copy_paste_accounts)) {
      const int64_t W = c.copy_paste_window_s, C = c.copy_paste_context_s;
      const size_t kMaxNeighbours = 5000;
      auto eligible = [&](PostId q) {
        return tokens_of[q] >= static_cast<uint32_t>(c.copy_paste_min_tokens) &&
               clusterer.HasSignature(index_of[q]) && !verified(P.account[q]);
      };
      std::vector<AccountId> near, around;
      const bool need_suspicious = c.copy_paste_require_suspicious && !in.suspicious.empty();
      for (size_t i = 0; i < originals.size(); ++i) {
        PostId p = originals[i];
        if (!eligible(p)) continue;
        if (need_suspicious && !in.suspicious[P.account[p]]) continue;
        CopyPasteFinding f;
        f.post = p;
        f.window_first = f.window_last = P.time[p];
        near.assign(1, P.account[p]);
        around.assign(1, P.account[p]);
        // Similar posts by time distance: inside the window they count towards the campaign,
        // inside the context towards the text's usual volume.
        auto visit = [&](size_t j, int64_t dt, bool* done) {
          PostId q = originals[j];
          if (dt > C) {
            *done = true;
            return;
          }
          if (!eligible(q)) return;
          double s = clusterer.Similarity(index_of[p], index_of[q]);
          if (s < c.copy_paste_similarity) return;
          around.push_back(P.account[q]);
          if (dt > W) return;
          near.push_back(P.account[q]);
          ++f.similar_posts;
          f.min_similarity = std::min(f.min_similarity, s);
          f.window_first = std::min<int64_t>(f.window_first, P.time[q]);
          f.window_last = std::max<int64_t>(f.window_last, P.time[q]);
        };
        // In a crowded cluster the neighbour cap may stop a side before the context's edge:
        // its similar posts beyond the window are then scaled up to the whole context.
        double extra = 0;
        for (int side = 0; side < 2; ++side) {
          bool done = false;
          size_t visited = 0, beyond = around.size() - near.size();
          int64_t reached = 0;
          for (size_t j = i; !done && visited < kMaxNeighbours; ++visited) {
            if (side == 0 ? j-- == 0 : ++j >= originals.size()) {
              done = true;
              break;
            }
            reached = std::abs(static_cast<int64_t>(P.time[originals[j]]) - P.time[p]);
            visit(j, reached, &done);
          }
          if (!done && reached > W) {
            beyond = around.size() - near.size() - beyond;
            extra += static_cast<double>(beyond) * (static_cast<double>(C) / reached - 1);
          }
        }
        f.accounts = static_cast<uint32_t>(distinct(near));
        f.context_accounts = static_cast<uint32_t>(distinct(around) + extra);
        if (f.accounts >= static_cast<uint32_t>(c.copy_paste_accounts) &&
            f.accounts >= c.copy_paste_exclusive * f.context_accounts)
          copy_paste.push_back(f);
      }
    }
    cl.copy_paste_posts = copy_paste.size() - flagged_before;
    cl.copy_paste = cl.copy_paste_posts > 0;
    if (!cl.copy_paste && (cl.posts < static_cast<uint64_t>(c.min_posts) ||
                           orig_accounts < static_cast<size_t>(c.min_accounts))) {
      b = e;
      continue;
    }
    for (size_t k = flagged_before; k < copy_paste.size(); ++k)
      copy_paste[k].cluster = static_cast<uint32_t>(clusters.size());

    // Cascade forest of the members.
    std::vector<CascadeNode> nodes;
    nodes.reserve(e - b);
    for (size_t k = b; k < e; ++k) node_of[members[k].post] = static_cast<uint32_t>(k - b);
    for (size_t k = b; k < e; ++k) {
      PostId p = members[k].post;
      uint32_t parent = root[p] == p ? kNoParent : node_of[P.repost_of[p]];
      nodes.push_back({parent, P.time[p], P.account[p], p});
    }
    cl.cascade = AnalyzeCascade(nodes);
    for (size_t k = b; k < e; ++k) node_of[members[k].post] = kNoPost;

    cl.representative = originals.empty() ? members[b].post : originals[0];
    cl.first_seen = members[b].time;
    cl.last_seen = members[e - 1].time;
    std::map<ClaimId, uint64_t> claims;
    for (size_t k = b; k < e; ++k) {
      PostId p = members[k].post;
      cl.engagements += engagements[p];
      int64_t hour = members[k].time / 3600;
      if (!cl.timeline.empty() && cl.timeline.back().first == hour) ++cl.timeline.back().second;
      else cl.timeline.push_back({hour, 1});
      if (!in.post_claim.empty() && root[p] == p && in.post_claim[p] != kNone)
        ++claims[in.post_claim[p]];
    }
    uint64_t best = 0;
    for (const auto& [claim, count] : claims)
      if (count > best || (count == best && in.claim_names[claim] < in.claim_names[cl.claim])) {
        best = count;
        cl.claim = claim;
      }
    cl.burst = DetectBurst(cl.timeline, platform, c.baseline_hours);
    if (!in.suspicious.empty()) {
      uint64_t s = 0;
      for (AccountId a : accounts) s += a < in.suspicious.size() && in.suspicious[a];
      cl.suspicious_share = static_cast<double>(s) / static_cast<double>(accounts.size());
      cl.suspicious_known = true;
    }
    cl.priority = c.w_burst * std::log1p(std::max(0.0, cl.burst.score)) +
                  c.w_reach * std::log1p(static_cast<double>(cl.accounts + cl.cascade.downstream_accounts)) +
                  c.w_engagement * std::log1p(static_cast<double>(cl.engagements)) +
                  c.w_suspicious * cl.suspicious_share;
    for (size_t k = b; k < e && cl.sample.size() < 10; ++k) cl.sample.push_back(members[k].post);
    clusters.push_back(std::move(cl));
    b = e;
  }
  members.clear();
  members.shrink_to_fit();

  // Ids by first post, ranks by priority.
  std::vector<uint32_t> order(clusters.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto first_key = [&](uint32_t i) {
    return std::make_pair(clusters[i].first_seen, P.ids.Get(clusters[i].sample[0]));
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return first_key(a) < first_key(b); });
  for (uint32_t k = 0; k < order.size(); ++k) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "n%06u", k + 1);
    clusters[order[k]].id = buf;
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (clusters[a].priority != clusters[b].priority) return clusters[a].priority > clusters[b].priority;
    return clusters[a].id < clusters[b].id;
  });
  std::vector<uint32_t> new_index(clusters.size());
  for (uint32_t k = 0; k < order.size(); ++k) {
    new_index[order[k]] = k;
    clusters[order[k]].rank = k + 1;
  }
  for (CopyPasteFinding& f : copy_paste) f.cluster = new_index[f.cluster];
  res.clusters.reserve(clusters.size());
  for (uint32_t k : order) res.clusters.push_back(std::move(clusters[k]));
  // Clusters past max_clusters are dropped unless a copy-paste finding points at them.
  size_t keep = std::min(res.clusters.size(), static_cast<size_t>(c.max_clusters));
  for (const CopyPasteFinding& f : copy_paste) keep = std::max<size_t>(keep, f.cluster + 1);
  res.clusters.resize(keep);
  std::sort(copy_paste.begin(), copy_paste.end(), [&](const CopyPasteFinding& a, const CopyPasteFinding& b) {
    return P.ids.Get(a.post) < P.ids.Get(b.post);
  });
  res.copy_paste = std::move(copy_paste);

  // Cascades per registry claim: the claim's matched originals and every repost below them.
  if (!in.post_claim.empty()) {
    std::vector<std::pair<uint32_t, PostId>> by_claim;
    for (PostId i = 0; i < n; ++i)
      if (P.declared[i] && in.post_claim[root[i]] != kNone)
        by_claim.push_back({in.post_claim[root[i]], i});
    std::sort(by_claim.begin(), by_claim.end(), [&](const auto& a, const auto& b) {
      return std::tie(a.first, P.time[a.second], a.second) < std::tie(b.first, P.time[b.second], b.second);
    });
    for (size_t b = 0; b < by_claim.size();) {
      size_t e = b;
      while (e < by_claim.size() && by_claim[e].first == by_claim[b].first) ++e;
      ClaimCascade cc;
      cc.claim = by_claim[b].first;
      std::vector<CascadeNode> nodes;
      for (size_t k = b; k < e; ++k) node_of[by_claim[k].second] = static_cast<uint32_t>(k - b);
      for (size_t k = b; k < e; ++k) {
        PostId p = by_claim[k].second;
        uint32_t parent = root[p] == p ? kNoParent : node_of[P.repost_of[p]];
        nodes.push_back({parent, P.time[p], P.account[p], p});
        cc.originals += root[p] == p;
      }
      for (size_t k = b; k < e; ++k) node_of[by_claim[k].second] = kNoPost;
      cc.posts = e - b;
      cc.cascade = AnalyzeCascade(nodes);
      res.claims.push_back(std::move(cc));
      b = e;
    }
    std::sort(res.claims.begin(), res.claims.end(), [&](const ClaimCascade& a, const ClaimCascade& b) {
      return in.claim_names[a.claim] < in.claim_names[b.claim];
    });
  }
  return res;
}

}  // namespace sluice::narr
