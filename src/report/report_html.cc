#include "report/report_html.h"

#include <string_view>

#include "core/output_file.h"
#include "report/report_data.h"

extern "C" {
extern const char sluice_report_template[];
extern const char sluice_report_template_end[];
extern const char sluice_echarts_js[];
extern const char sluice_echarts_js_end[];
}

namespace sluice {
namespace {

// Text placed inside <script>…</script> must not end the element early: "</script" (any case)
// and "<!--" are the sequences an HTML parser acts on, so every "<" that could begin one is
// written as an escape the script's own parser reads back unchanged. `in_json` selects the
// escape: "\u003c" inside JSON strings (the only place "<" can occur in JSON), "<\/" in JS.
std::string ScriptSafe(std::string_view text, bool in_json) {
  std::string out;
  out.reserve(text.size() + 64);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<' && in_json) {
      out += "\\u003c";
    } else if (c == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

const char* EchartsVersion() { return SLUICE_ECHARTS_VERSION; }

Result<std::string> RenderReportHtml(const std::string& dir) {
  Result<std::string> data = ReportDataJson(dir);
  if (!data.ok()) return data.status();
  std::string_view tpl(sluice_report_template,
                       static_cast<size_t>(sluice_report_template_end - sluice_report_template));
  std::string_view echarts(sluice_echarts_js,
                           static_cast<size_t>(sluice_echarts_js_end - sluice_echarts_js));
  const std::string echarts_safe = ScriptSafe(echarts, false);
  const std::string data_safe = ScriptSafe(data.value(), true);
  struct Slot {
    std::string_view token;
    std::string_view value;
  };
  const Slot slots[] = {{"@@ECHARTS_VERSION@@", SLUICE_ECHARTS_VERSION},
                        {"@@ECHARTS_JS@@", echarts_safe},
                        {"@@DATA@@", data_safe}};
  // Each slot is filled once, in template order, so nothing inserted is ever searched again.
  std::string out;
  out.reserve(tpl.size() + echarts_safe.size() + data_safe.size());
  size_t pos = 0;
  for (const Slot& s : slots) {
    size_t at = tpl.find(s.token, pos);
    if (at == std::string_view::npos)
      return Status::Internal("report template lacks " + std::string(s.token));
    out.append(tpl.substr(pos, at - pos));
    out.append(s.value);
    pos = at + s.token.size();
  }
  out.append(tpl.substr(pos));
  return out;
}

Status WriteReportHtml(const std::string& dir, const std::string& out_path) {
  Result<std::string> html = RenderReportHtml(dir);
  if (!html.ok()) return html.status();
  OutputFile out;
  SLUICE_RETURN_IF_ERROR(out.Open(out_path));
  SLUICE_RETURN_IF_ERROR(out.Write(html.value()));
  return out.Commit();
}

}  // namespace sluice
