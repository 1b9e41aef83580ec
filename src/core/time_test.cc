#include "core/time.h"

#include <gtest/gtest.h>

namespace sluice {

TEST(TimeTest, ParsesUtcAndOffsets) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339("2024-05-01T00:00:00Z"), 1714521600);
  EXPECT_EQ(ParseRfc3339("2024-05-01T08:00:00+08:00"), 1714521600);
  EXPECT_EQ(ParseRfc3339("2024-04-30T19:30:00-04:30"), 1714521600);
  EXPECT_EQ(ParseRfc3339("2024-05-01t00:00:00.999z"), 1714521600);  // fraction floored
  EXPECT_EQ(ParseRfc3339("2024-02-29T12:00:00Z"), 1709208000);      // leap day
}

TEST(TimeTest, RejectsMalformed) {
  for (const char* bad : {"", "2024-05-01", "2024-05-01T00:00:00", "2024-13-01T00:00:00Z",
                          "2023-02-29T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T00:00:00+8",
                          "2024-05-01T00:00:00Zjunk", "2024-05-01T00:00:00.Z", "yesterday",
                          "1969-12-31T23:59:59Z", "2100-01-01T00:00:01Z"})
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
}

TEST(TimeTest, FormatRoundTrips) {
  for (UnixSeconds t : {UnixSeconds{0}, UnixSeconds{951782400}, UnixSeconds{1714521600},
                        UnixSeconds{4102444799}}) {
    std::string s = FormatRfc3339(t);
    EXPECT_EQ(ParseRfc3339(s), t) << s;
  }
  EXPECT_EQ(FormatRfc3339(1714521600), "2024-05-01T00:00:00Z");
}

}  // namespace sluice
