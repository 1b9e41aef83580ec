#include "text/lookalike_han.h"

#include <gtest/gtest.h>

#include "text/trad_simp.h"

namespace sluice::text {
namespace {

TEST(LookalikeHanTest, BuiltinTableParses) {
  Result<LookalikeHan> t = LookalikeHan::Parse(LookalikeHan::BuiltinTsv(), "lookalike_han.tsv");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_GE(t.value().groups(), 50u);
  EXPECT_EQ(uint32_t{t.value().Canonical(U'已')}, uint32_t{U'己'});
  EXPECT_EQ(uint32_t{t.value().Canonical(U'己')}, uint32_t{U'己'});
  EXPECT_EQ(uint32_t{t.value().Canonical(U'好')}, uint32_t{U'好'});
}

TEST(LookalikeHanTest, BuiltinTableIsInSimplifiedForm) {
  // The normalizer folds traditional to simplified before this table: a traditional member
  // would never be reached.
  Result<LookalikeHan> t = LookalikeHan::Parse(LookalikeHan::BuiltinTsv(), "lookalike_han.tsv");
  Result<TradSimpMap> ts = TradSimpMap::Build();
  ASSERT_TRUE(t.ok() && ts.ok());
  std::string_view tsv = LookalikeHan::BuiltinTsv();
  for (char32_t c = 0x3400; c <= 0x9FFF; ++c) {
    if (t.value().Canonical(c) != c) {
      EXPECT_EQ(uint32_t{ts.value().Map(c)}, uint32_t{c}) << "U+" << std::hex << uint32_t{c};
    }
  }
  EXPECT_FALSE(tsv.empty());
}

TEST(LookalikeHanTest, ErrorsNameTheLineAndReason) {
  auto err = [](std::string_view tsv) {
    Result<LookalikeHan> t = LookalikeHan::Parse(tsv, "t.tsv");
    return t.ok() ? std::string("ok") : t.status().message();
  };
  EXPECT_EQ(err("# c\n己\t已\n未\t己\n"), "t.tsv:3: '己' is already in the group of line 2");
  EXPECT_EQ(err("己\n"), "t.tsv:1: a group needs at least two characters");
  EXPECT_EQ(err("己已\n"), "t.tsv:1: members must be single characters separated by tabs");
  EXPECT_EQ(err("a\tb\n"), "t.tsv:1: 'a' is not a Han character");
  EXPECT_EQ(err("己\t\xFF\n"), "t.tsv:1: not well-formed UTF-8");
  EXPECT_EQ(err("\n# only comments\n"), "ok");
}

}  // namespace
}  // namespace sluice::text
