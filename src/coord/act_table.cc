#include "coord/act_table.h"

#include <algorithm>

#include "core/hash.h"

namespace sluice::coord {
namespace {

// (account, target, time, kind): what makes a post and an engagement row the same act.
struct ActKey {
  uint64_t who_what;  // account << 32 | target
  uint64_t when_how;  // time << 8 | kind
  bool operator==(const ActKey& o) const { return who_what == o.who_what && when_how == o.when_how; }
};

ActKey KeyOf(AccountId a, PostId p, Time32 t, EngagementKind k) {
  return {(static_cast<uint64_t>(a) << 32) | p,
          (static_cast<uint64_t>(t) << 8) | static_cast<uint64_t>(k)};
}

// Post acts by key, each able to absorb one engagement row that repeats it. Open addressing
// with a count per key (the same act may be posted twice).
class TwinTable {
 public:
  void Add(const ActKey& k) {
    if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
    Slot& s = Find(k);
    if (s.count == 0) {
      s.key = k;
      ++size_;
    }
    ++s.count;
  }
  // True when k was added and not yet taken as often as added; takes one.
  bool TakeOne(const ActKey& k) {
    if (size_ == 0) return false;
    Slot& s = Find(k);
    if (s.count == 0 || s.taken >= s.count) return false;
    ++s.taken;
    return true;
  }

 private:
  struct Slot {
    ActKey key{0, 0};
    uint32_t count = 0, taken = 0;
  };
  // The slot holding k, or the empty slot where it would go. REQUIRES: slots_ not empty.
  Slot& Find(const ActKey& k) {
    uint64_t h = Hash64(std::string_view(reinterpret_cast<const char*>(&k), sizeof k), 0xac7);
    size_t m = slots_.size() - 1, i = h & m;
    while (slots_[i].count != 0 && !(slots_[i].key == k)) i = (i + 1) & m;
    return slots_[i];
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& s : old)
      if (s.count != 0) Find(s.key) = s;
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace

std::vector<Act> CollectActs(const World& w) {
  const PostTable& p = w.posts;
  const EngagementTable& e = w.engagements;
  std::vector<Act> acts;
  acts.reserve(e.size() + p.size() / 4);
  TwinTable twins;
  for (PostId i = 0; i < p.size(); ++i) {
    if (!p.declared[i]) continue;
    PostId target = p.repost_of[i] != kNone ? p.repost_of[i] : p.reply_to[i];
    if (target == kNone) continue;
    EngagementKind kind =
        p.repost_of[i] != kNone ? EngagementKind::kRepost : EngagementKind::kComment;
    acts.push_back({p.account[i], target, p.time[i], p.device[i], p.ip[i], kind, true});
    twins.Add(KeyOf(p.account[i], target, p.time[i], kind));
  }
  for (uint32_t i = 0; i < e.size(); ++i) {
    if (twins.TakeOne(KeyOf(e.account[i], e.target[i], e.time[i], e.kind[i]))) continue;
    acts.push_back({e.account[i], e.target[i], e.time[i], e.device[i], e.ip[i], e.kind[i], false});
  }
  std::sort(acts.begin(), acts.end(), [](const Act& a, const Act& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.account != b.account) return a.account < b.account;
    if (a.target != b.target) return a.target < b.target;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.from_post != b.from_post) return a.from_post;
    if (a.device != b.device) return a.device < b.device;
    return a.ip < b.ip;
  });
  return acts;
}

ActsByAccount IndexByAccount(const std::vector<Act>& acts, uint32_t accounts) {
  ActsByAccount ix;
  ix.begin.assign(static_cast<size_t>(accounts) + 1, 0);
  for (const Act& a : acts) ++ix.begin[a.account + 1];
  for (uint32_t i = 0; i < accounts; ++i) ix.begin[i + 1] += ix.begin[i];
  ix.index.resize(acts.size());
  std::vector<uint64_t> fill(ix.begin.begin(), ix.begin.end() - 1);
  for (uint32_t i = 0; i < acts.size(); ++i) ix.index[fill[acts[i].account]++] = i;
  return ix;
}

}  // namespace sluice::coord
