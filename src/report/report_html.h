// report.html: one self-contained page (ECharts and the data inlined; no network, no other file)
// showing a scan's campaign figures, top narratives with their cascades, top water-army groups
// with their evidence, the rumor and spam tables and a timeline. The page's script marks the
// <body> with data-report="ok" and data-charts="<charts drawn>" once every chart has rendered,
// or data-report="error" and data-error="<message>" when anything fails — so a headless browser
// can check it.
#pragma once

#include <string>

#include "core/status.h"

namespace sluice {

// The page for the scan outputs in `dir` (see report_data.h).
Result<std::string> RenderReportHtml(const std::string& dir);

// Writes the page to `out_path` atomically.
Status WriteReportHtml(const std::string& dir, const std::string& out_path);

// The ECharts version carried in the binary, e.g. "5.6.0".
const char* EchartsVersion();

}  // namespace sluice
