#include "coord/similar_text_network.h"

#include <algorithm>
#include <limits>

#include "coord/copost_text.h"
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

  // Eligible posts in time order, with their band keys and shingle sets kept as 32-bit hashes
  // (bands × 4 bytes and about 4 bytes a character per post): a band-key collision only adds a
  // candidate, and a shingle collision between two texts is as rare as 1 in 2^32 per pair.
  std::vector<PostId> eligible;
  for (PostId i = 0; i < p.size(); ++i)
    if (p.declared[i] && p.repost_of[i] == kNone) eligible.push_back(i);
  std::stable_sort(eligible.begin(), eligible.end(),
                   [&](PostId a, PostId b) { return p.time[a] < p.time[b]; });
  std::vector<uint32_t> keys, arena;
  std::vector<uint64_t> arena_begin{0};
  size_t kept = 0;
  for (PostId i : eligible) {
    std::vector<uint64_t> sh = ShinglesOf(w, i, o);
    if (sh.empty()) continue;
    eligible[kept++] = i;
    ++net.messages_of[p.account[i]];
    for (uint64_t k : MinHashBandKeys(sh, o.bands, o.rows))
      keys.push_back(static_cast<uint32_t>(k ^ (k >> 32)));
    size_t at = arena.size();
    for (uint64_t h : sh) arena.push_back(static_cast<uint32_t>(h ^ (h >> 32)));
    std::sort(arena.begin() + static_cast<ptrdiff_t>(at), arena.end());
    arena.erase(std::unique(arena.begin() + static_cast<ptrdiff_t>(at), arena.end()), arena.end());
    arena_begin.push_back(arena.size());
  }
  eligible.resize(kept);
  st.posts = eligible.size();
  net.messages = st.posts;
  st.commonness.assign(p.size(), 0);

  // One band at a time: posts sharing the band key within the window are candidates.
  struct BandAction {
    uint32_t key;
    Time32 time;
    AccountId account;
    uint32_t idx;  // into eligible
  };
  // The exact Jaccard of two eligible posts' shingle sets, by index into eligible.
  auto jaccard = [&](uint32_t a, uint32_t b) {
    const uint32_t *x = &arena[arena_begin[a]], *xe = &arena[0] + arena_begin[a + 1];
    const uint32_t *y = &arena[arena_begin[b]], *ye = &arena[0] + arena_begin[b + 1];
    size_t both = 0, nx = static_cast<size_t>(xe - x), ny = static_cast<size_t>(ye - y);
    while (x < xe && y < ye) {
      if (*x == *y) ++both, ++x, ++y;
      else if (*x < *y) ++x;
      else ++y;
    }
    return static_cast<double>(both) / static_cast<double>(nx + ny - both);
  };
  std::vector<BandAction> band(eligible.size()), scratch(eligible.size());
  CoActionStats& cs = net.stats;
  // One scan over all bands. The first scan also fills the statistics and commonness. Verified
  // pairs go to `out` when their first account falls in this pass (u1 mod passes); `*found`
  // counts every (u1, u2, post) found, held or not.
  auto scan = [&](bool first, uint64_t pass, uint64_t passes, uint64_t limit,
                  std::vector<Partnership>* out, uint64_t* found) {
    auto keep = [&](AccountId u1, AccountId u2, PostId m) {
      ++*found;
      if (u1 % passes == pass && out->size() < limit) out->push_back({u1, u2, m});
    };
    for (uint32_t bi = 0; bi < o.bands; ++bi) {
      // Filled in time order, then a stable radix sort by key: (key, time, post) order.
      for (uint32_t k = 0; k < eligible.size(); ++k) {
        PostId q = eligible[k];
        band[k] = {keys[static_cast<size_t>(k) * o.bands + bi], p.time[q], p.account[q], k};
      }
      for (int shift = 0; shift < 32; shift += 16) {
        std::vector<size_t> count((1 << 16) + 1, 0);
        for (const BandAction& x : band) ++count[((x.key >> shift) & 0xffff) + 1];
        for (size_t d = 1; d < count.size(); ++d) count[d] += count[d - 1];
        for (const BandAction& x : band) scratch[count[(x.key >> shift) & 0xffff]++] = x;
        band.swap(scratch);
      }
      if (first) cs.actions += band.size();
      for (size_t b = 0, n = band.size(); b < n;) {
        size_t e = b;
        while (e < n && band[e].key == band[b].key) ++e;
        if (first) {
          ++cs.keys;
          if (e - b >= 2) ++cs.shared_keys;
        }
        bool skipped = false;
        size_t cl = b, ch = b, l = b, h = b;
        const uint64_t cw = o.commonness_window_s;
        for (size_t i = b; i < e; ++i) {
          const BandAction& a = band[i];
          if (first) {
            if (cw) {
              while (band[cl].time + cw < a.time) ++cl;
              while (ch < e && band[ch].time <= a.time + cw) ++ch;
            } else {
              cl = b;
              ch = e;
            }
            uint32_t& common = st.commonness[eligible[a.idx]];
            common = std::max(common, static_cast<uint32_t>(ch - cl));
          }
          while (band[l].time + static_cast<uint64_t>(o.window_s) < a.time) ++l;
          while (h < e && band[h].time <= static_cast<uint64_t>(a.time) + o.window_s) ++h;
          if (o.max_window_actions && h - l > o.max_window_actions) {
            if (first) ++cs.skipped_actions;
            skipped = true;
            continue;
          }
          // Each unordered pair once: partners after i in sort order, and only in the first
          // band the two share (near-duplicates share most bands). A candidate counts only when
          // the exact Jaccard reaches the threshold: the sketch finds pairs, never decides them.
          const uint32_t* ka = &keys[static_cast<size_t>(a.idx) * o.bands];
          for (size_t j = i + 1; j < h; ++j) {
            const BandAction& c = band[j];
            if (c.account == a.account && !o.self_loops) continue;
            const uint32_t* kc = &keys[static_cast<size_t>(c.idx) * o.bands];
            bool earlier = false;
            for (uint32_t e2 = 0; e2 < bi && !earlier; ++e2) earlier = ka[e2] == kc[e2];
            if (earlier) continue;
            if (first) ++st.candidates;
            if (jaccard(a.idx, c.idx) < o.threshold) continue;
            if (first) ++st.verified;
            PostId x = eligible[a.idx], y = eligible[c.idx];
            keep(p.account[x], p.account[y], x);
            keep(p.account[y], p.account[x], y);
          }
        }
        if (first && skipped) ++cs.skipped_keys;
        b = e;
      }
    }
  };
  // Usually one scan holds every pair. When the pairs would pass max_pairs_in_memory, the scan is
  // repeated in passes over u1 mod P, each holding about its share.
  const uint64_t limit = std::max<uint64_t>(1, o.max_pairs_in_memory);
  std::vector<Partnership> pairs;
  uint64_t found = 0;
  scan(true, 0, 1, limit, &pairs, &found);
  uint64_t passes = 1;
  if (found > pairs.size()) {
    pairs = {};
    passes = (found + limit - 1) / limit + 1;  // one spare pass: accounts do not split evenly
    for (uint64_t pass = 0; pass < passes; ++pass) {
      std::vector<Partnership> part;
      uint64_t again = 0;
      scan(false, pass, passes, std::numeric_limits<uint64_t>::max(), &part, &again);
      std::vector<CoEdge> edges = AggregatePartnerships(&part, o.min_weight);
      cs.pairs += part.size();
      net.edges.insert(net.edges.end(), edges.begin(), edges.end());
    }
    std::sort(net.edges.begin(), net.edges.end(), [](const CoEdge& a, const CoEdge& b) {
      return a.u1 != b.u1 ? a.u1 < b.u1 : a.u2 < b.u2;
    });
  } else {
    cs.pairs = pairs.size();
    net.edges = AggregatePartnerships(&pairs, o.min_weight);
  }
  cs.passes = static_cast<uint32_t>(passes);
  band = {};
  scratch = {};
  cs.edges = net.edges.size();
  return net;
}

}  // namespace sluice::coord
