// `sluice import <format> ...`: adapters from public dataset layouts into schema v1 events.
// `sluice import ced DIR --out FILE`: the Weibo CED dataset (see src/ingest/ced_import.h and
// docs/schema.md). Exit 0 clean, 1 when input lines were rejected (the output is still written,
// without them), 2 when the input is unusable or the output cannot be written.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ingest/ced_import.h"

namespace sluice::cli {
namespace {

struct CedArgs {
  std::string dir, out, truth, rejects_path;
  size_t max_line_bytes = 1 << 20;
  size_t show = 5;
};

std::string Num(uint64_t n) {
  std::string digits = std::to_string(n), s;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s.push_back(',');
    s.push_back(digits[i]);
  }
  return s;
}

int Fail(const std::string& msg) {
  std::fprintf(stderr, "sluice import ced: %s\n", msg.c_str());
  return kExitUnusable;
}

void PrintSummary(const CedArgs& a, const CedImportStats& st, const RejectSink& rejects,
                  std::FILE* to) {
  std::string s = fmt::format("imported {} in {:.2f} s\n", a.dir, st.seconds);
  s += fmt::format("  source posts  {:>12}  ({} rumor, {} nonrumor)\n", Num(st.source_posts),
                   Num(st.rumor_sources), Num(st.nonrumor_sources));
  s += fmt::format("  reposts       {:>12}  (each a post with repost_of and a repost engagement)\n",
                   Num(st.reposts));
  s += fmt::format("  accounts      {:>12}  ({} with a profile; {} created_at 0 = unknown)\n",
                   Num(st.accounts), Num(st.accounts_with_profile),
                   Num(st.accounts - st.accounts_with_profile));
  if (st.dates_without_year)
    s += fmt::format("  {} repost dates had no year: took the first year not before the source post\n",
                     Num(st.dates_without_year));
  if (st.reposts_before_source)
    s += fmt::format("  {} reposts are dated before their source post (kept as given)\n",
                     Num(st.reposts_before_source));
  s += fmt::format("rejected lines: {}\n", Num(rejects.total()));
  for (int r = 0; r < kRejectReasonCount; ++r)
    if (rejects.by_reason()[r])
      s += fmt::format("  {:<18} {}\n", RejectReasonName(static_cast<RejectReason>(r)),
                       Num(rejects.by_reason()[r]));
  if (!rejects.first().empty()) {
    s += "first rejects:\n";
    for (const RejectEntry& e : rejects.first())
      s += fmt::format("  {}:{}  {}  {}\n", e.file, e.line, RejectReasonName(e.reason), e.detail);
  }
  if (!a.rejects_path.empty() && rejects.total())
    s += fmt::format("all rejects written to {}\n", a.rejects_path);
  s += fmt::format("wrote {} ({} MB uncompressed)", a.out, fmt::format("{:.1f}", st.bytes_out / 1e6));
  if (!a.truth.empty()) s += fmt::format(" and {}", a.truth);
  s += "\n";
  std::fwrite(s.data(), 1, s.size(), to);
}

int RunCed(const CedArgs& a) {
  struct stat sb;
  if (::stat(a.dir.c_str(), &sb) != 0)
    return Fail(a.dir + (errno == ENOENT ? ": no such directory" : ": cannot open: " + std::string(std::strerror(errno))));
  if (!S_ISDIR(sb.st_mode))
    return Fail(a.dir + ": not a directory (give the folder holding originals.jsonl.zst and reposts.jsonl.zst)");
  RejectSink rejects(a.show, 1024);
  OutputStream events, truth;
  Status st;
  if (!a.rejects_path.empty() && !(st = rejects.OpenFile(a.rejects_path)).ok()) return Fail(st.message());
  if (!(st = events.Open(a.out)).ok()) return Fail(st.message());
  if (!a.truth.empty() && !(st = truth.Open(a.truth)).ok()) return Fail(st.message());
  CedImportOptions opt;
  opt.max_line_bytes = a.max_line_bytes;
  CedImportStats stats;
  st = ImportCed(a.dir, opt, &events, a.truth.empty() ? nullptr : &truth, &rejects, &stats);
  // On failure the outputs are destroyed uncommitted: nothing half-written is left behind.
  if (!st.ok()) return Fail(st.message());
  if (!(st = events.Commit()).ok()) return Fail(st.message());
  if (!a.truth.empty() && !(st = truth.Commit()).ok()) return Fail(st.message());
  if (!(st = rejects.Commit()).ok()) return Fail(st.message());
  // With the events on stdout, the summary goes to stderr so it cannot corrupt them.
  PrintSummary(a, stats, rejects, a.out == "-" ? stderr : stdout);
  return rejects.total() ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterImport(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("import", "Convert a public dataset's layout into schema v1 events");
  cmd->require_subcommand(1);

  auto ced = std::make_shared<CedArgs>();
  CLI::App* c = cmd->add_subcommand(
      "ced", "The Weibo CED dataset (a folder with originals.jsonl.zst and reposts.jsonl.zst). "
             "Exit 0 clean, 1 with rejected lines, 2 unusable input.");
  c->add_option("dir", ced->dir, "The CED folder")->required();
  c->add_option("--out", ced->out, "Events file: .jsonl, or .jsonl.zst to compress; - for stdout")
      ->required();
  c->add_option("--truth", ced->truth,
                "Also write truth.jsonl: CED's rumor sources as rumor, nonrumor as organic");
  c->add_option("--rejects", ced->rejects_path, "Write every rejected line to this JSONL file");
  c->add_option("--max-line-bytes", ced->max_line_bytes, "Longest accepted line (default 1 MiB)")
      ->check(CLI::PositiveNumber);
  c->add_option("--show", ced->show, "How many rejects to list (default 5)");
  c->callback([ced, exit_code] { *exit_code = RunCed(*ced); });
}

}  // namespace sluice::cli
