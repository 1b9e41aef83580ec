#include "rumor/claim_registry.h"

#include <algorithm>
#include <mutex>

#include "text/normalizer.h"
#include "text/shingles.h"

namespace sluice::rumor {

ClaimRegistry::ClaimRegistry(RumorConfig config) : config_(std::move(config)) {}

Result<std::unique_ptr<ClaimRegistry>> ClaimRegistry::Open(const std::string& path,
                                                           RumorConfig config) {
  Result<std::unique_ptr<ClaimStore>> store = ClaimStore::Open(path);
  if (!store.ok()) return store.status();
  auto reg = std::make_unique<ClaimRegistry>(std::move(config));
  std::vector<Claim> claims;
  SLUICE_RETURN_IF_ERROR(
      store.value()->ForEach([&](Claim&& c) { claims.push_back(std::move(c)); }));
  SLUICE_RETURN_IF_ERROR(reg->AddLocked(std::move(claims)));
  reg->store_ = std::move(store).value();
  return reg;
}

void DistinctPositions(const text::NormalizedText& norm, size_t k, std::vector<uint32_t>* distinct,
                       std::vector<uint64_t>* char_hashes, std::vector<uint64_t>* sound_hashes) {
  char_hashes->clear();
  sound_hashes->clear();
  distinct->clear();
  text::RollingShingleHashes(norm.chars.data(), norm.size(), k, kCharSeed, char_hashes);
  text::RollingShingleHashes(norm.sounds.data(), norm.size(), k, kSoundSeed, sound_hashes);
  std::vector<uint64_t> seen;
  seen.reserve(char_hashes->size());
  for (uint32_t i = 0; i < char_hashes->size(); ++i) {
    uint64_t h = (*char_hashes)[i];
    if (std::find(seen.begin(), seen.end(), h) != seen.end()) continue;
    seen.push_back(h);
    distinct->push_back(i);
  }
}

void ClaimRegistry::IndexSlot(uint32_t slot,
                              std::vector<std::pair<uint64_t, ClaimIndex::Posting>>* out) {
  thread_local text::NormalizedText norm;
  thread_local std::vector<uint64_t> hashes, anchors, char_hashes, sound_hashes;
  thread_local std::vector<uint32_t> keys, distinct;
  Slot& s = slots_[slot];
  text::Normalize(s.claim.text, &norm);
  s.chars = static_cast<uint32_t>(norm.size());
  s.matchable = false;
  s.positions = 0;
  const size_t k = static_cast<size_t>(config_.shingle_size);
  const size_t ck = static_cast<size_t>(config_.candidate_shingle_size);
  if (norm.size() < static_cast<size_t>(config_.min_claim_chars)) return;
  // Containment counts distinct shingles: "哈哈哈哈哈哈" says one thing, not four. A claim must
  // have as many distinct shingles as the shortest matchable claim could have.
  DistinctPositions(norm, k, &distinct, &char_hashes, &sound_hashes);
  if (distinct.size() + k - 1 < static_cast<size_t>(config_.min_claim_chars)) return;
  s.matchable = true;
  s.positions = static_cast<uint32_t>(distinct.size());
  s.fingerprints = fingerprints_.size();
  text::NormalizeKeys(s.claim.text, &keys);  // one key per token, like norm.chars
  hashes.clear();
  text::RollingShingleHashes(keys.data(), keys.size(), k, kKeyShingleSeed, &hashes);
  for (uint32_t i : distinct) fingerprints_.push_back(Fingerprint(hashes[i]));
  hashes.clear();
  text::RollingShingleHashes(keys.data(), keys.size(), ck, kKeySeed, &hashes);
  anchors.clear();
  text::Winnow(hashes, static_cast<size_t>(config_.candidate_window), &anchors);
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  for (uint64_t h : anchors) out->emplace_back(h, slot);
}

void ClaimRegistry::Rebuild() {
  if (dead_ > 0) {
    std::vector<Slot> kept;
    kept.reserve(live_);
    for (Slot& s : slots_)
      if (s.alive) kept.push_back(std::move(s));
    slots_ = std::move(kept);
    by_id_.clear();
    for (uint32_t i = 0; i < slots_.size(); ++i) by_id_.emplace(slots_[i].claim.id, i);
    dead_ = 0;
  }
  std::vector<std::pair<uint64_t, ClaimIndex::Posting>> postings;
  postings.reserve(slots_.size() * 64);
  fingerprints_.clear();
  matchable_ = 0;
  for (uint32_t i = 0; i < slots_.size(); ++i) {
    IndexSlot(i, &postings);
    matchable_ += slots_[i].matchable;
  }
  index_.Build(&postings);
}

Status ClaimRegistry::Add(std::vector<Claim> claims) {
  std::unique_lock lock(mu_);
  return AddLocked(std::move(claims));
}

Status ClaimRegistry::AddLocked(std::vector<Claim> claims) {
  for (const Claim& c : claims)
    if (c.id.empty()) return Status::InvalidInput("a claim needs a non-empty id");
  if (slots_.size() + claims.size() >= ClaimIndex::kMaxSlots)
    return Status::InvalidInput("too many claims for one registry");
  if (store_) SLUICE_RETURN_IF_ERROR(store_->Put(claims));
  std::vector<uint32_t> added;
  added.reserve(claims.size());
  slots_.reserve(slots_.size() + claims.size());
  by_id_.reserve(by_id_.size() + claims.size());
  for (Claim& c : claims) {
    auto it = by_id_.find(c.id);
    if (it != by_id_.end()) {
      // A replaced claim's old slot dies; the new text gets a new slot.
      Slot& old = slots_[it->second];
      if (old.alive) {
        old.alive = false;
        --live_;
        matchable_ -= old.matchable;
        ++dead_;
        old.claim = Claim{};
      }
    }
    uint32_t slot = static_cast<uint32_t>(slots_.size());
    slots_.push_back(Slot{std::move(c), true, false, 0, 0, 0});
    by_id_[slots_.back().claim.id] = slot;
    added.push_back(slot);
    ++live_;
  }
  // Many new postings, or many dead ones: one bulk build is cheaper than growing the delta.
  size_t frozen = index_.frozen_postings();
  if (added.size() * 64 + index_.delta_postings() > frozen / 4 + 4096 || dead_ > live_) {
    Rebuild();
    return Status::Ok();
  }
  std::vector<std::pair<uint64_t, ClaimIndex::Posting>> postings;
  for (uint32_t slot : added) {
    postings.clear();
    IndexSlot(slot, &postings);
    matchable_ += slots_[slot].matchable;
    for (auto& [key, p] : postings) index_.Add(key, p);
  }
  return Status::Ok();
}

Status ClaimRegistry::Remove(const std::string& id, bool* found) {
  std::unique_lock lock(mu_);
  *found = false;
  if (store_) {
    bool stored;
    SLUICE_RETURN_IF_ERROR(store_->Remove(id, &stored));
  }
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return Status::Ok();
  Slot& s = slots_[it->second];
  *found = s.alive;
  if (s.alive) {
    s.alive = false;
    --live_;
    matchable_ -= s.matchable;
    ++dead_;
    s.claim = Claim{};
  }
  by_id_.erase(it);
  return Status::Ok();
}

std::vector<ClaimInfo> ClaimRegistry::List() const {
  std::shared_lock lock(mu_);
  std::vector<ClaimInfo> out;
  out.reserve(live_);
  for (const Slot& s : slots_)
    if (s.alive) out.push_back(ClaimInfo{s.claim, s.matchable, s.chars});
  std::sort(out.begin(), out.end(),
            [](const ClaimInfo& a, const ClaimInfo& b) { return a.claim.id < b.claim.id; });
  return out;
}

size_t ClaimRegistry::size() const {
  std::shared_lock lock(mu_);
  return live_;
}

size_t ClaimRegistry::matchable() const {
  std::shared_lock lock(mu_);
  return matchable_;
}

ClaimRegistry::Memory ClaimRegistry::MemoryUsage() const {
  std::shared_lock lock(mu_);
  Memory m;
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  m.claims = slots_.capacity() * sizeof(Slot);
  for (const Slot& s : slots_)
    m.claims += heap(s.claim.id) + heap(s.claim.text) + heap(s.claim.source) + heap(s.claim.verdict);
  // Each id-map node holds a string and a slot number, plus a bucket pointer.
  m.claims += by_id_.size() * (sizeof(std::string) + sizeof(uint32_t) + 3 * sizeof(void*));
  for (const auto& [id, slot] : by_id_) m.claims += heap(id);
  m.index = index_.MemoryBytes() + fingerprints_.capacity() * sizeof(uint32_t);
  return m;
}

}  // namespace sluice::rumor
