// The seed page (../shared/seed/000_7ed00a3d1f9e205f.txt): a news article in traditional script
// whose copy ends in an injected keyword block opened by "主站蜘蛛池模板". The whole block goes;
// every line of the article above it stays byte for byte. The page is read from the shared
// directory, never copied into the repository.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/test_util.h"
#include "spam/page_cleaner.h"
#include "spam/spam_detector.h"

namespace sluice::spam {
namespace {

TEST(SeedPageTest, WholeBlockGoesEveryArticleLineStays) {
  std::string path = std::string(SLUICE_SHARED_DIR) + "/seed/000_7ed00a3d1f9e205f.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "seed page not found at " << path;
  std::string page = testing::ReadFile(path);
  const std::string marker = "主站蜘蛛池模板";
  size_t block_at = page.find(marker);
  ASSERT_NE(block_at, std::string::npos);
  size_t line_start = page.rfind('\n', block_at);
  ASSERT_NE(line_start, std::string::npos);
  std::string article = page.substr(0, line_start + 1);  // every line above the block's line

  auto det = SpamDetector::Create(SpamConfig{});
  ASSERT_TRUE(det.ok()) << det.status().message();
  auto r = det.value()->Detect(page);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spans.size(), 1u);
  const SpamSpan& s = r.value().spans[0];

  std::vector<char32_t> before, all;
  DecodeUtf8(page.substr(0, block_at), &before);
  DecodeUtf8(page, &all);
  uint32_t last = static_cast<uint32_t>(all.size());
  while (last > 0 && (all[last - 1] == '\n' || all[last - 1] == ' ')) --last;
  EXPECT_EQ(s.begin, before.size()) << "the span must start at " << marker;
  EXPECT_EQ(s.end, last) << "the span must reach the end of the page";
  EXPECT_EQ(s.category, SpamCategory::kPornography);

  std::string cleaned = CleanText(page, {{s.begin, s.end}});
  EXPECT_EQ(cleaned, article);
  EXPECT_EQ(cleaned.find(marker), std::string::npos);
}

}  // namespace
}  // namespace sluice::spam
