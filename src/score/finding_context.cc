#include "score/finding_context.h"

#include <algorithm>
#include <utility>

namespace sluice {

void AddFindingContext(const World& w, std::vector<Finding>* findings,
                       std::vector<std::vector<AccountId>>* reached_out) {
  if (reached_out) reached_out->assign(findings->size(), {});
  const PostTable& posts = w.posts;
  const AccountTable& accounts = w.accounts;
  // Reach is per subject, shared by the subject's findings under several labels.
  std::vector<uint32_t> post_slot(posts.size(), kNone), account_slot(accounts.size(), kNone);
  std::vector<Reach> reach;
  std::vector<uint32_t> finding_slot(findings->size(), kNone);
  auto platform_name = [&w](uint16_t p) {
    return p == kNoPlatform ? std::string() : std::string(w.platforms.Get(p));
  };
  for (size_t i = 0; i < findings->size(); ++i) {
    Finding& f = (*findings)[i];
    if (f.subject == SubjectKind::kPost) {
      PostId p = posts.ids.Find(f.id);
      if (p == kNone) continue;
      AccountId author = posts.account[p];
      // A post record may leave its platform out; its author's record then says where it is.
      uint16_t platform = posts.platform[p];
      if (platform == kNoPlatform && author != kNone) platform = accounts.platform[author];
      f.platform = platform_name(platform);
      if (author != kNone) f.account = std::string(accounts.ids.Get(author));
      if (post_slot[p] == kNone) {
        post_slot[p] = static_cast<uint32_t>(reach.size());
        reach.emplace_back();
      }
      finding_slot[i] = post_slot[p];
    } else if (f.subject == SubjectKind::kAccount) {
      AccountId a = accounts.ids.Find(f.id);
      if (a == kNone) continue;
      f.platform = platform_name(accounts.platform[a]);
      if (account_slot[a] == kNone) {
        account_slot[a] = static_cast<uint32_t>(reach.size());
        reach.emplace_back();
      }
      finding_slot[i] = account_slot[a];
    }
  }
  if (reach.empty()) return;

  // (slot, reaching account) pairs; their distinct count per slot is the accounts reached.
  std::vector<std::pair<uint32_t, AccountId>> reached;
  auto touch = [&](PostId target, AccountId who, bool repost) {
    uint32_t slots[2] = {post_slot[target], kNone};
    AccountId author = posts.account[target];
    if (author != kNone) slots[1] = account_slot[author];
    for (uint32_t s : slots) {
      if (s == kNone) continue;
      (repost ? reach[s].reposts : reach[s].engagement) += 1;
      if (who != kNone && who != author) reached.emplace_back(s, who);
    }
  };
  for (PostId q = 0; q < posts.size(); ++q)
    if (posts.repost_of[q] != kNone) touch(posts.repost_of[q], posts.account[q], true);
  const EngagementTable& e = w.engagements;
  for (size_t i = 0; i < e.size(); ++i) {
    if (e.target[i] == kNone || e.kind[i] == EngagementKind::kFollow) continue;
    touch(e.target[i], e.account[i], e.kind[i] == EngagementKind::kRepost);
  }
  std::sort(reached.begin(), reached.end());
  reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
  for (const auto& [s, who] : reached) ++reach[s].accounts;

  for (size_t i = 0; i < findings->size(); ++i)
    if (finding_slot[i] != kNone) (*findings)[i].reach = reach[finding_slot[i]];
  if (reached_out == nullptr) return;
  // `reached` is sorted by slot: each slot's accounts are one run of it.
  for (size_t i = 0; i < findings->size(); ++i) {
    uint32_t s = finding_slot[i];
    if (s == kNone) continue;
    std::vector<AccountId>& out = (*reached_out)[i];
    for (auto it = std::lower_bound(reached.begin(), reached.end(), std::make_pair(s, AccountId{0}));
         it != reached.end() && it->first == s; ++it)
      out.push_back(it->second);
  }
}

}  // namespace sluice
