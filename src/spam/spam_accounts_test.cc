#include "spam/spam_accounts.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/record_parser.h"
#include "world/world_builder.h"

namespace sluice::spam {
namespace {

// Account `a` posts `n` posts p<a>_0 … p<a>_(n-1).
World MakeWorld(const std::vector<std::pair<std::string, int>>& accounts) {
  RecordParser parser;
  WorldBuilder builder("test");
  Record r;
  Rejection why;
  int64_t t = 1700000000;
  for (const auto& [a, n] : accounts)
    for (int k = 0; k < n; ++k) {
      std::string line = "{\"type\":\"post\",\"id\":\"p" + a + "_" + std::to_string(k) +
                         "\",\"account\":\"" + a + "\",\"time\":" + std::to_string(t++) +
                         ",\"text\":\"x\"}";
      EXPECT_TRUE(parser.Parse(line, 0, &r, &why)) << why.detail;
      EXPECT_TRUE(builder.Add(r, &why)) << why.detail;
    }
  DanglingCounts dangling;
  return builder.Finalize(&dangling);
}

// Marks the first `n` posts of account `a` as spam.
void Mark(const World& w, const std::string& a, int n, std::vector<uint8_t>* spam) {
  for (int k = 0; k < n; ++k) (*spam)[w.posts.ids.Find("p" + a + "_" + std::to_string(k))] = 1;
}

TEST(SpamAccountsTest, NeedsEnoughSpamPostsAndAShareOfThem) {
  World w = MakeWorld({{"spammer", 4}, {"mixed", 10}, {"stray", 20}, {"few", 2}, {"clean", 5}});
  std::vector<uint8_t> spam(w.posts.size(), 0);
  Mark(w, "spammer", 4, &spam);  // 4/4
  Mark(w, "mixed", 3, &spam);    // 3/10: share 0.3 exactly
  Mark(w, "stray", 3, &spam);    // 3/20: too small a share
  Mark(w, "few", 2, &spam);      // 2/2: too few
  SpamConfig::Accounts rule;     // min_posts 3, min_share 0.3
  std::vector<SpamAccount> found = FindSpamAccounts(w, spam, rule);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(w.accounts.ids.Get(found[0].account), "spammer");
  EXPECT_EQ(found[0].spam_posts, 4u);
  EXPECT_EQ(found[0].posts, 4u);
  EXPECT_EQ(w.accounts.ids.Get(found[1].account), "mixed");
  EXPECT_EQ(found[1].sample.size(), 3u);
}

TEST(SpamAccountsTest, FindingCarriesTheSignalAndASample) {
  World w = MakeWorld({{"s", 7}});
  std::vector<uint8_t> spam(w.posts.size(), 1);
  SpamConfig::Accounts rule;
  rule.weight = 2.5;
  std::vector<SpamAccount> found = FindSpamAccounts(w, spam, rule);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].sample.size(), 5u);  // capped
  std::string line = SpamAccountFindingJson(w, found[0], rule);
  EXPECT_EQ(line,
            "{\"subject\":\"account\",\"id\":\"s\",\"label\":\"spam\",\"score\":2.5,\"signals\":"
            "[{\"name\":\"spam.account_posts\",\"weight\":2.5,\"evidence\":{\"spam_posts\":7,"
            "\"posts\":7,\"share\":1,\"sample\":[\"ps_0\",\"ps_1\",\"ps_2\",\"ps_3\",\"ps_4\"]}}]}\n");
}

}  // namespace
}  // namespace sluice::spam
