#include "narr/narr_output.h"

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"
#include "core/utf8.h"

namespace sluice::narr {
namespace {

void Str(std::string* s, std::string_view v) { AppendJsonString(s, v); }
void Time(std::string* s, int64_t t) { AppendJsonString(s, FormatRfc3339(t)); }
void OptInt(std::string* s, int64_t v) { *s += v < 0 ? "null" : std::to_string(v); }

// The first `max` code points of valid UTF-8.
std::string Cut(std::string_view text, size_t max) {
  std::string t = SanitizeUtf8(text, text.size());
  size_t i = 0, cps = 0;
  while (i < t.size() && cps < max) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cps;
  }
  return t.substr(0, std::min(i, t.size()));
}

void Cascade(std::string* s, const World& w, const CascadeStats& c) {
  *s += ",\"seeders\":[";
  for (size_t i = 0; i < c.seeders.size(); ++i) {
    *s += i ? ",{\"account\":" : "{\"account\":";
    Str(s, w.accounts.ids.Get(c.seeders[i].account));
    *s += ",\"post\":";
    Str(s, w.posts.ids.Get(c.seeders[i].post));
    *s += ",\"time\":";
    Time(s, c.seeders[i].time);
    *s += "}";
  }
  *s += "],\"amplifiers\":[";
  for (size_t i = 0; i < c.amplifiers.size(); ++i) {
    *s += i ? ",{\"account\":" : "{\"account\":";
    Str(s, w.accounts.ids.Get(c.amplifiers[i].account));
    *s += ",\"post\":";
    Str(s, w.posts.ids.Get(c.amplifiers[i].post));
    *s += fmt::format(",\"downstream\":{}}}", c.amplifiers[i].downstream);
  }
  *s += fmt::format("],\"cascade\":{{\"reposts\":{},\"depth\":{},\"max_breadth\":{},"
                    "\"structural_virality\":",
                    c.reposts, c.depth, c.max_breadth);
  AppendJsonNumber(s, c.structural_virality);
  *s += ",\"t10_s\":";
  OptInt(s, c.t10);
  *s += ",\"t100_s\":";
  OptInt(s, c.t100);
  *s += ",\"t1000_s\":";
  OptInt(s, c.t1000);
  *s += "}";
}

}  // namespace

std::string ClustersJsonl(const World& w, const NarrResult& r) {
  std::string s;
  for (const NarrCluster& c : r.clusters) {
    s += "{\"id\":";
    Str(&s, c.id);
    s += fmt::format(",\"rank\":{},\"posts\":{},\"accounts\":{},\"text\":", c.rank, c.posts, c.accounts);
    Str(&s, Cut(w.posts.text(c.representative), 280));
    s += ",\"first_seen\":";
    Time(&s, c.first_seen);
    s += ",\"last_seen\":";
    Time(&s, c.last_seen);
    if (c.claim != kNone) {
      s += ",\"claim\":";
      Str(&s, r.ClaimName(c.claim));
    }
    s += ",\"burst\":{\"score\":";
    AppendJsonNumber(&s, c.burst.score);
    s += ",\"peak_start\":";
    Time(&s, c.burst.peak_start);
    s += ",\"peak_end\":";
    Time(&s, c.burst.peak_end);
    s += ",\"method\":\"hourly_zscore\"}";
    s += fmt::format(",\"reach\":{{\"reposts\":{},\"engagements\":{},\"downstream_accounts\":{}}}",
                     c.cascade.reposts, c.engagements, c.cascade.downstream_accounts);
    s += ",\"suspicious_share\":";
    AppendJsonNumber(&s, c.suspicious_share);
    s += c.copy_paste ? ",\"copy_paste\":true" : ",\"copy_paste\":false";
    Cascade(&s, w, c.cascade);
    s += ",\"timeline\":[";
    for (size_t i = 0; i < c.timeline.size(); ++i) {
      s += i ? ",[" : "[";
      Time(&s, c.timeline[i].first * 3600);
      s += fmt::format(",{}]", c.timeline[i].second);
    }
    s += "],\"sample\":[";
    for (size_t i = 0; i < c.sample.size(); ++i) {
      if (i) s += ",";
      Str(&s, w.posts.ids.Get(c.sample[i]));
    }
    s += "]}\n";
  }
  return s;
}

std::string CopyPasteFindingsJsonl(const World& w, const NarrResult& r, const NarrConfig& cfg) {
  std::string s;
  for (const CopyPasteFinding& f : r.copy_paste) {
    const NarrCluster& c = r.clusters[f.cluster];
    s += "{\"subject\":\"post\",\"id\":";
    Str(&s, w.posts.ids.Get(f.post));
    s += ",\"label\":\"copy_paste\",\"group\":";
    Str(&s, c.id);
    s += ",\"tactic\":\"copy_paste\",\"score\":";
    AppendJsonNumber(&s, cfg.w_copy_paste);
    s += ",\"signals\":[{\"name\":\"narrative.copy_paste_cluster\",\"weight\":";
    AppendJsonNumber(&s, cfg.w_copy_paste);
    s += ",\"evidence\":{\"cluster\":";
    Str(&s, c.id);
    s += fmt::format(",\"accounts\":{},\"similar_posts\":{},\"window_s\":{},\"context_accounts\":{},"
                     "\"context_s\":{},\"min_similarity\":",
                     f.accounts, f.similar_posts, cfg.copy_paste_window_s, f.context_accounts,
                     cfg.copy_paste_context_s);
    AppendJsonNumber(&s, f.min_similarity);
    s += ",\"first\":";
    Time(&s, f.window_first);
    s += ",\"last\":";
    Time(&s, f.window_last);
    s += fmt::format(",\"cluster_posts\":{},\"cluster_accounts\":{}}}}}]}}\n", c.posts, c.accounts);
  }
  return s;
}

std::string ClaimCascadesJsonl(const World& w, const NarrResult& r) {
  std::string s;
  for (const ClaimCascade& c : r.claims) {
    s += "{\"claim\":";
    Str(&s, r.ClaimName(c.claim));
    s += fmt::format(",\"posts\":{},\"originals\":{}", c.posts, c.originals);
    Cascade(&s, w, c.cascade);
    s += "}\n";
  }
  return s;
}

std::string StatsJson(const NarrResult& r) {
  const NarrStats& st = r.stats;
  return fmt::format(
      "{{\"originals\":{},\"fingerprinted\":{},\"reposts\":{},\"multi_post_clusters\":{},"
      "\"candidate_pairs\":{},\"verified_pairs\":{},\"figure_refused_pairs\":{},\"name_refused_pairs\":{},\"repost_cycles\":{},"
      "\"clusters\":{},\"copy_paste_posts\":{},\"claims\":{},\"clusterer_bytes\":{}}}",
      st.originals, st.fingerprinted, st.reposts, st.clusters_multi, st.candidate_pairs,
      st.verified_pairs, st.figure_refused_pairs, st.name_refused_pairs, st.repost_cycles, r.clusters.size(), r.copy_paste.size(), r.claims.size(),
      st.clusterer_bytes);
}

}  // namespace sluice::narr
