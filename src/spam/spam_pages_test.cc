// Data-driven cases: every tests/data/spam/pages/NAME.txt (or .html) is cleaned and compared
// with NAME.expected.txt; a page without an expected file must come out unchanged, byte for byte.
// Add a case by adding files.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/test_util.h"
#include "spam/html_text.h"
#include "spam/page_cleaner.h"
#include "spam/spam_detector.h"

namespace sluice::spam {
namespace {

namespace fs = std::filesystem;

TEST(SpamPagesTest, EveryPageCleansToItsExpectedText) {
  auto det = SpamDetector::Create(SpamConfig{});
  ASSERT_TRUE(det.ok()) << det.status().message();
  fs::path dir = fs::path(SLUICE_SOURCE_DIR) / "tests/data/spam/pages";
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.find(".expected.") != std::string::npos) continue;
    inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  ASSERT_GE(inputs.size(), 8u);
  size_t with_spam = 0;
  for (const fs::path& in : inputs) {
    SCOPED_TRACE(in.filename().string());
    std::string bytes = testing::ReadFile(in.string());
    fs::path expected_path = in;
    expected_path.replace_extension(".expected.txt");
    bool html = in.extension() == ".html";
    std::string text = bytes;
    Result<SpamReport> r = Status::Internal("unset");
    if (html) {
      std::vector<char32_t> cps;
      DecodeUtf8(bytes, &cps);
      HtmlText page;
      HtmlToText(cps, &page);
      text.clear();
      for (char32_t c : page.text) AppendUtf8(c, &text);
      r = det.value()->Detect(page.text, page.in_link);
    } else {
      r = det.value()->Detect(bytes);
    }
    ASSERT_TRUE(r.ok());
    std::vector<CpSpan> spans;
    for (const SpamSpan& s : r.value().spans) spans.push_back({s.begin, s.end});
    std::string cleaned = CleanText(text, spans);
    if (fs::exists(expected_path)) {
      ++with_spam;
      EXPECT_FALSE(spans.empty());
      EXPECT_EQ(cleaned, testing::ReadFile(expected_path.string()));
    } else {
      EXPECT_TRUE(spans.empty()) << "spam found in a clean page at " << spans[0].first;
      EXPECT_EQ(cleaned, text);
    }
  }
  EXPECT_GE(with_spam, 5u);
}

}  // namespace
}  // namespace sluice::spam
