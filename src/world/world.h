// The world: everything ingest read, held once in memory, columnar and read-only, shared by
// every detector. Ids are dense integers (see Interner); kNone marks an absent reference.
//
// An entity referenced but never declared (a post by an account with no account record, a like
// of an unknown post) still gets an id so the reference is kept; `declared` says which ids had a
// record of their own. Engagements are sorted by time (stable: input order breaks ties).
//
// Device and IP tokens are never stored in the clear: ingest keeps a salted 64-bit hash of each
// distinct token (`token_hash`) and rows refer to it by a dense TokenId.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "ingest/record.h"
#include "world/interner.h"
#include "world/text_store.h"

namespace sluice {

using AccountId = uint32_t;
using PostId = uint32_t;
using ClaimId = uint32_t;
using TokenId = uint32_t;  // a device or IP token
using TermId = uint32_t;   // a URL, hashtag or mention
// Unix seconds in 32 bits: every accepted time (1970..2100) fits below 2^32 (year 2106), and the
// 4 bytes saved per row matter at billions of engagements.
using Time32 = uint32_t;

struct AccountTable {
  Interner ids;
  std::vector<uint8_t> declared;
  std::vector<uint16_t> platform;        // into World::platforms; kNoPlatform when unknown
  std::vector<UnixSeconds> created_at;
  std::vector<int64_t> followers, following;  // -1 when not given
  std::vector<int8_t> verified;          // -1 unknown, 0 no, 1 yes
  std::vector<TokenId> device, ip;
  std::vector<uint32_t> name;            // into World::names, kNone when not given
  uint32_t size() const { return ids.size(); }
};

struct PostTable {
  Interner ids;
  std::vector<uint8_t> declared;
  std::vector<AccountId> account;
  std::vector<Time32> time;
  std::vector<const char*> text_at;      // text of post i is [text_at[i], +text_len[i]), in `texts`
  std::vector<uint32_t> text_len;
  std::vector<uint16_t> platform;
  std::vector<PostId> repost_of, reply_to;
  std::vector<TokenId> device, ip;
  // Terms of post i start at terms[term_begin[i]]: n_urls[i] URLs, then n_hashtags[i] hashtags,
  // then n_mentions[i] mentions.
  std::vector<uint32_t> term_begin;
  std::vector<uint8_t> n_urls, n_hashtags, n_mentions;
  std::vector<TermId> terms;
  TextStore texts;
  uint32_t size() const { return ids.size(); }
  std::string_view text(PostId p) const { return std::string_view(text_at[p], text_len[p]); }
};

struct EngagementTable {
  std::vector<AccountId> account;
  std::vector<PostId> target;
  std::vector<Time32> time;
  std::vector<EngagementKind> kind;
  std::vector<TokenId> device, ip;
  size_t size() const { return account.size(); }
};

struct ClaimTable {
  Interner ids;
  std::vector<std::string> text, verdict, source;
  std::vector<UnixSeconds> published;  // 0 when not given
  uint32_t size() const { return ids.size(); }
};

inline constexpr uint16_t kNoPlatform = UINT16_MAX;

struct World {
  AccountTable accounts;
  PostTable posts;
  EngagementTable engagements;
  ClaimTable claims;
  Interner platforms;
  Interner names;                 // display names of accounts
  Interner urls, hashtags, mentions;
  std::vector<uint64_t> token_hash;  // TokenId -> salted hash

  // Bytes in use by each table (written bytes: capacity reserved beyond them is address space,
  // not memory), for the memory budget in docs/world.md.
  struct Memory {
    size_t accounts = 0, posts_fixed = 0, post_text = 0, post_ids = 0, post_terms = 0,
           engagements = 0, claims = 0, other = 0;
    size_t total() const {
      return accounts + posts_fixed + post_text + post_ids + post_terms + engagements + claims +
             other;
    }
  };
  Memory MemoryUsage() const;
};

}  // namespace sluice
