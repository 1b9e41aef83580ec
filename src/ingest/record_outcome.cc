#include "ingest/record_outcome.h"

#include <optional>
#include <string_view>

namespace sluice {

std::string RecordOutcome(bool accepted, const Record& r, const Rejection& why) {
  if (!accepted) return "reject " + std::string(RejectReasonName(why.reason)) + ": " + why.detail;
  std::string out(RecordTypeName(r.type));
  auto add = [&](std::string_view s) { out.append("|").append(s); };
  // "=" marks a present optional, so an absent one ("-") never equals a present "-".
  auto opt = [&](const std::optional<std::string_view>& v) { add(v ? "=" + std::string(*v) : "-"); };
  auto num = [&](const std::optional<int64_t>& v) { add(v ? std::to_string(*v) : "-"); };
  switch (r.type) {
    case RecordType::kAccount:
      add(r.account.id), add(r.account.platform), add(std::to_string(r.account.created_at));
      num(r.account.followers), num(r.account.following);
      add(r.account.verified ? (*r.account.verified ? "true" : "false") : "-");
      opt(r.account.device), opt(r.account.ip), opt(r.account.name);
      break;
    case RecordType::kPost:
      add(r.post.id), add(r.post.account), add(std::to_string(r.post.time)), add(r.post.text);
      opt(r.post.platform), opt(r.post.repost_of), opt(r.post.reply_to), opt(r.post.device),
          opt(r.post.ip);
      for (auto* list : {&r.post.urls, &r.post.hashtags, &r.post.mentions}) {
        add(std::to_string(list->size()));
        for (std::string_view s : *list) add(s);
      }
      break;
    case RecordType::kEngagement:
      add(r.engagement.account), add(r.engagement.target), add(std::to_string(r.engagement.time));
      add(EngagementKindName(r.engagement.kind));
      opt(r.engagement.device), opt(r.engagement.ip);
      break;
    case RecordType::kClaim:
      add(r.claim.id), add(r.claim.text), opt(r.claim.verdict), opt(r.claim.source);
      num(r.claim.published);
      break;
  }
  return out;
}

}  // namespace sluice
