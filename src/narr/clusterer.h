// Near-duplicate clusters of posts, built one post at a time: the incremental core that the batch
// scan and a stream consumer both call.
//
// Add() takes the next post's fingerprint: LSH over the MinHash signature (bands × rows) proposes
// earlier posts that shared a band; each candidate is verified by the similarity estimated from
// the two signatures; a verified pair is merged with union-find. A post without a signature (too
// short) opens its own cluster; AddRepost() puts a repost in its source's cluster.
//
// Memory is bounded per post: the signature kept as num_perm one-byte values (b-bit MinHash with
// b = 8, its collision rate of 1/256 corrected in the estimate), a union-find parent and size,
// and at most `bands` slots of the band table, which remembers for every band value only the
// latest post that had it. No text is kept. With split_on_figures, the figure keys of a post
// (FigureKeys: usually none, at most kMaxFigures) are kept too, with each cluster's figure
// profile (the figures its members state), and a verified pair is still left apart when the two
// posts, or either and the other's cluster, or the two clusters, state different figures in the
// same place. With split_on_names and a TextSource, a verified pair is also left apart when the
// two posts, or either and the other's cluster root, or the two roots, name different things in
// the same place (NamesDiffer); the texts are read from the caller, not kept.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "narr/fingerprint.h"
#include "narr/name_swap.h"
#include "narr/narr_config.h"

namespace sluice::narr {

inline constexpr uint32_t kNoPost = UINT32_MAX;

// The normalized text of an original post, by its clusterer index, for split_on_names: the
// clusterer keeps no text, so whoever feeds it (the batch scan: the world's posts) reads it back.
class TextSource {
 public:
  virtual ~TextSource() = default;
  // Fills *out with the post's tokens (text::NormalizeTokens); empty when it has no text.
  virtual void Tokens(uint32_t post, NameTokens* out) const = 0;
};

class NarrativeClusterer {
 public:
  // `texts` may be null: then names never split (as with split_on_names false).
  // REQUIRES: texts, when set, outlives the clusterer and answers for every index Add returned.
  explicit NarrativeClusterer(const NarrConfig& config, const TextSource* texts = nullptr);

  // Adds an original post; returns its index (0, 1, 2, … in the order of Add calls).
  // REQUIRES: fp.minhash is empty or holds config.num_perm values.
  uint32_t Add(const Fingerprint& fp);
  // Adds a repost of the post with index `source`, in that post's cluster.
  // REQUIRES: source < size().
  uint32_t AddRepost(uint32_t source);

  // The cluster of a post: the index of its cluster's root post. Clusters only grow and merge,
  // so the root of a post may change after later Add calls.
  uint32_t Cluster(uint32_t post);
  // Posts in the cluster of `post`.
  uint32_t ClusterSize(uint32_t post) { return size_[Cluster(post)]; }
  // Estimated Jaccard similarity of two posts' shingle sets; -1 when either has no signature.
  double Similarity(uint32_t a, uint32_t b) const;
  bool HasSignature(uint32_t post) const { return sig_of_[post] != kNoPost; }
  uint32_t size() const { return static_cast<uint32_t>(parent_.size()); }
  uint64_t verified_pairs() const { return verified_; }
  uint64_t candidate_pairs() const { return candidates_; }
  // Verified pairs left apart because one side was too far from the other's cluster root.
  uint64_t root_refused_pairs() const { return root_refused_; }
  // Verified pairs left apart because they state different figures (split_on_figures).
  uint64_t figure_refused_pairs() const { return figure_refused_; }
  // Verified pairs left apart because they name different things (split_on_names).
  uint64_t name_refused_pairs() const { return name_refused_; }
  // Whether two posts state different figures in the same place (FiguresConflict).
  bool FiguresConflict(uint32_t a, uint32_t b) const;
  size_t MemoryBytes() const;

 private:
  uint32_t NewPost(uint32_t sig, const std::vector<uint64_t>* figures = nullptr);
  void Union(uint32_t a, uint32_t b);
  // The band table: open addressing from a 32-bit band key to the latest post with it.
  uint32_t* Slot(uint32_t key);
  void Grow();
  // Whether `post` may join the cluster rooted at `root` (root_similarity).
  bool NearRoot(uint32_t post, uint32_t root) const;
  // Whether me and other, me and other's root, other and my root, or the two roots name
  // different things (NamesDiffer). Roots without a signature are not compared.
  bool NamesConflict(uint32_t me, uint32_t other, uint32_t root_me, uint32_t root_other);
  const NameTokens& TokensOf(uint32_t post);

  int num_perm_, bands_, rows_;
  double threshold_;
  double root_threshold_;
  std::vector<uint32_t> parent_, size_, sig_of_;
  std::vector<uint8_t> sigs_;
  // Figure keys of post i: figs_[fig_begin_[i], fig_begin_[i + 1]).
  std::vector<uint32_t> fig_begin_{0};
  std::vector<uint64_t> figs_;
  // A cluster's figure profile: the figure keys its members state, at most kMaxProfile. One
  // member's keys would not do: the root may be a partial copy without figures, or a 諧音 copy
  // whose figure sits between other characters. At a root, profile_of_ indexes profiles_;
  // kNoPost means the root's own keys (every single post), so only merged clusters that gained
  // keys hold a list.
  static constexpr size_t kMaxProfile = 16;
  std::vector<uint32_t> profile_of_;
  std::vector<std::vector<uint64_t>> profiles_;
  std::pair<const uint64_t*, size_t> Profile(uint32_t root) const;
  void MergeProfile(uint32_t into_root, uint32_t from_root);
  // Whether `post` states other figures than the cluster rooted at `root`, or two clusters do.
  bool ProfileConflict(uint32_t post, uint32_t root) const;
  bool ProfilesConflict(uint32_t root_a, uint32_t root_b) const;
  struct Entry {
    uint32_t key = 0, post = kNoPost;
  };
  std::vector<Entry> table_;
  size_t table_used_ = 0;
  uint64_t verified_ = 0, candidates_ = 0, root_refused_ = 0, figure_refused_ = 0,
           name_refused_ = 0;
  const TextSource* texts_;
  // The last few posts' tokens: one Add compares the same post and roots again and again.
  static constexpr size_t kTokenCache = 4;
  struct CachedTokens {
    uint32_t post = kNoPost;
    uint64_t used = 0;
    NameTokens tokens;
  };
  CachedTokens cache_[kTokenCache];
  uint64_t cache_clock_ = 0;
  // The answers of NamesDiffer within the current Add: a post meets the same cluster through
  // several bands, and its comparisons with that cluster's root repeat (a pure function of two
  // texts, so remembering it changes nothing but the time).
  struct NamesAnswer {
    uint32_t a, b;
    bool differ;
  };
  std::vector<NamesAnswer> names_memo_;
};

}  // namespace sluice::narr
