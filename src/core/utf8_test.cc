#include "core/utf8.h"

#include <gtest/gtest.h>

#include "core/json_writer.h"

namespace sluice {

TEST(Utf8Test, Validates) {
  EXPECT_TRUE(IsValidUtf8("網傳 rumor 🙂"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // a UTF-16 surrogate encoded in UTF-8
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong '/'
}

TEST(Utf8Test, SanitizeCutsOnCodePointsAndReplacesBadBytes) {
  EXPECT_EQ(SanitizeUtf8("網傳", 4), "網");      // 3-byte characters: the second does not fit
  EXPECT_EQ(SanitizeUtf8("a\xff" "b", 100), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(SanitizeUtf8("\xe7\xb6", 100), "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated sequence
  EXPECT_TRUE(IsValidUtf8(SanitizeUtf8("\xf4\x90\x80\x80 x", 100)));
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("a網🙂"), 3u);
}

TEST(JsonWriterTest, EscapesControlCharacters) {
  std::string s;
  AppendJsonString(&s, "a\"b\\c\n\x01網");
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\n\\u0001網\"");
}

}  // namespace sluice
