// libFuzzer target: any bytes, as text or as HTML, must go through the spam detector and the
// cleaner without a crash, a hang or a sanitizer report, and every span must lie in the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "spam/html_text.h"
#include "spam/page_cleaner.h"
#include "spam/spam_detector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<sluice::spam::SpamDetector> detector = [] {
    auto d = sluice::spam::SpamDetector::Create(sluice::spam::SpamConfig{});
    if (!d.ok()) std::abort();
    return std::move(d).value();
  }();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto report = detector->Detect(bytes);
  if (!report.ok()) return 0;
  std::vector<sluice::spam::CpSpan> spans;
  for (const auto& s : report.value().spans) {
    if (s.begin >= s.end || s.end > report.value().code_points) std::abort();
    spans.push_back({s.begin, s.end});
  }
  sluice::spam::CleanText(bytes, spans);

  std::vector<char32_t> cps;
  sluice::spam::DecodeUtf8(bytes, &cps);
  sluice::spam::HtmlText page;
  sluice::spam::HtmlToText(cps, &page);
  auto html = detector->Detect(page.text, page.in_link);
  if (html.ok())
    for (const auto& s : html.value().spans)
      if (page.origin_begin[s.begin] > page.origin_end[s.end - 1]) std::abort();
  return 0;
}
