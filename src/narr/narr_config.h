// Settings of narrative discovery (clusters, bursts, cascades, copy-paste campaigns). Defaults are
// compiled in (the same values as config/narr.json); a JSON file may override any of them. Every
// key is documented in docs/narratives.md.
#pragma once

#include <string>

#include "core/status.h"

namespace sluice::narr {

struct NarrConfig {
  // Fingerprints: character-channel shingles of this many tokens, MinHash with num_perm
  // permutations; LSH with `bands` bands of `rows` rows (bands × rows <= num_perm).
  int shingle_size = 3;
  int num_perm = 64;
  int bands = 21;
  int rows = 3;
  uint64_t seed = 0x6e617272;
  // Originals with fewer normalized tokens are not fingerprinted: they stay alone.
  int min_tokens = 6;
  // Two posts are near-duplicates when their estimated Jaccard similarity reaches this.
  double similarity = 0.5;
  // ... and a post joins (or joins its cluster with) another cluster only when it is at least
  // this similar to that cluster's root post too: near-duplicate pairs chain, and without an
  // anchor templated everyday posts chain into clusters of hundreds of thousands. 0 turns it off.
  double root_similarity = 0.2;
  // ... and neither side states a different figure in the same place as the other, or as the
  // other cluster's root: a digit run between the same two characters ("已有369人" against
  // "已有788人"). Rumors rendered from one template differ in little more than their city and
  // figures; they are different claims with different originators. false turns it off.
  bool split_on_figures = true;
  // ... and neither side names a different thing in the same place as the other, or as the other
  // cluster's root (NamesDiffer in narr/name_swap.h): the same template retold about another city
  // ("…昆明已有35人" against "…烟台已有35人") when the figures agree. A swap that keeps the sound
  // (諧音) or that the normalizer folds (形近字, traditional script) is the same story. Needs
  // the posts' texts (the batch scan has them). false turns it off.
  bool split_on_names = true;

  // A cluster is written to clusters.jsonl when it has at least min_posts member posts and
  // original posts from at least min_accounts distinct accounts; at most max_clusters are kept.
  int min_posts = 5;
  int min_accounts = 2;
  int max_clusters = 20000;

  // Bursts: hourly rate z-score of the cluster's platform-adjusted counts against its own
  // preceding baseline_hours.
  int baseline_hours = 24;
  // Ranking: priority = w_burst·log(1+burst) + w_reach·log(1+accounts+downstream accounts)
  //                     + w_engagement·log(1+engagements) + w_suspicious·suspicious_share.
  double w_burst = 2.0;
  double w_reach = 0.5;
  double w_engagement = 0.25;
  double w_suspicious = 4.0;

  // Copy-paste campaigns: a post is copy-paste when at least copy_paste_accounts distinct
  // accounts (itself included) posted text with similarity >= copy_paste_similarity to it
  // within ± copy_paste_window_s of it, in its cluster, and those accounts are at least
  // copy_paste_exclusive of the accounts posting such text within ± copy_paste_context_s (a
  // template that many people write all day long is no campaign; a campaign is a burst of one
  // text). Verified accounts (news outlets syndicating a wire story) neither count nor get
  // flagged when exclude_verified is set. When the scan knows which accounts have water_army
  // findings and copy_paste_require_suspicious is set, only their posts are flagged: templated
  // hot-event chatter is as similar and as bursty as a campaign's short texts, and only the
  // accounts behind it tell them apart.
  int copy_paste_window_s = 1800;
  int copy_paste_context_s = 43200;
  double copy_paste_exclusive = 0.2;
  int copy_paste_accounts = 5;
  bool copy_paste_require_suspicious = true;
  double copy_paste_similarity = 0.4;
  int copy_paste_min_tokens = 10;
  bool exclude_verified = true;
  // Weight of the narrative.copy_paste_cluster signal (the finding's score; as in config/scoring.json).
  double w_copy_paste = 6.0;
};

// Parses a configuration file's contents. `name` is used in errors, which name the key and the
// reason ("config/narr.json: 'similarity' must be a number between 0 and 1").
Result<NarrConfig> ParseNarrConfig(std::string_view json, const std::string& name);

// Reads and parses the file at `path`.
Result<NarrConfig> LoadNarrConfig(const std::string& path);

}  // namespace sluice::narr
