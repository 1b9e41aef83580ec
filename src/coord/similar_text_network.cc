#include "coord/similar_text_network.h"

#include <algorithm>
#include <limits>

#include "coord/copost_text.h"
#include "coord/radix_sort.h"
#include "core/hash.h"

namespace sluice::coord {
namespace {

uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::vector<uint64_t> ShinglesOf(const World& w, PostId p, const SimilarTextOptions& o) {
  std::u32string cps = ShingleCodePoints(w.posts.text(p));
  if (cps.size() < o.min_chars) return {};
  return ShingleHashes(cps, o.shingle);
}

}  // namespace

std::vector<uint64_t> MinHashBandKeys(const std::vector<uint64_t>& shingles, uint32_t bands,
                                      uint32_t rows) {
  const uint32_t k = bands * rows;
  // Hash function i is x -> a_i x + b_i (mod 2^64) with odd a_i, applied to the shingle hash
  // (already well mixed); the minimum is decided by the high bits, where multiply-add mixes well.
  // One multiply-add per function and shingle instead of a full mix.
  thread_local std::vector<uint64_t> a, b;
  if (a.size() < k) {
    a.resize(k);
    b.resize(k);
    for (uint32_t i = 0; i < k; ++i) {
      a[i] = Mix(2 * i + 1) | 1;
      b[i] = Mix(2 * i + 2);
    }
  }
  std::vector<uint64_t> mins(k, std::numeric_limits<uint64_t>::max());
  for (uint64_t s : shingles)
    for (uint32_t i = 0; i < k; ++i) mins[i] = std::min(mins[i], a[i] * s + b[i]);
  std::vector<uint64_t> keys(bands);
  for (uint32_t b = 0; b < bands; ++b) {
    uint64_t h = Mix(b + 1);
    for (uint32_t r = 0; r < rows; ++r) h = Mix(h ^ mins[b * rows + r]) + r;
    keys[b] = h;
  }
  return keys;
}

CoActionNetwork BuildSimilarTextNetwork(const World& w, const SimilarTextOptions& o,
                                        SimilarTextStats* stats) {
  SimilarTextStats local;
  SimilarTextStats& st = stats ? *stats : local;
  st = SimilarTextStats{};
  const PostTable& p = w.posts;
  CoActionNetwork net;
  net.messages_of.assign(w.accounts.size(), 0);

  // One action per (post, band).
  std::vector<KeyedAction> band_actions;
  for (PostId i = 0; i < p.size(); ++i) {
    if (!p.declared[i] || p.repost_of[i] != kNone) continue;
    std::vector<uint64_t> sh = ShinglesOf(w, i, o);
    if (sh.empty()) continue;
    ++st.posts;
    ++net.messages_of[p.account[i]];
    std::vector<uint64_t> keys = MinHashBandKeys(sh, o.bands, o.rows);
    for (uint64_t k : keys) band_actions.push_back({k, p.time[i], p.account[i], i});
  }
  net.messages = st.posts;
  std::sort(band_actions.begin(), band_actions.end(), [](const KeyedAction& a, const KeyedAction& b) {
    return a.key != b.key ? a.key < b.key : a.time != b.time ? a.time < b.time : a.message < b.message;
  });
  st.commonness.assign(p.size(), 0);
  for (size_t b = 0, n = band_actions.size(); b < n;) {
    size_t e = b;
    while (e < n && band_actions[e].key == band_actions[b].key) ++e;
    size_t l = b, h = b;
    for (size_t i = b; i < e; ++i) {
      uint64_t t = band_actions[i].time, cw = o.commonness_window_s;
      if (cw) {
        while (band_actions[l].time + cw < t) ++l;
        while (h < e && band_actions[h].time <= t + cw) ++h;
      } else {
        l = b;
        h = e;
      }
      uint32_t& c = st.commonness[band_actions[i].message];
      c = std::max(c, static_cast<uint32_t>(h - l));
    }
    b = e;
  }

  // Candidate post pairs: the same band key within the window.
  std::vector<uint64_t> cand;
  CoActionStats& cs = net.stats;
  cs.actions = band_actions.size();
  for (size_t b = 0, n = band_actions.size(); b < n;) {
    size_t e = b;
    while (e < n && band_actions[e].key == band_actions[b].key) ++e;
    ++cs.keys;
    if (e - b >= 2) ++cs.shared_keys;
    bool skipped = false;
    size_t l = b, h = b;
    for (size_t i = b; i < e; ++i) {
      const KeyedAction& a = band_actions[i];
      while (band_actions[l].time + static_cast<uint64_t>(o.window_s) < a.time) ++l;
      while (h < e && band_actions[h].time <= static_cast<uint64_t>(a.time) + o.window_s) ++h;
      if (o.max_window_actions && h - l > o.max_window_actions) {
        ++cs.skipped_actions;
        skipped = true;
        continue;
      }
      // Each unordered pair once per band: partners after i in sort order.
      for (size_t j = i + 1; j < h; ++j) {
        const KeyedAction& c = band_actions[j];
        if (c.message == a.message) continue;
        if (c.account == a.account && !o.self_loops) continue;
        uint32_t x = std::min(a.message, c.message), y = std::max(a.message, c.message);
        cand.push_back((static_cast<uint64_t>(x) << 32) | y);
      }
    }
    if (skipped) ++cs.skipped_keys;
    b = e;
  }
  band_actions = {};
  RadixSort(&cand);
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  st.candidates = cand.size();

  // Verify each candidate on the exact shingle sets, computed once per post involved.
  std::vector<PostId> involved;
  involved.reserve(cand.size() * 2);
  for (uint64_t c : cand) {
    involved.push_back(static_cast<PostId>(c >> 32));
    involved.push_back(static_cast<PostId>(c & 0xffffffffu));
  }
  std::sort(involved.begin(), involved.end());
  involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
  std::vector<std::vector<uint64_t>> sets(involved.size());
  for (size_t i = 0; i < involved.size(); ++i) sets[i] = ShinglesOf(w, involved[i], o);
  auto set_of = [&](PostId q) -> const std::vector<uint64_t>& {
    return sets[std::lower_bound(involved.begin(), involved.end(), q) - involved.begin()];
  };
  std::vector<Partnership> pairs;
  for (uint64_t c : cand) {
    PostId x = static_cast<PostId>(c >> 32), y = static_cast<PostId>(c & 0xffffffffu);
    if (Jaccard(set_of(x), set_of(y)) < o.threshold) continue;
    ++st.verified;
    pairs.push_back({p.account[x], p.account[y], x});
    pairs.push_back({p.account[y], p.account[x], y});
  }
  cs.pairs = pairs.size();
  cs.passes = 1;
  net.edges = AggregatePartnerships(&pairs, o.min_weight);
  cs.edges = net.edges.size();
  return net;
}

}  // namespace sluice::coord
