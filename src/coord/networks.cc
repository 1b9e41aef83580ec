#include "coord/networks.h"

#include "coord/copost_text.h"
#include "coord/similar_text_network.h"
#include "core/hash.h"
#include "core/utf8.h"

namespace sluice::coord {
namespace {

bool IsOriginal(const PostTable& p, PostId i) { return p.declared[i] && p.repost_of[i] == kNone; }

}  // namespace

std::vector<KeyedAction> NetworkActions(const World& w, const std::vector<Act>& acts,
                                        const std::vector<PostId>& roots, NetworkType type,
                                        const CoordConfig& config) {
  std::vector<KeyedAction> out;
  const PostTable& p = w.posts;
  auto from_acts = [&](EngagementKind kind) {
    for (uint32_t i = 0; i < acts.size(); ++i) {
      const Act& a = acts[i];
      if (a.kind != kind) continue;
      PostId key = a.target;
      if (kind == EngagementKind::kRepost && config.repost_key == RepostKey::kRoot &&
          key < roots.size())
        key = roots[key];
      out.push_back({key, a.time, a.account, i});
    }
  };
  auto terms = [&](int first, auto count_of) {
    for (PostId i = 0; i < p.size(); ++i) {
      if (!IsOriginal(p, i)) continue;
      uint32_t b = p.term_begin[i];
      if (first >= 1) b += p.n_urls[i];
      if (first >= 2) b += p.n_hashtags[i];
      for (uint32_t k = 0; k < count_of(i); ++k) out.push_back({p.terms[b + k], p.time[i], p.account[i], i});
    }
  };
  switch (type) {
    case NetworkType::kRepost: from_acts(EngagementKind::kRepost); break;
    case NetworkType::kLike: from_acts(EngagementKind::kLike); break;
    case NetworkType::kComment: from_acts(EngagementKind::kComment); break;
    case NetworkType::kReview: from_acts(EngagementKind::kReview); break;
    case NetworkType::kText: {
      std::string t;
      out.reserve(p.size());
      for (PostId i = 0; i < p.size(); ++i) {
        if (!IsOriginal(p, i)) continue;
        ToolkitNormalizeInto(p.text(i), &t);
        // Counting code points is needed only beyond "not empty".
        if (config.text.min_chars > 1 ? CountCodePoints(t) < config.text.min_chars
                                      : t.size() < config.text.min_chars)
          continue;
        out.push_back({Hash64(t, 0x7e47), p.time[i], p.account[i], i});
      }
      break;
    }
    case NetworkType::kReply:
      for (PostId i = 0; i < p.size(); ++i)
        if (IsOriginal(p, i) && p.reply_to[i] != kNone)
          out.push_back({p.reply_to[i], p.time[i], p.account[i], i});
      break;
    case NetworkType::kLink: terms(0, [&](PostId i) { return p.n_urls[i]; }); break;
    case NetworkType::kHashtag: terms(1, [&](PostId i) { return p.n_hashtags[i]; }); break;
    case NetworkType::kSimilarText: break;
  }
  return out;
}

CoActionNetwork BuildNetwork(const World& w, const std::vector<Act>& acts,
                             const std::vector<PostId>& roots, NetworkType type,
                             const CoordConfig& config, const NetworkConfig& nc) {
  if (type == NetworkType::kSimilarText) {
    SimilarTextOptions o;
    o.window_s = nc.window_s;
    o.min_weight = nc.min_weight;
    o.max_window_actions = nc.max_window_actions;
    o.self_loops = config.self_loops;
    o.threshold = config.similar.threshold;
    o.shingle = config.similar.shingle;
    o.bands = config.similar.bands;
    o.rows = config.similar.rows;
    o.min_chars = config.similar.min_chars;
    o.max_pairs_in_memory = config.max_pairs_in_memory;
    return BuildSimilarTextNetwork(w, o);
  }
  CoActionOptions o;
  o.window_s = nc.window_s;
  o.min_weight = nc.min_weight;
  o.max_window_actions = nc.max_window_actions;
  o.self_loops = config.self_loops;
  o.multi_key = type == NetworkType::kLink || type == NetworkType::kHashtag;
  o.max_pairs_in_memory = config.max_pairs_in_memory;
  return BuildCoActionNetwork(NetworkActions(w, acts, roots, type, config), w.accounts.size(), o);
}

}  // namespace sluice::coord
