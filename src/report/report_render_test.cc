// report.html as a person sees it: rendered by headless Chromium, the page's script must finish
// without an error and every chart must draw. The page marks its <body> with the outcome
// (report_html.h), and --dump-dom hands back the DOM after the script ran.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "core/test_util.h"
#include "report/report_html.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

const std::string kFixture = std::string(SLUICE_SOURCE_DIR) + "/tests/data/report/scan";

std::string FindChromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    for (const char* dir : {"/usr/bin", "/usr/local/bin", "/snap/bin"}) {
      fs::path p = fs::path(dir) / name;
      if (fs::exists(p)) return p.string();
    }
  }
  return "";
}

// The DOM after the page's scripts ran.
std::string DumpDom(const std::string& chromium, const std::string& html_path, const std::string& profile) {
  std::string cmd = "'" + chromium + "' --headless --disable-gpu --no-sandbox --no-first-run " +
                    "--disable-extensions --user-data-dir='" + profile +
                    "' --virtual-time-budget=5000 --dump-dom 'file://" + html_path + "' 2>/dev/null";
  std::string out;
  if (std::FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

std::string BodyAttr(const std::string& dom, const std::string& attr) {
  std::smatch m;
  std::regex re("<body[^>]*\\s" + attr + "=\"([^\"]*)\"");
  return std::regex_search(dom, m, re) ? m[1].str() : "";
}

void CopyFixture(const std::string& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(kFixture)) fs::copy_file(e.path(), fs::path(to) / e.path().filename());
}

TEST(ReportRenderTest, EveryChartDrawsWithoutAScriptError) {
  std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/bootstrap installs it)";
  ScratchDir dir;
  CopyFixture(dir.Path("scan"));
  std::string html = dir.Path("scan/report.html");
  ASSERT_TRUE(WriteReportHtml(dir.Path("scan"), html).ok());
  std::string dom = DumpDom(chromium, html, dir.Path("profile"));
  ASSERT_FALSE(dom.empty()) << "chromium printed no DOM";
  EXPECT_EQ(BodyAttr(dom, "data-error"), "");
  ASSERT_EQ(BodyAttr(dom, "data-report"), "ok");
  // The fixture has data for all eight charts: findings, cases, timeline, narratives, cascades,
  // groups, platforms, signals.
  EXPECT_EQ(BodyAttr(dom, "data-charts"), "8");
  std::regex chart_re("<div class=\"chart\" id=\"(chart-[a-z]+)\"[^>]*data-shapes=\"([0-9]+)\"");
  int charts = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), chart_re); it != std::sregex_iterator(); ++it) {
    ++charts;
    EXPECT_GT(std::stoi((*it)[2].str()), 0) << (*it)[1].str();
  }
  EXPECT_EQ(charts, 8);
  // The narrative text, which holds "</script>", is shown as text, not parsed as markup.
  EXPECT_NE(dom.find("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(dom.find("n000001"), std::string::npos);
  EXPECT_NE(dom.find("coord.dense_block"), std::string::npos);
}

TEST(ReportRenderTest, AScriptErrorIsReported) {
  std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/bootstrap installs it)";
  ScratchDir dir;
  CopyFixture(dir.Path("scan"));
  // A timeline whose rows are not a list makes the page's script throw.
  std::string summary = ReadFile(dir.Path("scan/summary.json"));
  size_t at = summary.find("\"rows\":[[");
  ASSERT_NE(at, std::string::npos);
  summary = summary.substr(0, at) + "\"rows\":7}}";
  WriteFile(dir.Path("scan/summary.json"), summary);
  std::string html = dir.Path("scan/report.html");
  ASSERT_TRUE(WriteReportHtml(dir.Path("scan"), html).ok());
  std::string dom = DumpDom(chromium, html, dir.Path("profile"));
  ASSERT_FALSE(dom.empty());
  EXPECT_EQ(BodyAttr(dom, "data-report"), "error");
  EXPECT_NE(BodyAttr(dom, "data-error"), "");
}

TEST(ReportRenderTest, SelfContained) {
  ScratchDir dir;
  CopyFixture(dir.Path("scan"));
  Result<std::string> html = RenderReportHtml(dir.Path("scan"));
  ASSERT_TRUE(html.ok()) << html.status().message();
  const std::string& h = html.value();
  // No external resource: every script and style is inline.
  EXPECT_EQ(h.find("<script src"), std::string::npos);
  EXPECT_EQ(h.find("<link"), std::string::npos);
  EXPECT_NE(h.find(std::string("Apache ECharts ") + EchartsVersion()), std::string::npos);
  // The "</script>" inside the data is escaped, so exactly the page's three scripts close.
  size_t closes = 0;
  for (size_t at = 0; (at = h.find("</script>", at)) != std::string::npos; ++at) ++closes;
  EXPECT_EQ(closes, 3u);
  // The same outputs give the same page.
  Result<std::string> again = RenderReportHtml(dir.Path("scan"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(h, again.value());
}

TEST(ReportRenderTest, MissingSummaryNamesTheFile) {
  ScratchDir dir;
  Result<std::string> html = RenderReportHtml(dir.Path(""));
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("summary.json: no such file"), std::string::npos)
      << html.status().message();
}

}  // namespace
}  // namespace sluice
