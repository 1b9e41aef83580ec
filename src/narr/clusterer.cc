#include "narr/clusterer.h"

#include <algorithm>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace sluice::narr {

NarrativeClusterer::NarrativeClusterer(const NarrConfig& c, const TextSource* texts)
    : num_perm_(c.num_perm), bands_(c.bands), rows_(c.rows), threshold_(c.similarity),
      root_threshold_(c.root_similarity),
      table_(1024),
      texts_(c.split_on_names ? texts : nullptr) {}

const NameTokens& NarrativeClusterer::TokensOf(uint32_t post) {
  CachedTokens* slot = &cache_[0];
  for (CachedTokens& e : cache_) {
    if (e.post == post) {
      e.used = ++cache_clock_;
      return e.tokens;
    }
    if (e.used < slot->used) slot = &e;
  }
  slot->post = post;
  slot->used = ++cache_clock_;
  texts_->Tokens(post, &slot->tokens);
  return slot->tokens;
}

bool NarrativeClusterer::NamesConflict(uint32_t me, uint32_t other, uint32_t root_me,
                                       uint32_t root_other) {
  auto differ = [&](uint32_t a, uint32_t b) {
    if (a == b || sig_of_[a] == kNoPost || sig_of_[b] == kNoPost) return false;
    for (const NamesAnswer& m : names_memo_)
      if (m.a == a && m.b == b) return m.differ;
    const NameTokens& x = TokensOf(a);
    bool d = NamesDiffer(x, TokensOf(b));  // x stays cached: at most two posts per call
    names_memo_.push_back({a, b, d});
    return d;
  };
  return differ(me, other) || differ(me, root_other) || differ(other, root_me) ||
         differ(root_me, root_other);
}

uint32_t NarrativeClusterer::NewPost(uint32_t sig, const std::vector<uint64_t>* figures) {
  uint32_t id = static_cast<uint32_t>(parent_.size());
  parent_.push_back(id);
  size_.push_back(1);
  sig_of_.push_back(sig);
  if (figures != nullptr) figs_.insert(figs_.end(), figures->begin(), figures->end());
  fig_begin_.push_back(static_cast<uint32_t>(figs_.size()));
  profile_of_.push_back(kNoPost);
  return id;
}

std::pair<const uint64_t*, size_t> NarrativeClusterer::Profile(uint32_t root) const {
  if (profile_of_[root] != kNoPost) {
    const std::vector<uint64_t>& p = profiles_[profile_of_[root]];
    return {p.data(), p.size()};
  }
  return {figs_.data() + fig_begin_[root], fig_begin_[root + 1] - fig_begin_[root]};
}

bool NarrativeClusterer::ProfileConflict(uint32_t post, uint32_t root) const {
  auto [p, n] = Profile(root);
  return narr::FiguresConflict(figs_.data() + fig_begin_[post], fig_begin_[post + 1] - fig_begin_[post], p, n);
}

bool NarrativeClusterer::ProfilesConflict(uint32_t a, uint32_t b) const {
  auto [x, nx] = Profile(a);
  auto [y, ny] = Profile(b);
  return narr::FiguresConflict(x, nx, y, ny);
}

void NarrativeClusterer::MergeProfile(uint32_t into_root, uint32_t from_root) {
  auto [from, nfrom] = Profile(from_root);
  if (nfrom == 0) return;  // the usual case: nothing to add, nothing to free
  auto [into, ninto] = Profile(into_root);
  std::vector<uint64_t> merged(into, into + ninto);
  for (size_t i = 0; i < nfrom && merged.size() < kMaxProfile; ++i) {
    auto at = std::lower_bound(merged.begin(), merged.end(), from[i]);
    if (at == merged.end() || *at != from[i]) merged.insert(at, from[i]);
  }
  if (profile_of_[from_root] != kNoPost) {
    // Its slot is reused for the merged profile when the surviving root has none.
    std::vector<uint64_t>().swap(profiles_[profile_of_[from_root]]);
    if (profile_of_[into_root] == kNoPost) profile_of_[into_root] = profile_of_[from_root];
    profile_of_[from_root] = kNoPost;
  }
  if (merged.size() == ninto && profile_of_[into_root] == kNoPost) return;  // nothing new
  if (profile_of_[into_root] == kNoPost) {
    profile_of_[into_root] = static_cast<uint32_t>(profiles_.size());
    profiles_.emplace_back();
  }
  profiles_[profile_of_[into_root]] = std::move(merged);
}

bool NarrativeClusterer::FiguresConflict(uint32_t a, uint32_t b) const {
  const uint64_t* f = figs_.data();
  return narr::FiguresConflict(f + fig_begin_[a], fig_begin_[a + 1] - fig_begin_[a],
                               f + fig_begin_[b], fig_begin_[b + 1] - fig_begin_[b]);
}

uint32_t NarrativeClusterer::Cluster(uint32_t p) {
  uint32_t root = p;
  while (parent_[root] != root) root = parent_[root];
  while (parent_[p] != root) {  // path compression
    uint32_t next = parent_[p];
    parent_[p] = root;
    p = next;
  }
  return root;
}

void NarrativeClusterer::Union(uint32_t a, uint32_t b) {
  a = Cluster(a);
  b = Cluster(b);
  if (a == b) return;
  // Union by size; on equal sizes the earlier post stays root, so roots do not depend on the
  // order in which candidates were met.
  if (size_[a] < size_[b] || (size_[a] == size_[b] && b < a)) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  if (!figs_.empty()) MergeProfile(a, b);
}

uint32_t* NarrativeClusterer::Slot(uint32_t key) {
  key = key == 0 ? 1 : key;
  size_t mask = table_.size() - 1;
  size_t i = (key * 0x9E3779B1u) & mask;
  while (table_[i].key != 0 && table_[i].key != key) i = (i + 1) & mask;
  if (table_[i].key == 0) {
    table_[i].key = key;
    ++table_used_;
  }
  return &table_[i].post;
}

void NarrativeClusterer::Grow() {
  std::vector<Entry> old;
  old.swap(table_);
  table_.assign(old.size() * 2, Entry{});
  size_t mask = table_.size() - 1;
  for (const Entry& e : old) {
    if (e.key == 0) continue;
    size_t i = (e.key * 0x9E3779B1u) & mask;
    while (table_[i].key != 0) i = (i + 1) & mask;
    table_[i] = e;
  }
}

uint32_t NarrativeClusterer::Add(const Fingerprint& fp) {
  if (fp.minhash.empty()) return NewPost(kNoPost);
  uint32_t sig = static_cast<uint32_t>(sigs_.size() / static_cast<size_t>(num_perm_));
  for (uint32_t v : fp.minhash) sigs_.push_back(static_cast<uint8_t>(v));
  uint32_t me = NewPost(sig, &fp.figures);
  names_memo_.clear();
  for (int b = 0; b < bands_; ++b) {
    uint32_t key = static_cast<uint32_t>(
        XXH3_64bits_withSeed(fp.minhash.data() + static_cast<size_t>(b) * rows_,
                             static_cast<size_t>(rows_) * sizeof(uint32_t), static_cast<uint64_t>(b)));
    if ((table_used_ + 1) * 10 > table_.size() * 7) Grow();
    uint32_t* slot = Slot(key);
    uint32_t other = *slot;
    *slot = me;
    if (other == kNoPost || Cluster(other) == Cluster(me)) continue;
    ++candidates_;
    if (Similarity(me, other) < threshold_) continue;
    ++verified_;
    uint32_t root_other = Cluster(other), root_me = Cluster(me);
    if (!NearRoot(me, root_other) || !NearRoot(other, root_me)) {
      ++root_refused_;
      continue;
    }
    if (!figs_.empty() &&
        (FiguresConflict(me, other) || ProfileConflict(me, root_other) ||
         ProfileConflict(other, root_me) || ProfilesConflict(root_me, root_other))) {
      ++figure_refused_;
      continue;
    }
    if (texts_ != nullptr && NamesConflict(me, other, root_me, root_other)) {
      ++name_refused_;
      continue;
    }
    Union(me, other);
  }
  return me;
}

uint32_t NarrativeClusterer::AddRepost(uint32_t source) {
  uint32_t me = NewPost(kNoPost);
  Union(source, me);
  return me;
}

bool NarrativeClusterer::NearRoot(uint32_t post, uint32_t root) const {
  // A root without a signature (a post too short to fingerprint) anchors nothing.
  if (root_threshold_ <= 0 || post == root || sig_of_[root] == kNoPost) return true;
  return Similarity(post, root) >= root_threshold_;
}

double NarrativeClusterer::Similarity(uint32_t a, uint32_t b) const {
  if (sig_of_[a] == kNoPost || sig_of_[b] == kNoPost) return -1;
  const uint8_t* x = sigs_.data() + static_cast<size_t>(sig_of_[a]) * num_perm_;
  const uint8_t* y = sigs_.data() + static_cast<size_t>(sig_of_[b]) * num_perm_;
  int eq = 0;
  for (int i = 0; i < num_perm_; ++i) eq += x[i] == y[i];
  // Unequal minima agree on their low byte by chance 1 time in 256.
  double f = static_cast<double>(eq) / num_perm_;
  return std::max(0.0, (f - 1.0 / 256) / (1.0 - 1.0 / 256));
}

size_t NarrativeClusterer::MemoryBytes() const {
  size_t profile_keys = 0;
  for (const std::vector<uint64_t>& p : profiles_) profile_keys += p.capacity();
  return parent_.capacity() * 4 + size_.capacity() * 4 + sig_of_.capacity() * 4 +
         sigs_.capacity() + table_.capacity() * sizeof(Entry) + fig_begin_.capacity() * 4 +
         figs_.capacity() * 8 + profile_of_.capacity() * 4 +
         profiles_.capacity() * sizeof(std::vector<uint64_t>) + profile_keys * 8;
}

}  // namespace sluice::narr
