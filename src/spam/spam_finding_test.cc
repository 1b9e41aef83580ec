#include "spam/spam_finding.h"

#include <gtest/gtest.h>

namespace sluice::spam {
namespace {

SpamReport Report() {
  SpamReport r;
  r.code_points = 100;
  SpamSpan a;
  a.begin = 10, a.end = 20, a.category = SpamCategory::kGambling, a.score = 7.5;
  a.signals = {{"trailer", 0.5, "{\"body_items_before\":3}"}, {"short_phrase_run", 1, "{}"}};
  SpamSpan b;
  b.begin = 40, b.end = 60, b.category = SpamCategory::kPornography, b.score = 9;
  b.signals = {{"lexicon_pornography", 4, "{\"items\":3}"}};
  r.spans = {a, b};
  return r;
}

TEST(SpamFindingTest, FindingsLineInTheSharedFormat) {
  EXPECT_EQ(SpamFindingJson("page", "p000001.txt", Report()),
            R"({"subject":"page","id":"p000001.txt","label":"spam","spans":[[10,20],[40,60]],)"
            R"("score":9,"signals":[{"name":"trailer","weight":0.5,"evidence":{"span":[10,20],"body_items_before":3}},)"
            R"({"name":"short_phrase_run","weight":1,"evidence":{"span":[10,20]}},)"
            R"({"name":"lexicon_pornography","weight":4,"evidence":{"span":[40,60],"items":3}}],)"
            R"("blocks":[{"span":[10,20],"category":"gambling","score":7.5},{"span":[40,60],"category":"pornography","score":9}]})"
            "\n");
  EXPECT_EQ(SpamFindingJson("post", "x", SpamReport{}), "");
}

TEST(SpamFindingTest, SpansJson) {
  std::string s;
  AppendSpansJson(&s, Report());
  EXPECT_EQ(s.rfind(R"([{"start":10,"end":20,"category":"gambling","score":7.5,"signals":[{"name":"trailer")", 0), 0u) << s;
}

}  // namespace
}  // namespace sluice::spam
