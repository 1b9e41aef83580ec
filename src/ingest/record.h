// Schema v1 records as parsed from one JSONL line (see docs/schema.md). Every string_view points
// into the parser's buffers and is valid only until the next line is parsed: consumers copy what
// they keep.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace sluice {

enum class RecordType : uint8_t { kAccount, kPost, kEngagement, kClaim };
inline constexpr int kRecordTypeCount = 4;
std::string_view RecordTypeName(RecordType t);

enum class EngagementKind : uint8_t { kLike, kRepost, kComment, kReview, kFollow };
inline constexpr int kEngagementKindCount = 5;
std::string_view EngagementKindName(EngagementKind k);
std::optional<EngagementKind> ParseEngagementKind(std::string_view s);

struct AccountRecord {
  std::string_view id;
  std::string_view platform;
  UnixSeconds created_at = 0;
  std::optional<int64_t> followers, following;
  std::optional<bool> verified;
  std::optional<std::string_view> device, ip, name;
};

struct PostRecord {
  std::string_view id;
  std::string_view account;
  UnixSeconds time = 0;
  std::string_view text;
  std::optional<std::string_view> platform, repost_of, reply_to, device, ip;
  std::vector<std::string_view> urls, hashtags, mentions;
};

struct EngagementRecord {
  std::string_view account;
  std::string_view target;
  EngagementKind kind = EngagementKind::kLike;
  UnixSeconds time = 0;
  std::optional<std::string_view> device, ip;
};

struct ClaimRecord {
  std::string_view id;
  std::string_view text;
  std::optional<std::string_view> verdict, source;
  std::optional<UnixSeconds> published;
};

// One parsed line. Only the member named by `type` is meaningful.
struct Record {
  RecordType type = RecordType::kAccount;
  AccountRecord account;
  PostRecord post;
  EngagementRecord engagement;
  ClaimRecord claim;
};

}  // namespace sluice
