// Spam sources: accounts whose own posts are spam findings, often enough and in a large enough
// share of what they post that one stray block on an ordinary account does not make it a spammer.
// Each such account gets a finding labelled `spam` with the signal `spam.account_posts`: its
// weight from SpamConfig::accounts, its evidence the counts and a sample of the spam posts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spam/spam_config.h"
#include "world/world.h"

namespace sluice::spam {

struct SpamAccount {
  AccountId account = kNone;
  uint32_t spam_posts = 0;   // its declared posts with a spam finding
  uint32_t posts = 0;        // all its declared posts
  std::vector<PostId> sample;  // the first few spam posts, in post id order
};

// REQUIRES: post_is_spam.size() == w.posts.size(). Returns the accounts that pass the rule, in
// account id order (deterministic for the same world).
std::vector<SpamAccount> FindSpamAccounts(const World& w, const std::vector<uint8_t>& post_is_spam,
                                          const SpamConfig::Accounts& rule);

// One findings line (with its '\n') for the account.
std::string SpamAccountFindingJson(const World& w, const SpamAccount& a,
                                   const SpamConfig::Accounts& rule);

}  // namespace sluice::spam
