#include "world/world_builder.h"

#include <unistd.h>

#include <algorithm>
#include <new>
#include <numeric>

#include "core/hash.h"

namespace sluice {

WorldBuilder::WorldBuilder(std::string_view salt) : salt_seed_(SaltSeed(salt)) {}

void WorldBuilder::ReserveForInput(uint64_t input_bytes) {
  const uint64_t memory = static_cast<uint64_t>(::sysconf(_SC_PHYS_PAGES)) *
                          static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  constexpr uint64_t kMinLineBytes = 64;
  constexpr uint64_t kRowBytes = 21 + 46;  // an engagement's columns and a post's fixed ones
  const uint64_t rows = std::min(input_bytes / kMinLineBytes, memory / 4 / kRowBytes);
  auto reserve = [](size_t n, auto&... cols) { (cols.reserve(n), ...); };
  try {
    EngagementTable& e = w_.engagements;
    reserve(rows, e.account, e.target, e.time, e.kind, e.device, e.ip);
    PostTable& p = w_.posts;
    reserve(rows, p.declared, p.account, p.time, p.text_at, p.text_len, p.platform,
            p.repost_of, p.reply_to, p.device, p.ip, p.term_begin, p.n_urls, p.n_hashtags,
            p.n_mentions);
    // Post and account ids' strings, as if every line brought a new one of 8 bytes.
    p.ids.ReserveStorage(rows, rows * 8);
    w_.accounts.ids.ReserveStorage(rows, rows * 8);
  } catch (const std::bad_alloc&) {
    // Strict overcommit refused the address space: the columns grow as they need instead.
  }
}

TokenId WorldBuilder::Token(uint64_t h) {
  if (h == 0) return kNone;
  bool inserted;
  TokenId id = token_ids_.FindOrInsert(h, static_cast<TokenId>(w_.token_hash.size()), &inserted);
  if (inserted) w_.token_hash.push_back(h);
  return id;
}

uint16_t WorldBuilder::Platform(std::string_view p) {
  if (last_platform_id_ != kNoPlatform && p == last_platform_) return last_platform_id_;
  uint32_t id = w_.platforms.Intern(p);
  // More than 65,534 platforms would be a data error, not a real deployment; fold them together.
  last_platform_id_ = id < kNoPlatform ? static_cast<uint16_t>(id) : static_cast<uint16_t>(kNoPlatform - 1);
  last_platform_.assign(p);
  return last_platform_id_;
}

AccountId WorldBuilder::AccountRef(std::string_view id, IdHash h) {
  AccountTable& a = w_.accounts;
  bool added;
  AccountId i = a.ids.InternHashed(id, h, &added);
  if (added) {
    a.declared.push_back(0);
    a.platform.push_back(kNoPlatform);
    a.created_at.push_back(0);
    a.followers.push_back(-1);
    a.following.push_back(-1);
    a.verified.push_back(-1);
    a.device.push_back(kNone);
    a.ip.push_back(kNone);
    a.name.push_back(kNone);
  }
  return i;
}

PostId WorldBuilder::PostRef(std::string_view id, IdHash h) {
  PostTable& p = w_.posts;
  bool added;
  PostId i = p.ids.InternHashed(id, h, &added);
  if (added) {
    p.declared.push_back(0);
    p.account.push_back(kNone);
    p.time.push_back(0);
    p.text_at.push_back(nullptr);
    p.text_len.push_back(0);
    p.platform.push_back(kNoPlatform);
    p.repost_of.push_back(kNone);
    p.reply_to.push_back(kNone);
    p.device.push_back(kNone);
    p.ip.push_back(kNone);
    p.term_begin.push_back(0);
    p.n_urls.push_back(0);
    p.n_hashtags.push_back(0);
    p.n_mentions.push_back(0);
  }
  return i;
}

namespace {
IdHash OptId(const std::optional<std::string_view>& s) { return s ? HashId(*s) : IdHash{0, 0}; }
}  // namespace

uint64_t WorldBuilder::TokenHash(const std::optional<std::string_view>& t) const {
  if (!t || t->empty()) return 0;
  const uint64_t h = SaltedToken(*t, salt_seed_);
  return h == 0 ? 1 : h;  // 0 means "no token"; the one token in 2^64 that hashes to it moves over
}

PackedEngagement WorldBuilder::Pack(const EngagementRecord& r, const char* base) const {
  const RecordHashes h = Hash(r);  // id[0] the account, id[1] the target
  PackedEngagement e;
  e.account_high = h.id[0].high;
  e.target_high = h.id[1].high;
  e.device = h.token[0];
  e.ip = h.token[1];
  e.account_tag = static_cast<uint32_t>(h.id[0].low >> 32);
  e.target_tag = static_cast<uint32_t>(h.id[1].low >> 32);
  e.account_at = static_cast<uint32_t>(r.account.data() - base);
  e.target_at = static_cast<uint32_t>(r.target.data() - base);
  e.account_len = static_cast<uint16_t>(r.account.size());
  e.target_len = static_cast<uint16_t>(r.target.size());
  e.time = static_cast<Time32>(r.time);
  e.kind = r.kind;
  return e;
}

namespace {
// The hash of a packed id, as much of it as the index reads: IdHash::high and the top half of
// IdHash::low (see Interner).
IdHash PackedHash(uint32_t tag, uint64_t high) {
  return IdHash{static_cast<uint64_t>(tag) << 32, high};
}
}  // namespace

void WorldBuilder::AddPacked(const PackedEngagement& e, const char* base) {
  AddEngagement(std::string_view(base + e.account_at, e.account_len),
                PackedHash(e.account_tag, e.account_high),
                std::string_view(base + e.target_at, e.target_len),
                PackedHash(e.target_tag, e.target_high), e.time, e.kind, e.device, e.ip);
}

void WorldBuilder::Prefetch(const PackedEngagement& e) const {
  w_.accounts.ids.Prefetch(IdHash{0, e.account_high});
  w_.posts.ids.Prefetch(IdHash{0, e.target_high});
  token_ids_.Prefetch(e.device);
  token_ids_.Prefetch(e.ip);
}

RecordHashes WorldBuilder::Hash(const EngagementRecord& r) const {
  RecordHashes h{};
  h.id[0] = HashId(r.account);
  h.id[1] = HashId(r.target);
  h.token[0] = TokenHash(r.device);
  h.token[1] = TokenHash(r.ip);
  return h;
}

RecordHashes WorldBuilder::Hash(const PostRecord& r) const {
  RecordHashes h{};
  h.id[0] = HashId(r.id);
  h.id[1] = HashId(r.account);
  h.id[2] = OptId(r.repost_of);
  h.id[3] = OptId(r.reply_to);
  h.token[0] = TokenHash(r.device);
  h.token[1] = TokenHash(r.ip);
  return h;
}

RecordHashes WorldBuilder::Hash(const AccountRecord& r) const {
  RecordHashes h{};
  h.id[0] = HashId(r.id);
  h.token[0] = TokenHash(r.device);
  h.token[1] = TokenHash(r.ip);
  return h;
}

RecordHashes WorldBuilder::Hash(const Record& r) const {
  switch (r.type) {
    case RecordType::kEngagement: return Hash(r.engagement);
    case RecordType::kPost: return Hash(r.post);
    case RecordType::kAccount: return Hash(r.account);
    case RecordType::kClaim: break;
  }
  return RecordHashes{};
}

void WorldBuilder::Prefetch(RecordType t, const RecordHashes& h) const {
  switch (t) {
    case RecordType::kEngagement:
      w_.accounts.ids.Prefetch(h.id[0]);
      w_.posts.ids.Prefetch(h.id[1]);
      token_ids_.Prefetch(h.token[0]);
      token_ids_.Prefetch(h.token[1]);
      break;
    case RecordType::kPost:
      w_.posts.ids.Prefetch(h.id[0]);
      w_.accounts.ids.Prefetch(h.id[1]);
      w_.posts.ids.Prefetch(h.id[2]);
      token_ids_.Prefetch(h.token[0]);
      break;
    case RecordType::kAccount:
      w_.accounts.ids.Prefetch(h.id[0]);
      token_ids_.Prefetch(h.token[0]);
      break;
    case RecordType::kClaim:
      break;
  }
}

bool WorldBuilder::Add(const Record& r, const RecordHashes& h, Rejection* why) {
  switch (r.type) {
    case RecordType::kAccount: return Add(r.account, h, why);
    case RecordType::kPost: return Add(r.post, h, why);
    case RecordType::kEngagement: return Add(r.engagement, h, why);
    case RecordType::kClaim: return Add(r.claim, h, why);
  }
  return true;
}

namespace {
Rejection Duplicate(std::string_view type, std::string_view id) {
  return Rejection{RejectReason::kDuplicateId,
                   std::string(type) + " id '" + std::string(id.substr(0, 128)) + "' was already declared"};
}
}  // namespace

bool WorldBuilder::Add(const AccountRecord& r, const RecordHashes& h, Rejection* why) {
  AccountTable& a = w_.accounts;
  AccountId i = AccountRef(r.id, h.id[0]);
  if (a.declared[i]) {
    *why = Duplicate("account", r.id);
    return false;
  }
  a.declared[i] = 1;
  a.platform[i] = Platform(r.platform);
  a.created_at[i] = r.created_at;
  a.followers[i] = r.followers.value_or(-1);
  a.following[i] = r.following.value_or(-1);
  a.verified[i] = r.verified ? (*r.verified ? 1 : 0) : -1;
  a.device[i] = Token(h.token[0]);
  a.ip[i] = Token(h.token[1]);
  a.name[i] = r.name ? w_.names.Intern(*r.name) : kNone;
  ++added_[static_cast<int>(RecordType::kAccount)];
  return true;
}

struct WorldBuilder::PostInput {
  std::string_view id, account, text, platform, repost_of, reply_to;
  bool has_platform, has_repost_of, has_reply_to;
  IdHash id_hash, account_hash, repost_of_hash, reply_to_hash;
  uint64_t device, ip;
  Time32 time;
  const std::string_view* terms;  // urls, then hashtags, then mentions
  uint8_t n_urls, n_hashtags, n_mentions;
};

bool WorldBuilder::Add(const PostRecord& r, const RecordHashes& h, Rejection* why) {
  // The parser keeps each list under 256; the lists are joined as AddPost reads them.
  std::vector<std::string_view>& terms = term_scratch_;
  terms.assign(r.urls.begin(), r.urls.end());
  terms.insert(terms.end(), r.hashtags.begin(), r.hashtags.end());
  terms.insert(terms.end(), r.mentions.begin(), r.mentions.end());
  return AddPost(PostInput{.id = r.id,
                           .account = r.account,
                           .text = r.text,
                           .platform = r.platform.value_or(std::string_view()),
                           .repost_of = r.repost_of.value_or(std::string_view()),
                           .reply_to = r.reply_to.value_or(std::string_view()),
                           .has_platform = r.platform.has_value(),
                           .has_repost_of = r.repost_of.has_value(),
                           .has_reply_to = r.reply_to.has_value(),
                           .id_hash = h.id[0],
                           .account_hash = h.id[1],
                           .repost_of_hash = h.id[2],
                           .reply_to_hash = h.id[3],
                           .device = h.token[0],
                           .ip = h.token[1],
                           .time = static_cast<Time32>(r.time),
                           .terms = terms.data(),
                           .n_urls = static_cast<uint8_t>(r.urls.size()),
                           .n_hashtags = static_cast<uint8_t>(r.hashtags.size()),
                           .n_mentions = static_cast<uint8_t>(r.mentions.size())},
                 why);
}

PackedPost WorldBuilder::Pack(const PostRecord& r, const char* base, uint32_t first_term) const {
  const RecordHashes h = Hash(r);  // id[0] the post, id[1] the account, id[2] repost_of, id[3] reply_to
  auto at = [base](std::string_view s) { return static_cast<uint32_t>(s.data() - base); };
  PackedPost p{};
  p.id_high = h.id[0].high;
  p.account_high = h.id[1].high;
  p.repost_of_high = h.id[2].high;
  p.reply_to_high = h.id[3].high;
  p.device = h.token[0];
  p.ip = h.token[1];
  p.text = r.text.data();
  p.id_tag = static_cast<uint32_t>(h.id[0].low >> 32);
  p.account_tag = static_cast<uint32_t>(h.id[1].low >> 32);
  p.repost_of_tag = static_cast<uint32_t>(h.id[2].low >> 32);
  p.reply_to_tag = static_cast<uint32_t>(h.id[3].low >> 32);
  p.id_at = at(r.id);
  p.account_at = at(r.account);
  p.id_len = static_cast<uint16_t>(r.id.size());
  p.account_len = static_cast<uint16_t>(r.account.size());
  if (r.repost_of) {
    p.present |= PackedPost::kRepostOf;
    p.repost_of_at = at(*r.repost_of);
    p.repost_of_len = static_cast<uint16_t>(r.repost_of->size());
  }
  if (r.reply_to) {
    p.present |= PackedPost::kReplyTo;
    p.reply_to_at = at(*r.reply_to);
    p.reply_to_len = static_cast<uint16_t>(r.reply_to->size());
  }
  if (r.platform) {
    p.present |= PackedPost::kPlatform;
    p.platform_at = at(*r.platform);
    p.platform_len = static_cast<uint16_t>(r.platform->size());
  }
  p.text_len = static_cast<uint32_t>(r.text.size());
  p.first_term = first_term;
  p.time = static_cast<Time32>(r.time);
  p.n_urls = static_cast<uint8_t>(r.urls.size());
  p.n_hashtags = static_cast<uint8_t>(r.hashtags.size());
  p.n_mentions = static_cast<uint8_t>(r.mentions.size());
  return p;
}

bool WorldBuilder::AddPacked(const PackedPost& p, const char* base, const std::string_view* terms,
                             Rejection* why) {
  return AddPost(PostInput{.id = std::string_view(base + p.id_at, p.id_len),
                           .account = std::string_view(base + p.account_at, p.account_len),
                           .text = std::string_view(p.text, p.text_len),
                           .platform = std::string_view(base + p.platform_at, p.platform_len),
                           .repost_of = std::string_view(base + p.repost_of_at, p.repost_of_len),
                           .reply_to = std::string_view(base + p.reply_to_at, p.reply_to_len),
                           .has_platform = (p.present & PackedPost::kPlatform) != 0,
                           .has_repost_of = (p.present & PackedPost::kRepostOf) != 0,
                           .has_reply_to = (p.present & PackedPost::kReplyTo) != 0,
                           .id_hash = PackedHash(p.id_tag, p.id_high),
                           .account_hash = PackedHash(p.account_tag, p.account_high),
                           .repost_of_hash = PackedHash(p.repost_of_tag, p.repost_of_high),
                           .reply_to_hash = PackedHash(p.reply_to_tag, p.reply_to_high),
                           .device = p.device,
                           .ip = p.ip,
                           .time = p.time,
                           .terms = terms + p.first_term,
                           .n_urls = p.n_urls,
                           .n_hashtags = p.n_hashtags,
                           .n_mentions = p.n_mentions},
                 why);
}

void WorldBuilder::Prefetch(const PackedPost& p, const char* base) const {
  w_.posts.ids.Prefetch(IdHash{0, p.id_high});
  w_.accounts.ids.Prefetch(IdHash{0, p.account_high});
  if (p.present & PackedPost::kRepostOf) w_.posts.ids.Prefetch(IdHash{0, p.repost_of_high});
  token_ids_.Prefetch(p.device);
  __builtin_prefetch(base + p.id_at);  // a new post's id is copied into the index's arena
}

bool WorldBuilder::AddPost(const PostInput& in, Rejection* why) {
  PostTable& p = w_.posts;
  // One lookup decides both: a new id, or a known one that was only referenced so far.
  PostId i = PostRef(in.id, in.id_hash);
  if (p.declared[i]) {
    *why = Duplicate("post", in.id);
    return false;
  }
  AccountId account = AccountRef(in.account, in.account_hash);
  PostId repost_of = in.has_repost_of ? PostRef(in.repost_of, in.repost_of_hash) : kNone;
  PostId reply_to = in.has_reply_to ? PostRef(in.reply_to, in.reply_to_hash) : kNone;
  p.declared[i] = 1;
  p.account[i] = account;
  p.time[i] = in.time;
  p.text_at[i] = p.texts.InLastAdopted(in.text) ? in.text.data() : p.texts.Append(in.text).data();
  p.text_len[i] = static_cast<uint32_t>(in.text.size());
  p.platform[i] = in.has_platform ? Platform(in.platform) : kNoPlatform;
  p.repost_of[i] = repost_of;
  p.reply_to[i] = reply_to;
  p.device[i] = Token(in.device);
  p.ip[i] = Token(in.ip);
  p.term_begin[i] = static_cast<uint32_t>(p.terms.size());
  const std::string_view* t = in.terms;
  for (int k = 0; k < in.n_urls; ++k) p.terms.push_back(w_.urls.Intern(*t++));
  for (int k = 0; k < in.n_hashtags; ++k) p.terms.push_back(w_.hashtags.Intern(*t++));
  for (int k = 0; k < in.n_mentions; ++k) p.terms.push_back(w_.mentions.Intern(*t++));
  p.n_urls[i] = in.n_urls;
  p.n_hashtags[i] = in.n_hashtags;
  p.n_mentions[i] = in.n_mentions;
  ++added_[static_cast<int>(RecordType::kPost)];
  return true;
}

bool WorldBuilder::Add(const EngagementRecord& r, const RecordHashes& h, Rejection*) {
  AddEngagement(r.account, h.id[0], r.target, h.id[1], static_cast<Time32>(r.time), r.kind,
                h.token[0], h.token[1]);
  return true;
}

void WorldBuilder::AddEngagement(std::string_view account, IdHash account_hash, std::string_view target,
                                 IdHash target_hash, Time32 time, EngagementKind kind, uint64_t device,
                                 uint64_t ip) {
  EngagementTable& e = w_.engagements;
  e.account.push_back(AccountRef(account, account_hash));
  e.target.push_back(PostRef(target, target_hash));
  e.time.push_back(time);
  e.kind.push_back(kind);
  e.device.push_back(Token(device));
  e.ip.push_back(Token(ip));
  ++added_[static_cast<int>(RecordType::kEngagement)];
}

bool WorldBuilder::Add(const ClaimRecord& r, const RecordHashes&, Rejection* why) {
  ClaimTable& c = w_.claims;
  bool added;
  c.ids.Intern(r.id, &added);
  if (!added) {
    *why = Duplicate("claim", r.id);
    return false;
  }
  c.text.emplace_back(r.text);
  c.verdict.emplace_back(r.verdict.value_or(""));
  c.source.emplace_back(r.source.value_or(""));
  c.published.push_back(r.published.value_or(0));
  ++added_[static_cast<int>(RecordType::kClaim)];
  return true;
}

namespace {
template <typename T>
void Permute(std::vector<T>* v, const std::vector<uint32_t>& order) {
  std::vector<T> out(v->size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = (*v)[order[i]];
  v->swap(out);
}
}  // namespace

World WorldBuilder::Finalize(DanglingCounts* dangling) {
  EngagementTable& e = w_.engagements;
  if (!std::is_sorted(e.time.begin(), e.time.end())) {
    std::vector<uint32_t> order(e.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return e.time[a] < e.time[b]; });
    Permute(&e.account, order);
    Permute(&e.target, order);
    Permute(&e.time, order);
    Permute(&e.kind, order);
    Permute(&e.device, order);
    Permute(&e.ip, order);
  }
  // The columns are not shrunk to their size: capacity beyond it (reserved, or left by a
  // doubling) was never written, so it is address space, not memory, and shrinking would only
  // copy every column into fresh pages while both copies are alive.
  DanglingCounts d;
  const PostTable& p = w_.posts;
  const AccountTable& a = w_.accounts;
  for (PostId i = 0; i < p.size(); ++i) {
    if (!p.declared[i]) continue;
    d.post_account += !a.declared[p.account[i]];
    d.post_repost_of += p.repost_of[i] != kNone && !p.declared[p.repost_of[i]];
    d.post_reply_to += p.reply_to[i] != kNone && !p.declared[p.reply_to[i]];
  }
  for (size_t i = 0; i < e.size(); ++i) {
    d.engagement_account += !a.declared[e.account[i]];
    d.engagement_target += !p.declared[e.target[i]];
  }
  if (dangling) *dangling = d;
  World out = std::move(w_);
  w_ = World();
  token_ids_.clear();
  return out;
}

// Bytes in use: a column's capacity beyond its size was never written (see Finalize), so it is
// not resident and is not counted.
template <typename T>
static size_t Bytes(const std::vector<T>& v) {
  return v.size() * sizeof(T);
}

World::Memory World::MemoryUsage() const {
  Memory m;
  const AccountTable& a = accounts;
  m.accounts = a.ids.MemoryBytes() + Bytes(a.declared) + Bytes(a.platform) + Bytes(a.created_at) +
               Bytes(a.followers) + Bytes(a.following) + Bytes(a.verified) + Bytes(a.device) +
               Bytes(a.ip) + Bytes(a.name);
  const PostTable& p = posts;
  m.posts_fixed = Bytes(p.declared) + Bytes(p.account) + Bytes(p.time) + Bytes(p.text_at) +
                  Bytes(p.text_len) + Bytes(p.platform) + Bytes(p.repost_of) +
                  Bytes(p.reply_to) + Bytes(p.device) + Bytes(p.ip) + Bytes(p.term_begin) +
                  Bytes(p.n_urls) + Bytes(p.n_hashtags) + Bytes(p.n_mentions);
  m.post_text = p.texts.bytes();
  m.post_ids = p.ids.MemoryBytes();
  m.post_terms = Bytes(p.terms);
  const EngagementTable& e = engagements;
  m.engagements = Bytes(e.account) + Bytes(e.target) + Bytes(e.time) + Bytes(e.kind) +
                  Bytes(e.device) + Bytes(e.ip);
  for (size_t i = 0; i < claims.size(); ++i)
    m.claims += claims.text[i].size() + claims.verdict[i].size() + claims.source[i].size();
  m.claims += claims.ids.MemoryBytes();
  m.other = platforms.MemoryBytes() + names.MemoryBytes() + urls.MemoryBytes() +
            hashtags.MemoryBytes() + mentions.MemoryBytes() + Bytes(token_hash);
  return m;
}

}  // namespace sluice
