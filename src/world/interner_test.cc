#include "world/interner.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice {

TEST(InternerTest, DenseIdsInFirstSeenOrder) {
  Interner in;
  EXPECT_EQ(in.Intern("b"), 0u);
  EXPECT_EQ(in.Intern("a"), 1u);
  bool added = true;
  EXPECT_EQ(in.Intern("b", &added), 0u);
  EXPECT_FALSE(added);
  EXPECT_EQ(in.Find("a"), 1u);
  EXPECT_EQ(in.Find("zzz"), kNone);
  EXPECT_EQ(in.Get(1), "a");
  EXPECT_EQ(in.Intern(""), 2u);  // the empty string is a value like any other
}

TEST(InternerTest, SurvivesGrowth) {
  Interner in;
  for (int i = 0; i < 100000; ++i) ASSERT_EQ(in.Intern("id-" + std::to_string(i)), static_cast<uint32_t>(i));
  for (int i = 0; i < 100000; i += 997) EXPECT_EQ(in.Find("id-" + std::to_string(i)), static_cast<uint32_t>(i));
  EXPECT_EQ(in.size(), 100000u);
  in.Reserve(300000);
  EXPECT_EQ(in.Find("id-99999"), 99999u);
  EXPECT_EQ(in.Intern("new"), 100000u);
}

}  // namespace sluice
