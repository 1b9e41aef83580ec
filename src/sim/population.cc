#include "sim/population.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace sluice::sim {
namespace {

enum HashTag : uint64_t {
  kTagScript = 1, kTagHomeIp, kTagMobileIp, kTagDevice, kTagName, kTagCreated, kTagFollowing,
  kTagNoise, kTagGroupCreated, kTagId, kTagHomeUser
};

uint64_t ModInverse(uint64_t a, uint64_t n) {
  // Extended Euclid on signed 128-bit to keep intermediate products exact.
  __int128 t = 0, new_t = 1, r = n, new_r = a;
  while (new_r != 0) {
    __int128 q = r / new_r;
    __int128 tmp = t - q * new_t;
    t = new_t;
    new_t = tmp;
    tmp = r - q * new_r;
    r = new_r;
    new_r = tmp;
  }
  if (t < 0) t += n;
  return static_cast<uint64_t>(t);
}

void PickPermutation(Rng& rng, uint64_t n, uint64_t* a, uint64_t* b) {
  if (n <= 1) {
    *a = 1;
    *b = 0;
    return;
  }
  uint64_t x = 1 + rng.Below(n - 1);
  while (std::gcd(x, n) != 1) x = x % (n - 1) + 1;
  *a = x;
  *b = rng.Below(n);
}

uint64_t MulMod(uint64_t a, uint64_t b, uint64_t n) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(a) * b % n);
}

// A keyed bijection of 32-bit values: every step (xor-shift, odd multiply, key xor) is invertible.
uint32_t Mix32(uint32_t x, uint32_t key) {
  x ^= key;
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

constexpr uint8_t kFirstOctets[] = {36,  39,  42,  58,  59,  60,  61,  101, 106, 110, 111, 112,
                                    113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124,
                                    125, 175, 180, 182, 183, 202, 203, 210, 211, 218, 219, 220,
                                    221, 222, 223};

void AppendUint(uint64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

void AppendIpFromHash(uint64_t h, std::string* out) {
  AppendUint(kFirstOctets[h % sizeof kFirstOctets], out);
  out->push_back('.');
  AppendUint((h >> 8) & 255, out);
  out->push_back('.');
  AppendUint((h >> 16) & 255, out);
  out->push_back('.');
  AppendUint(1 + (h >> 24) % 254, out);
}

void AppendHex(uint64_t h, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = 60; i >= 0; i -= 4) out->push_back(kHex[(h >> i) & 15]);
}

}  // namespace

Population::Population(const SimParams& p, uint64_t seed) : p_(p), seed_(seed) {
  size_ = static_cast<uint32_t>(p.accounts);
  organic_ = static_cast<uint32_t>(p.accounts - InjectedAccounts(p));
  uint32_t next = 0;
  auto add = [&](Role role, int64_t count, auto size_of) {
    for (int64_t i = 0; i < count; ++i) {
      Group g;
      g.role = role;
      g.index = static_cast<uint32_t>(i);
      g.first = next;
      g.size = static_cast<uint32_t>(size_of(i));
      next += g.size;
      groups_.push_back(g);
    }
  };
  auto fixed = [](int64_t size) { return [size](int64_t) { return size; }; };
  add(Role::kFamily, p.family_groups, [&p](int64_t g) { return FamilySize(p, g); });
  add(Role::kCampus, p.campus_groups, fixed(p.campus_size));
  add(Role::kFan, p.fan_groups, fixed(p.fans_per_group));
  if (p.news_accounts > 0) add(Role::kNews, 1, fixed(p.news_accounts));
  next = organic_;
  add(Role::kFakeEngagement, p.fake_engagement_groups, fixed(p.fake_engagement_accounts));
  add(Role::kLockstep, p.lockstep_groups, fixed(p.lockstep_size));
  add(Role::kCopyPaste, p.copy_paste_groups, fixed(p.copy_paste_size));
  add(Role::kDeviceFarm, p.device_farm_groups, fixed(p.farm_devices * p.farm_accounts_per_device));
  if (p.spammers > 0) add(Role::kSpammer, 1, fixed(p.spammers));

  id_key_ = static_cast<uint32_t>(Hash(0, kTagId));
  Rng rng(StreamSeed(seed, 0x9090));
  PickPermutation(rng, organic_, &act_a_, &act_b_);
  PickPermutation(rng, organic_, &fol_a_, &fol_b_);
  fol_a_inv_ = ModInverse(fol_a_, organic_);
  activity_offset_ = std::max(1.0, organic_ / 1000.0);

  followers_median_ = std::max(1.0, p.followers_max * std::pow(organic_ / 2.0 + 1, -p.followers_zipf));
  uint32_t step = std::max<uint32_t>(1, organic_ / 100000);
  double sum = 0;
  uint32_t n = 0;
  for (uint32_t r = step / 2; r < organic_; r += step, ++n) sum += RawPopularity(r);
  pop_norm_ = n > 0 && sum > 0 ? sum / n : 1.0;

  // Idols: among the most active accounts, those with the most followers (top 5%) that belong
  // to no group, so their fans have posts to like.
  // When too few such accounts exist, any ungrouped account in activity order will do.
  std::vector<uint32_t> chosen;
  auto taken = [&](uint32_t a) { return std::find(chosen.begin(), chosen.end(), a) != chosen.end(); };
  for (Group& g : groups_) {
    if (g.role != Role::kFan) continue;
    for (uint32_t cut : {std::max<uint32_t>(1, organic_ / 20), organic_}) {
      bool found = false;
      for (uint32_t rank = 0; rank < organic_ && !found; ++rank) {
        uint32_t cand = static_cast<uint32_t>((MulMod(act_a_, rank, organic_) + act_b_) % organic_);
        if (GroupOf(cand) == nullptr && FollowerRankOf(cand) < cut && !taken(cand)) {
          g.idol = cand;
          chosen.push_back(cand);
          found = true;
        }
      }
      if (found) break;
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> idols;
  for (uint32_t i = 0; i < groups_.size(); ++i)
    if (groups_[i].role == Role::kFan) idols.push_back({groups_[i].idol, i});
  std::sort(idols.begin(), idols.end());
  for (auto [idol, gi] : idols) {
    idols_.push_back(idol);
    idol_group_.push_back(gi);
  }
}

uint64_t Population::Hash(uint32_t a, uint64_t tag) const {
  return SplitMix64(SplitMix64(seed_ ^ (tag * 0x9e3779b97f4a7c15ull)) ^ a);
}

const Group* Population::GroupOf(uint32_t a) const {
  auto it = std::upper_bound(groups_.begin(), groups_.end(), a,
                             [](uint32_t x, const Group& g) { return x < g.first; });
  if (it == groups_.begin()) return nullptr;
  --it;
  return a < it->first + it->size ? &*it : nullptr;
}

std::vector<const Group*> Population::GroupsOf(Role r) const {
  std::vector<const Group*> out;
  for (const Group& g : groups_)
    if (g.role == r) out.push_back(&g);
  return out;
}

const Group* Population::FansOf(uint32_t a) const {
  auto it = std::lower_bound(idols_.begin(), idols_.end(), a);
  if (it == idols_.end() || *it != a) return nullptr;
  return &groups_[idol_group_[it - idols_.begin()]];
}

uint32_t Population::SampleActive(Rng& rng) const {
  uint64_t rank = rng.PowerRank(organic_, p_.activity_zipf, activity_offset_);
  return static_cast<uint32_t>((MulMod(act_a_, rank, organic_) + act_b_) % organic_);
}

uint32_t Population::ByFollowerRank(uint32_t r) const {
  return static_cast<uint32_t>((MulMod(fol_a_, r, organic_) + fol_b_) % organic_);
}

uint32_t Population::FollowerRankOf(uint32_t a) const {
  return static_cast<uint32_t>(MulMod(fol_a_inv_, (a + organic_ - fol_b_) % organic_, organic_));
}

double Population::RawPopularity(uint32_t rank) const {
  double f = p_.followers_max * std::pow(rank + 1.0, -p_.followers_zipf);
  return std::min(500.0, std::pow(f / followers_median_, p_.popularity_exponent));
}

int64_t Population::Followers(uint32_t a) const {
  uint64_t h = Hash(a, kTagNoise);
  double noise = 0.8 + 0.45 * static_cast<double>(h >> 11) * 0x1.0p-53;
  const Group* g = GroupOf(a);
  if (g != nullptr && g->role == Role::kNews)
    return static_cast<int64_t>(p_.followers_max * (0.005 + 0.05 * noise / 1.25));
  if (a >= organic_) return static_cast<int64_t>(h % 400);
  double f = p_.followers_max * std::pow(FollowerRankOf(a) + 1.0, -p_.followers_zipf);
  return static_cast<int64_t>(f * noise);
}

int64_t Population::Following(uint32_t a) const {
  uint64_t h = Hash(a, kTagFollowing);
  if (a >= organic_) return 500 + static_cast<int64_t>(h % 2500);
  return 10 + static_cast<int64_t>(std::exp(2.0 + 4.0 * static_cast<double>(h >> 11) * 0x1.0p-53));
}

double Population::Popularity(uint32_t a) const {
  if (a >= organic_) return 0.1;
  const Group* g = GroupOf(a);
  if (g != nullptr && g->role == Role::kNews)
    return std::min(500.0, std::pow(Followers(a) / followers_median_, p_.popularity_exponent)) /
           pop_norm_;
  return RawPopularity(FollowerRankOf(a)) / pop_norm_;
}

bool Population::Verified(uint32_t a) const {
  const Group* g = GroupOf(a);
  if (g != nullptr && g->role == Role::kNews) return true;
  return a < organic_ && FollowerRankOf(a) < std::max<uint32_t>(5, organic_ / 1000);
}

int64_t Population::CreatedAt(uint32_t a) const {
  const Group* g = GroupOf(a);
  if (a >= organic_ && g != nullptr) {
    // Bulk-registered: a group's accounts are created within three days of each other.
    uint64_t gh = Hash(g->first, kTagGroupCreated);
    int64_t base = p_.start - static_cast<int64_t>(20 + gh % 200) * 86400;
    return base + static_cast<int64_t>(Hash(a, kTagCreated) % (3 * 86400));
  }
  uint64_t h = Hash(a, kTagCreated);
  return p_.start - 30 * 86400 - static_cast<int64_t>(h % (3000ull * 86400));
}

Script Population::ScriptOf(uint32_t a) const {
  double u = static_cast<double>(Hash(a, kTagScript) >> 11) * 0x1.0p-53;
  return u < p_.traditional_fraction ? Script::kTraditional : Script::kSimplified;
}

void Population::AppendId(uint32_t a, std::string* out) const {
  out->push_back('u');
  AppendUint(1000000000ull + Mix32(a, id_key_), out);
}

std::string Population::Id(uint32_t a) const {
  std::string s;
  AppendId(a, &s);
  return s;
}

void Population::AppendDevice(uint32_t a, std::string* out) const {
  const Group* g = GroupOf(a);
  uint64_t h;
  if (g != nullptr && g->role == Role::kFamily) {
    h = Hash(g->first, kTagDevice);
  } else if (g != nullptr && g->role == Role::kDeviceFarm) {
    uint32_t device = (a - g->first) / static_cast<uint32_t>(p_.farm_accounts_per_device);
    h = Hash(g->first + device, kTagDevice) ^ 0x5a5a;
  } else {
    h = Hash(a, kTagDevice);
  }
  out->append("dv");
  AppendHex(h, out);
}

void Population::AppendIp(uint32_t a, int64_t t, std::string* out) const {
  const Group* g = GroupOf(a);
  if (g != nullptr &&
      (g->role == Role::kFamily || g->role == Role::kCampus || g->role == Role::kDeviceFarm)) {
    AppendIpFromHash(Hash(g->first, kTagHomeIp), out);
    return;
  }
  uint64_t h = Hash(a, kTagHomeUser);
  if (h % 10 < 6) {
    AppendIpFromHash(Hash(a, kTagHomeIp), out);
  } else {
    // Mobile users get a new address every day.
    int64_t day = (t - p_.start) / 86400;
    AppendIpFromHash(Hash(a, kTagMobileIp) ^ SplitMix64(static_cast<uint64_t>(day)), out);
  }
}

std::string Population::Name(uint32_t a, const Lexicon& lex) const {
  uint64_t h = Hash(a, kTagName);
  Script s = ScriptOf(a);
  const Vocabulary& v = lex.vocab;
  const Group* g = GroupOf(a);
  std::string name;
  if (g != nullptr && g->role == Role::kNews) {
    Rng rng(h);
    FixedWords none;
    v.Render(lex.outlet_names[h % lex.outlet_names.size()], Script::kSimplified, rng, none, &name);
    return name;
  }
  if (a >= organic_ && h % 10 < 7) {
    // Bulk-registered accounts keep the platform's default name.
    name = s == Script::kTraditional ? "用戶" : "用户";
    name += std::to_string(1000000000ull + (h >> 20) % 9000000000ull);
    return name;
  }
  auto word = [&](int list, uint64_t x) -> const std::string& {
    return v.Word(list, static_cast<uint32_t>(x % v.ListSize(list)), s);
  };
  name += word(lex.name_prefix, h);
  name += word(lex.name_core, h >> 8);
  name += word(lex.name_suffix, h >> 16);
  if ((h >> 24) % 3 == 0) name += std::to_string((h >> 32) % 10000);
  return name;
}

}  // namespace sluice::sim
