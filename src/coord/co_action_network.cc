#include "coord/co_action_network.h"

#include <algorithm>
#include <cmath>

#include "coord/radix_sort.h"

namespace sluice::coord {
namespace {

uint64_t Pack(AccountId a, AccountId b) { return (static_cast<uint64_t>(a) << 32) | b; }

// Marks accounts already counted for the current action, so each (u1, u2) is emitted once per
// message without clearing an array per action.
class Stamps {
 public:
  explicit Stamps(uint32_t n) : stamp_(n, 0) {}
  void Next() {
    if (++current_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      current_ = 1;
    }
  }
  // True the first time `a` is seen since Next().
  bool First(AccountId a) {
    if (stamp_[a] == current_) return false;
    stamp_[a] = current_;
    return true;
  }

 private:
  std::vector<uint32_t> stamp_;
  uint32_t current_ = 0;
};

}  // namespace

uint32_t CoActionNetwork::Weight(AccountId u1, AccountId u2) const {
  auto it = std::lower_bound(edges.begin(), edges.end(), Pack(u1, u2),
                             [](const CoEdge& e, uint64_t k) { return Pack(e.u1, e.u2) < k; });
  return it != edges.end() && it->u1 == u1 && it->u2 == u2 ? it->weight : 0;
}

std::vector<CoEdge> AggregatePartnerships(std::vector<Partnership>* pairs, uint32_t min_weight) {
  std::sort(pairs->begin(), pairs->end(), [](const Partnership& a, const Partnership& b) {
    return a.u1 != b.u1 ? a.u1 < b.u1 : a.u2 != b.u2 ? a.u2 < b.u2 : a.message < b.message;
  });
  std::vector<CoEdge> edges;
  const std::vector<Partnership>& p = *pairs;
  for (size_t i = 0; i < p.size();) {
    size_t j = i;
    uint32_t distinct = 0;
    while (j < p.size() && p[j].u1 == p[i].u1 && p[j].u2 == p[i].u2) {
      if (j == i || p[j].message != p[j - 1].message) ++distinct;
      ++j;
    }
    if (distinct >= min_weight) edges.push_back({p[i].u1, p[i].u2, distinct});
    i = j;
  }
  return edges;
}

CoActionNetwork BuildCoActionNetwork(std::vector<KeyedAction> actions, uint32_t account_count,
                                     const CoActionOptions& opt) {
  CoActionNetwork net;
  CoActionStats& st = net.stats;
  std::sort(actions.begin(), actions.end(), [](const KeyedAction& a, const KeyedAction& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.time != b.time) return a.time < b.time;
    if (a.account != b.account) return a.account < b.account;
    return a.message < b.message;
  });
  actions.erase(std::unique(actions.begin(), actions.end(),
                            [](const KeyedAction& a, const KeyedAction& b) {
                              return a.key == b.key && a.time == b.time &&
                                     a.account == b.account && a.message == b.message;
                            }),
                actions.end());
  const size_t n = actions.size();
  st.actions = n;

  // Messages per account, for NPMI.
  net.messages_of.assign(account_count, 0);
  if (opt.multi_key) {
    std::vector<uint64_t> am(n);
    for (size_t i = 0; i < n; ++i) am[i] = Pack(actions[i].account, actions[i].message);
    RadixSort(&am);
    am.erase(std::unique(am.begin(), am.end()), am.end());
    for (uint64_t x : am) ++net.messages_of[x >> 32];
    net.messages = am.size();
  } else {
    for (const KeyedAction& a : actions) ++net.messages_of[a.account];
    net.messages = n;
  }

  // Calls f(i, lo, hi, over_cap) for every action i, where [lo, hi) holds the actions on its key
  // within ± the window. Cheap enough to run again for every pass, so window bounds are never
  // stored (they would cost 9 bytes an action).
  auto for_each_window = [&](auto&& f) {
    for (size_t b = 0; b < n;) {
      size_t e = b;
      while (e < n && actions[e].key == actions[b].key) ++e;
      size_t l = b, h = b;
      for (size_t i = b; i < e; ++i) {
        uint64_t t = actions[i].time;
        while (actions[l].time + static_cast<uint64_t>(opt.window_s) < t) ++l;
        while (h < e && actions[h].time <= t + opt.window_s) ++h;
        f(i, l, h, opt.max_window_actions && h - l > opt.max_window_actions);
      }
      b = e;
    }
  };
  // Counts: keys, skipped actions and keys, and the pairs to expect (an upper bound).
  uint64_t estimate = 0;
  size_t key_begin = 0;
  bool key_skipped = false;
  for_each_window([&](size_t i, size_t l, size_t h, bool over) {
    if (i == 0 || actions[i].key != actions[i - 1].key) {
      st.skipped_keys += key_skipped;
      key_skipped = false;
      key_begin = i;
      ++st.keys;
    }
    if (i == key_begin + 1) ++st.shared_keys;
    if (over) {
      ++st.skipped_actions;
      key_skipped = true;
    } else {
      estimate += h - l - 1;
    }
  });
  st.skipped_keys += key_skipped;

  const uint64_t limit = std::max<uint64_t>(1, opt.max_pairs_in_memory);
  uint64_t passes = std::max<uint64_t>(1, (estimate + limit - 1) / limit);
  st.passes = static_cast<uint32_t>(passes);
  Stamps stamps(account_count);
  for (uint64_t pass = 0; pass < passes; ++pass) {
    std::vector<uint64_t> pairs;          // single key: (u1, u2) per message
    std::vector<Partnership> triples;     // multi key: (u1, u2, message)
    if (opt.multi_key) triples.reserve(std::min(limit, estimate / passes + 1));
    else pairs.reserve(std::min(limit, estimate / passes + 1));
    for_each_window([&](size_t i, size_t l, size_t h, bool over) {
      const KeyedAction& a = actions[i];
      if (over || a.account % passes != pass) return;
      stamps.Next();
      for (size_t j = l; j < h; ++j) {
        const KeyedAction& b = actions[j];
        if (j == i || b.message == a.message) continue;
        if (b.account == a.account && !opt.self_loops) continue;
        if (!stamps.First(b.account)) continue;
        if (opt.multi_key) triples.push_back({a.account, b.account, a.message});
        else pairs.push_back(Pack(a.account, b.account));
      }
    });
    std::vector<CoEdge> part;
    if (opt.multi_key) {
      st.pairs += triples.size();
      part = AggregatePartnerships(&triples, opt.min_weight);
    } else {
      st.pairs += pairs.size();
      RadixSort(&pairs);
      for (size_t i = 0; i < pairs.size();) {
        size_t j = i;
        while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
        if (j - i >= opt.min_weight)
          part.push_back({static_cast<AccountId>(pairs[i] >> 32),
                          static_cast<AccountId>(pairs[i] & 0xffffffffu),
                          static_cast<uint32_t>(j - i)});
        i = j;
      }
    }
    net.edges.insert(net.edges.end(), part.begin(), part.end());
  }
  if (passes > 1)
    std::sort(net.edges.begin(), net.edges.end(), [](const CoEdge& a, const CoEdge& b) {
      return Pack(a.u1, a.u2) < Pack(b.u1, b.u2);
    });
  st.edges = net.edges.size();
  return net;
}

double EdgeNpmi(const CoActionNetwork& net, const CoEdge& e) {
  double n = static_cast<double>(net.messages);
  double joint = (static_cast<double>(e.weight) + net.Weight(e.u2, e.u1)) / 2;
  double p1 = net.messages_of[e.u1] / n, p2 = net.messages_of[e.u2] / n, p12 = joint / n;
  if (joint <= 0 || p1 <= 0 || p2 <= 0) return -1;
  if (p12 >= 1) return 1;
  return std::log(p12 / (p1 * p2)) / -std::log(p12);
}

}  // namespace sluice::coord
