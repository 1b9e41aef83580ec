// The one-post API of rumor matching: takes one post's text, returns the claims it spreads, each
// with the evidence that made it match. The batch scan, the HTTP service and stream workers all
// call Matcher::Match.
//
// Per post: normalize (text/normalizer.h) → shingles on the character and sound channels →
// count, through the inverted index, how many of each claim's shingles the post holds →
// verify each candidate exactly: the share of the claim's shingle positions found in the post
// (containment, so a claim quoted in a long post is found and a short post does not match a long
// claim), the longest copied run, the matched spans in the original post, and which
// normalizations the match needed → look for debunking cues around the matched text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "rumor/claim_registry.h"

namespace sluice::rumor {

// A half-open range of code points in the original post.
struct Span {
  uint32_t begin = 0, end = 0;
  bool operator==(const Span&) const = default;
};

struct DebunkCue {
  std::string cue;  // the configured cue word, as written in the configuration
  Span span;        // where it is in the post
  double weight = 0;
};

struct ClaimMatch {
  std::string claim_id;
  double containment = 0;        // share of the claim's shingles found, on either channel
  double char_containment = 0;   // on the character channel alone
  double sound_containment = 0;  // on the sound channel alone
  double literal = 0;            // share of the claim's positions copied as written, unnormalized
  uint32_t longest_run = 0;      // longest run of consecutive post tokens copied from the claim
  uint32_t claim_chars = 0;      // the claim's normalized length in tokens
  double post_coverage = 0;      // share of the post's tokens inside the matched spans
  bool partial = false;          // accepted by the partial-copy rule only
  std::vector<Span> spans;       // matched text in the original post, in order
  uint16_t normalizations = 0;   // text::Normalization bits the match needed
  std::vector<DebunkCue> debunk; // cues found around the matched text
  double match_weight = 0;       // weight of the rumor.claim_match signal
  double debunk_weight = 0;      // weight of the rumor.debunk_context signal (<= 0)
  double score = 0;              // sum of the signal weights
  bool flagged = false;          // score >= threshold
  // Seconds between the post and the claim's debunk, when both times are known: claims circulate
  // around the time they are debunked, so among equally good matches the nearest ranks first.
  uint64_t time_distance = UINT64_MAX;
};

class Matcher {
 public:
  // REQUIRES: `registry` outlives the matcher.
  explicit Matcher(const ClaimRegistry& registry);

  // Every claim the post matches: flagged ones first, then by score (highest first), then by
  // literal similarity, then by time_distance, then by claim id. `time` is when the post was
  // made (Unix seconds; 0 when unknown). Thread-safe; each thread keeps its own scratch buffers.
  std::vector<ClaimMatch> Match(std::string_view text, UnixSeconds time = 0) const;

 private:
  struct CueTokens {
    std::string cue;
    std::vector<uint32_t> tokens;
    double weight;
  };
  // A small open-addressing set of a post's shingle fingerprints (0 = empty).
  struct FingerprintSet {
    std::vector<uint32_t> slots;
    uint32_t shift = 26;
    void Build(const std::vector<uint64_t>& hashes);
    size_t Home(uint32_t fp) const { return (fp * 0x9E3779B1u) >> shift; }
    bool Has(uint32_t fp) const {
      for (size_t i = Home(fp);; i = (i + 1) & (slots.size() - 1)) {
        if (slots[i] == fp) return true;
        if (slots[i] == 0) return false;
      }
    }
  };
  // The positions of each shingle hash of a claim: a hash table of chains, 1-based (0 = none).
  struct PositionMap {
    std::vector<uint32_t> head, next;
    size_t mask = 0;
    void Build(const std::vector<uint64_t>& hashes);
    // Calls f(position) for every position whose hash is `h`, in increasing order.
    template <typename F>
    void ForEach(uint64_t h, const std::vector<uint64_t>& hashes, F&& f) const {
      for (size_t b = h & mask; head[b] != 0; b = (b + 1) & mask) {
        if (hashes[head[b] - 1] != h) continue;
        for (uint32_t p = head[b]; p != 0; p = next[p - 1]) f(p - 1);
        return;
      }
    }
  };
  struct Scratch;
  static Scratch& ThreadScratch();
  bool Verify(uint32_t slot, Scratch& s, ClaimMatch* out) const;
  // Calls f(cue index, position) for every occurrence of a cue in tokens[lo, hi).
  template <typename F>
  void ScanCues(const std::vector<uint32_t>& tokens, size_t lo, size_t hi, F&& f) const {
    for (size_t at = lo; at < hi; ++at) {
      uint32_t t = tokens[at];
      if (!((cue_first_bits_ >> ((t * 0x9E3779B1u) >> 26)) & 1)) continue;
      for (size_t c = 0; c < cues_.size(); ++c) {
        const std::vector<uint32_t>& cue = cues_[c].tokens;
        if (cue[0] == t && at + cue.size() <= hi &&
            std::equal(cue.begin() + 1, cue.end(), tokens.begin() + static_cast<long>(at) + 1))
          f(c, at);
      }
    }
  }
  // Whether tokens[at, at + len) lies inside an occurrence of a debunk exception.
  bool InException(const std::vector<uint32_t>& tokens, size_t at, size_t len) const;
  void FindDebunkCues(Scratch& s, const std::vector<uint32_t>& claim_chars, size_t first_token,
                      size_t last_token, ClaimMatch* m) const;

  const ClaimRegistry& registry_;
  const RumorConfig& config_;
  std::vector<CueTokens> cues_;
  uint64_t cue_first_bits_ = 0;  // a bit per hashed first token of any cue
  std::vector<std::vector<uint32_t>> exceptions_;
};

}  // namespace sluice::rumor
