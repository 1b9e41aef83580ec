#include "rumor/matcher.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "text/normalization.h"
#include "text/normalizer.h"
#include "text/shingles.h"

namespace sluice::rumor {

using text::NormalizedText;

struct Matcher::Scratch {
  NormalizedText post, claim;           // in full, for posts with a candidate
  std::vector<uint64_t> post_hash[2];       // the post's shingles for containment (rolling)
  std::vector<uint32_t> keys;               // the post's candidate channel
  std::vector<uint64_t> anchors;            // winnowed long shingles of the keys
  FingerprintSet post_set;                  // fingerprints of the post's key shingles
  std::vector<uint64_t> claim_hash[2];
  PositionMap claim_positions[2];           // claim shingle hash -> its positions
  std::vector<uint64_t> long_hash;          // shingles before winnowing
  std::vector<uint8_t> seen;      // per slot: already a candidate of this post
  std::vector<uint32_t> touched;  // slots seen
  std::vector<uint32_t> candidates;
  std::vector<uint32_t> distinct; // the claim's distinct shingle positions
  std::vector<uint8_t> hit;       // per claim position: bit 0 character, bit 1 sound
  std::vector<uint8_t> covered;   // per post token
  std::vector<std::pair<uint32_t, uint32_t>> aligned;  // (claim position, post position)
  std::vector<std::pair<uint16_t, char32_t>> claim_drops;
  std::vector<std::pair<size_t, size_t>> runs, kept;
  std::vector<size_t> covered_in;
};

Matcher::Matcher(const ClaimRegistry& registry)
    : registry_(registry), config_(registry.config()) {
  NormalizedText n;
  for (const auto& [cue, weight] : config_.debunk_cues) {
    text::Normalize(cue, &n);
    if (n.chars.empty()) continue;
    cues_.push_back(CueTokens{cue, n.chars, weight});
    cue_first_bits_ |= uint64_t{1} << ((n.chars[0] * 0x9E3779B1u) >> 26);
  }
  for (const std::string& phrase : config_.debunk_exceptions) {
    text::Normalize(phrase, &n);
    if (!n.chars.empty()) exceptions_.push_back(n.chars);
  }
}

void Matcher::PositionMap::Build(const std::vector<uint64_t>& hashes) {
  size_t cap = 16;
  while (cap < hashes.size() * 2) cap <<= 1;
  head.assign(cap, 0);
  next.assign(hashes.size(), 0);
  mask = cap - 1;
  // Positions are inserted last to first so each chain lists them in increasing order.
  for (size_t i = hashes.size(); i-- > 0;) {
    size_t b = hashes[i] & mask;
    while (head[b] != 0 && hashes[head[b] - 1] != hashes[i]) b = (b + 1) & mask;
    next[i] = head[b];
    head[b] = static_cast<uint32_t>(i + 1);
  }
}

Matcher::Scratch& Matcher::ThreadScratch() {
  static thread_local Scratch s;
  return s;
}

namespace {

// Position of `needle` in haystack[lo, hi), or -1.
long Find(const std::vector<uint32_t>& haystack, size_t lo, size_t hi,
          const std::vector<uint32_t>& needle) {
  if (needle.empty() || hi < lo + needle.size()) return -1;
  auto it = std::search(haystack.begin() + static_cast<long>(lo),
                        haystack.begin() + static_cast<long>(hi), needle.begin(), needle.end());
  return it == haystack.begin() + static_cast<long>(hi) ? -1 : it - haystack.begin();
}

}  // namespace

void Matcher::FingerprintSet::Build(const std::vector<uint64_t>& hashes) {
  size_t cap = 64;
  while (cap < hashes.size() * 2) cap <<= 1;
  slots.assign(cap, 0);
  shift = 32 - static_cast<uint32_t>(__builtin_ctzll(cap));
  for (uint64_t h : hashes) {
    uint32_t fp = ClaimRegistry::Fingerprint(h);
    for (size_t i = Home(fp);; i = (i + 1) & (cap - 1)) {
      if (slots[i] == fp) break;
      if (slots[i] == 0) {
        slots[i] = fp;
        break;
      }
    }
  }
}

std::vector<ClaimMatch> Matcher::Match(std::string_view text, UnixSeconds time) const {
  Scratch& s = ThreadScratch();
  std::vector<ClaimMatch> out;
  text::NormalizeKeys(text, &s.keys);
  const size_t k = static_cast<size_t>(config_.shingle_size);
  const size_t ck = static_cast<size_t>(config_.candidate_shingle_size);
  // A claim has at least min_claim_chars >= ck tokens: a shorter post cannot contain one.
  if (s.keys.size() < ck) return out;
  s.long_hash.clear();
  text::RollingShingleHashes(s.keys.data(), s.keys.size(), ck, kKeySeed, &s.long_hash);
  s.anchors.clear();
  text::Winnow(s.long_hash, static_cast<size_t>(config_.candidate_window), &s.anchors);

  std::shared_lock lock(registry_.mu_);
  const ClaimIndex& index = registry_.index_;
  const auto& slots = registry_.slots_;
  if (s.seen.size() < slots.size()) s.seen.resize(slots.size(), 0);
  uint8_t* seen = s.seen.data();
  s.touched.clear();
  // Candidates: claims sharing an anchor with the post. Most anchors of a post are in no claim:
  // the in-cache filter answers those, and the table in main memory is read only for the rest,
  // all fetched before any is read so the memory system works on them at once.
  for (uint64_t h : s.anchors) index.PrefetchFilter(h);
  s.anchors.erase(std::remove_if(s.anchors.begin(), s.anchors.end(),
                                 [&](uint64_t h) { return !index.MayContain(h); }),
                  s.anchors.end());
  for (uint64_t h : s.anchors) index.Prefetch(h);
  for (uint64_t h : s.anchors) {
    index.ForEach(h, [&](ClaimIndex::Posting slot) {
      if (!seen[slot]) s.touched.push_back(slot);
      seen[slot] = 1;
    });
  }
  s.candidates.clear();
  for (uint32_t slot : s.touched) {
    seen[slot] = 0;
    if (slots[slot].alive && slots[slot].matchable) s.candidates.push_back(slot);
  }
  if (s.candidates.empty()) return out;
  // Containment of the claim's key shingles rules out most candidates before the full check.
  s.long_hash.clear();
  text::RollingShingleHashes(s.keys.data(), s.keys.size(), k, kKeyShingleSeed, &s.long_hash);
  s.post_set.Build(s.long_hash);
  // The key channel merges a little less than the two channels together where a 諧音 swap
  // touches a 形近字 group: leave a margin.
  const double prefilter = 0.8 * config_.partial_min_containment;
  bool normalized = false;
  for (uint32_t slot : s.candidates) {
    const ClaimRegistry::Slot& sl = slots[slot];
    const uint32_t* fp = registry_.fingerprints_.data() + sl.fingerprints;
    uint32_t found = 0;
    for (uint32_t i = 0; i < sl.positions; ++i) found += s.post_set.Has(fp[i]);
    if (found < prefilter * sl.positions) continue;
    if (!normalized) {
      // The full form (origins, flags) and its shingles, for the few posts that get this far.
      text::Normalize(text, &s.post);
      for (uint32_t ch = 0; ch < 2; ++ch) {
        const std::vector<uint32_t>& tokens = ch == 0 ? s.post.chars : s.post.sounds;
        s.post_hash[ch].clear();
        text::RollingShingleHashes(tokens.data(), tokens.size(), k,
                                   ch == 0 ? kCharSeed : kSoundSeed, &s.post_hash[ch]);
      }
      normalized = true;
    }
    ClaimMatch m;
    if (!Verify(slot, s, &m)) continue;
    int64_t published = sl.claim.published;
    if (time != 0 && published != 0)
      m.time_distance = static_cast<uint64_t>(time > published ? time - published : published - time);
    out.push_back(std::move(m));
  }
  lock.unlock();
  std::sort(out.begin(), out.end(), [](const ClaimMatch& a, const ClaimMatch& b) {
    if (a.flagged != b.flagged) return a.flagged;
    if (a.score != b.score) return a.score > b.score;
    if (a.literal != b.literal) return a.literal > b.literal;
    if (a.time_distance != b.time_distance) return a.time_distance < b.time_distance;
    return a.claim_id < b.claim_id;
  });
  return out;
}

bool Matcher::Verify(uint32_t slot, Scratch& s, ClaimMatch* out) const {
  const ClaimRegistry::Slot& sl = registry_.slots_[slot];
  const size_t k = static_cast<size_t>(config_.shingle_size);
  NormalizedText& post = s.post;
  NormalizedText& claim = s.claim;
  text::Normalize(sl.claim.text, &claim);
  const size_t m = claim.size(), n = post.size();
  if (m < k || n < k) return false;
  const size_t positions = m - k + 1;
  DistinctPositions(claim, k, &s.distinct, &s.claim_hash[0], &s.claim_hash[1]);
  if (s.distinct.empty()) return false;
  for (uint32_t ch = 0; ch < 2; ++ch) s.claim_positions[ch].Build(s.claim_hash[ch]);
  s.hit.assign(positions, 0);
  s.covered.assign(n, 0);
  s.aligned.clear();
  for (size_t j = 0; j + k <= n; ++j) {
    bool any = false;
    for (uint32_t ch = 0; ch < 2; ++ch) {
      s.claim_positions[ch].ForEach(s.post_hash[ch][j], s.claim_hash[ch], [&](uint32_t i) {
        s.hit[i] |= static_cast<uint8_t>(1u << ch);
        // Bit 2: copied exactly as the claim writes it (before normalization).
        if (!(s.hit[i] & 4) &&
            std::equal(post.source.begin() + static_cast<long>(j),
                       post.source.begin() + static_cast<long>(j + k),
                       claim.source.begin() + static_cast<long>(i)))
          s.hit[i] |= 4;
        if (!any) s.aligned.emplace_back(i, static_cast<uint32_t>(j));
        any = true;
      });
    }
    if (any) std::fill(s.covered.begin() + static_cast<long>(j),
                       s.covered.begin() + static_cast<long>(j + k), 1);
  }
  // Containment over the claim's distinct shingles (a repeated one is found or not with its
  // first occurrence).
  size_t hit_chars = 0, hit_sounds = 0, hit_any = 0, literal = 0;
  for (uint32_t i : s.distinct) {
    uint8_t h = s.hit[i];
    hit_chars += h & 1;
    hit_sounds += (h >> 1) & 1;
    literal += (h >> 2) & 1;
    hit_any += (h & 3) != 0;
  }
  const double distinct = static_cast<double>(s.distinct.size());
  // Among claims a post matches equally well after normalization (one claim in two scripts, or
  // two claims that differ only where the post did not copy), the literal copy ranks first.
  out->literal = static_cast<double>(literal) / distinct;
  out->containment = static_cast<double>(hit_any) / distinct;
  out->char_containment = static_cast<double>(hit_chars) / distinct;
  out->sound_containment = static_cast<double>(hit_sounds) / distinct;
  uint32_t run = 0;
  for (size_t i = 0; i < n; ++i) {
    run = s.covered[i] ? run + 1 : 0;
    out->longest_run = std::max(out->longest_run, run);
  }
  bool full = out->containment >= config_.min_containment;
  bool partial = !full && out->containment >= config_.partial_min_containment &&
                 out->longest_run >= static_cast<uint32_t>(config_.partial_min_run);
  if (!full && !partial) return false;
  out->partial = partial;
  out->claim_id = sl.claim.id;
  out->claim_chars = static_cast<uint32_t>(m);

  // Spans: covered runs, bridging gaps of up to k tokens (one swapped character breaks k
  // shingles but leaves the copy whole). Stray runs shorter than min(2k, m) are left out unless
  // they are the longest.
  std::vector<std::pair<size_t, size_t>>& runs = s.runs;  // token ranges [a, b)
  std::vector<size_t>& covered_in = s.covered_in;          // covered tokens in each
  runs.clear();
  covered_in.clear();
  for (size_t i = 0; i < n;) {
    if (!s.covered[i]) { ++i; continue; }
    size_t a = i, cov = 0, last = i;
    while (i < n && (s.covered[i] || i - last <= k)) {
      if (s.covered[i]) last = i, ++cov;
      ++i;
    }
    runs.emplace_back(a, last + 1);
    covered_in.push_back(cov);
  }
  size_t best = 0;
  for (size_t r = 1; r < runs.size(); ++r)
    if (covered_in[r] > covered_in[best]) best = r;
  size_t min_cov = std::min(2 * k, m);
  size_t first_token = n, last_token = 0, span_tokens = 0;
  std::vector<std::pair<size_t, size_t>>& kept = s.kept;
  kept.clear();
  for (size_t r = 0; r < runs.size(); ++r) {
    if (r != best && covered_in[r] < min_cov) continue;
    kept.push_back(runs[r]);
    auto [b, e] = post.OriginSpan(runs[r].first, runs[r].second);
    out->spans.push_back(Span{b, e});
    first_token = std::min(first_token, runs[r].first);
    last_token = std::max(last_token, runs[r].second);
    span_tokens += runs[r].second - runs[r].first;
  }
  out->post_coverage = static_cast<double>(span_tokens) / n;

  // Normalizations the match needed: where aligned tokens differ in what was written.
  uint16_t needed = 0;
  for (auto [i, j] : s.aligned) {
    for (size_t d = 0; d < k; ++d) {
      size_t a = j + d, b = i + d;
      if (post.source[a] == claim.source[b]) continue;
      if (post.chars[a] == claim.chars[b]) {
        uint16_t x = post.flags[a] & static_cast<uint16_t>(~claim.flags[b]);
        needed |= x ? x : post.flags[a];
      } else if (post.sounds[a] == claim.sounds[b]) {
        needed |= text::kHomophone;
      }
    }
  }
  // Removed code points inside the matched text that the claim does not have.
  s.claim_drops.clear();
  if (m > 0) {
    uint32_t lo = claim.origin.front(), hi = claim.origin.back();
    for (size_t d = 0; d < claim.dropped_origin.size(); ++d)
      if (claim.dropped_origin[d] > lo && claim.dropped_origin[d] < hi)
        s.claim_drops.emplace_back(claim.dropped_flags[d], claim.dropped_source[d]);
  }
  for (auto [a, b] : kept) {
    uint32_t lo = post.origin[a], hi = post.origin[b - 1];
    for (size_t d = 0; d < post.dropped_origin.size(); ++d) {
      uint32_t o = post.dropped_origin[d];
      if (o <= lo || o >= hi) continue;
      char32_t cp = post.dropped_source[d];
      auto it = std::find_if(s.claim_drops.begin(), s.claim_drops.end(),
                             [&](const auto& x) { return x.second == cp; });
      if (it != s.claim_drops.end()) {
        s.claim_drops.erase(it);
        continue;
      }
      uint16_t f = post.dropped_flags[d];
      needed |= (f & text::kDropKinds) ? (f & text::kDropKinds) : f;
    }
  }
  out->normalizations = needed;

  FindDebunkCues(s, claim.chars, first_token, last_token, out);
  // Either rule is a detection: the weight grows from half to all of claim_match_weight with
  // containment, so a debunking cue can outweigh a weak partial copy before a full one.
  out->match_weight = config_.claim_match_weight * (0.5 + 0.5 * out->containment);
  out->score = out->match_weight + out->debunk_weight;
  out->flagged = out->score >= config_.threshold;
  return true;
}

bool Matcher::InException(const std::vector<uint32_t>& tokens, size_t at, size_t len) const {
  for (const std::vector<uint32_t>& ex : exceptions_) {
    // The occurrences that start in [at + len - |ex|, at] are exactly those covering the cue.
    size_t lo = at + len > ex.size() ? at + len - ex.size() : 0;
    long found = Find(tokens, lo, std::min(tokens.size(), at + ex.size()), ex);
    if (found >= 0 && static_cast<size_t>(found) <= at &&
        static_cast<size_t>(found) + ex.size() >= at + len)
      return true;
  }
  return false;
}

void Matcher::FindDebunkCues(Scratch& s, const std::vector<uint32_t>& claim_chars,
                             size_t first_token, size_t last_token, ClaimMatch* m) const {
  const NormalizedText& post = s.post;
  size_t w = static_cast<size_t>(config_.debunk_window);
  size_t lo = first_token > w ? first_token - w : 0;
  size_t hi = std::min(post.size(), last_token + w);
  // A cue the claim itself contains ("...是谣言吗") says nothing about this post's stance.
  // One bit per cue: the configuration allows at most 64.
  uint64_t in_claim = 0, found = 0;
  ScanCues(claim_chars, 0, claim_chars.size(),
           [&](size_t c, size_t) { in_claim |= uint64_t{1} << c; });
  ScanCues(post.chars, lo, hi, [&](size_t c, size_t at) {
    uint64_t bit = uint64_t{1} << c;
    if ((in_claim | found) & bit) return;
    if (InException(post.chars, at, cues_[c].tokens.size())) return;
    found |= bit;
    auto [b, e] = post.OriginSpan(at, at + cues_[c].tokens.size());
    m->debunk.push_back(DebunkCue{cues_[c].cue, Span{b, e}, cues_[c].weight});
    m->debunk_weight += cues_[c].weight;
  });
  // Report cues in configuration order, whatever their order in the post.
  std::stable_sort(m->debunk.begin(), m->debunk.end(), [&](const DebunkCue& a, const DebunkCue& b) {
    auto index = [&](const DebunkCue& d) {
      for (size_t c = 0; c < cues_.size(); ++c)
        if (cues_[c].cue == d.cue) return c;
      return cues_.size();
    };
    return index(a) < index(b);
  });
}

}  // namespace sluice::rumor
