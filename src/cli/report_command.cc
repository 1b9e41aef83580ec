// `sluice report DIR`: remakes DIR/report.html from the files a scan wrote into DIR (summary.json,
// findings.jsonl, groups.jsonl, clusters.jsonl) — after a re-run of one stage, or to refresh the
// case figures. Exit 0 written, 2 when DIR is not a scan's output.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "report/report_html.h"

namespace sluice::cli {

void RegisterReport(CLI::App& app, int* exit_code) {
  struct Args {
    std::string dir, out;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Make report.html from a scan's output directory. Exit 0 written, 2 unusable input.");
  cmd->add_option("dir", args->dir, "The scan's output directory")->required();
  cmd->add_option("--out", args->out, "Where to write the page (default DIR/report.html)");
  cmd->callback([args, exit_code] {
    std::string out = args->out.empty() ? (std::filesystem::path(args->dir) / "report.html").string() : args->out;
    Status st = WriteReportHtml(args->dir, out);
    if (!st.ok()) {
      std::fprintf(stderr, "sluice report: %s\n", st.message().c_str());
      *exit_code = kExitUnusable;
      return;
    }
    std::printf("%s\n", out.c_str());
    *exit_code = kExitOk;
  });
}

}  // namespace sluice::cli
