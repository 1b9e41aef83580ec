#include "spam/spam_accounts.h"

#include "core/json_writer.h"

namespace sluice::spam {

namespace {
constexpr size_t kSample = 5;
}  // namespace

std::vector<SpamAccount> FindSpamAccounts(const World& w, const std::vector<uint8_t>& post_is_spam,
                                          const SpamConfig::Accounts& rule) {
  const PostTable& p = w.posts;
  std::vector<uint32_t> posts(w.accounts.size(), 0), spam(w.accounts.size(), 0);
  for (PostId i = 0; i < p.size(); ++i) {
    if (!p.declared[i] || p.account[i] == kNone) continue;
    ++posts[p.account[i]];
    spam[p.account[i]] += post_is_spam[i] != 0;
  }
  std::vector<SpamAccount> out;
  std::vector<int32_t> slot(w.accounts.size(), -1);
  for (AccountId a = 0; a < w.accounts.size(); ++a) {
    if (spam[a] == 0 || static_cast<int>(spam[a]) < rule.min_posts ||
        spam[a] < rule.min_share * posts[a])
      continue;
    slot[a] = static_cast<int32_t>(out.size());
    out.push_back(SpamAccount{a, spam[a], posts[a], {}});
  }
  if (out.empty()) return out;
  for (PostId i = 0; i < p.size(); ++i) {
    if (!post_is_spam[i] || !p.declared[i] || p.account[i] == kNone || slot[p.account[i]] < 0)
      continue;
    SpamAccount& a = out[static_cast<size_t>(slot[p.account[i]])];
    if (a.sample.size() < kSample) a.sample.push_back(i);
  }
  return out;
}

std::string SpamAccountFindingJson(const World& w, const SpamAccount& a,
                                   const SpamConfig::Accounts& rule) {
  std::string out = "{\"subject\":\"account\",\"id\":";
  AppendJsonString(&out, w.accounts.ids.Get(a.account));
  out += ",\"label\":\"spam\",\"score\":";
  AppendJsonNumber(&out, rule.weight);
  out += ",\"signals\":[{\"name\":\"spam.account_posts\",\"weight\":";
  AppendJsonNumber(&out, rule.weight);
  out += ",\"evidence\":{\"spam_posts\":" + std::to_string(a.spam_posts) +
         ",\"posts\":" + std::to_string(a.posts) + ",\"share\":";
  AppendJsonNumber(&out, static_cast<double>(a.spam_posts) / a.posts);
  out += ",\"sample\":[";
  for (size_t k = 0; k < a.sample.size(); ++k) {
    if (k > 0) out += ',';
    AppendJsonString(&out, w.posts.ids.Get(a.sample[k]));
  }
  out += "]}}]}\n";
  return out;
}

}  // namespace sluice::spam
