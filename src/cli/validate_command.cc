// `sluice validate FILE...`: reads events as a scan would and reports what it accepted, what it
// rejected and why, without running any detector.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/json_writer.h"
#include "ingest/ingest.h"

namespace sluice::cli {
namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  bool json = false;
  std::string rejects_path;
  size_t max_line_bytes = 1 << 20;
  size_t show = 5;
};

// 1234567 -> "1,234,567": counts in a terminal report are read by people.
std::string Num(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string ToJson(const std::vector<std::string>& files, const IngestStats& st,
                   const RejectSink& rejects) {
  std::string s = "{\"inputs\":[";
  for (size_t i = 0; i < files.size(); ++i) {
    if (i) s += ",";
    AppendJsonString(&s, files[i]);
  }
  s += fmt::format("],\"lines\":{},\"blank_lines\":{},\"bytes\":{},\"accepted\":{{", st.lines,
                   st.blank_lines, st.bytes_uncompressed);
  for (int t = 0; t < kRecordTypeCount; ++t)
    s += fmt::format("{}\"{}\":{}", t ? "," : "", RecordTypeName(static_cast<RecordType>(t)),
                     st.accepted[t]);
  s += fmt::format("}},\"rejected\":{{\"total\":{},\"by_reason\":{{", rejects.total());
  bool first = true;
  for (int r = 0; r < kRejectReasonCount; ++r) {
    if (rejects.by_reason()[r] == 0) continue;
    s += fmt::format("{}\"{}\":{}", first ? "" : ",", RejectReasonName(static_cast<RejectReason>(r)),
                     rejects.by_reason()[r]);
    first = false;
  }
  const DanglingCounts& d = st.dangling;
  s += fmt::format(
      "}}}},\"dangling\":{{\"total\":{},\"post_account\":{},\"post_repost_of\":{},"
      "\"post_reply_to\":{},\"engagement_account\":{},\"engagement_target\":{}}},\"first_rejects\":[",
      d.total(), d.post_account, d.post_repost_of, d.post_reply_to, d.engagement_account,
      d.engagement_target);
  for (size_t i = 0; i < rejects.first().size(); ++i) {
    if (i) s += ",";
    s += RejectSink::ToJson(rejects.first()[i]);
  }
  s += "]}\n";
  return s;
}

void PrintHuman(const ValidateArgs& a, const IngestStats& st, const RejectSink& rejects) {
  double mb = st.bytes_uncompressed / 1e6;
  std::printf("read %zu input%s: %s lines, %.1f MB in %.2f s (%.0f MB/s)\n", a.files.size(),
              a.files.size() == 1 ? "" : "s", Num(st.lines).c_str(), mb, st.seconds,
              st.seconds > 0 ? mb / st.seconds : 0.0);
  std::printf("accepted:");
  for (int t = 0; t < kRecordTypeCount; ++t)
    std::printf("  %s %s", std::string(RecordTypeName(static_cast<RecordType>(t))).c_str(),
                Num(st.accepted[t]).c_str());
  std::printf("\n");
  if (st.blank_lines) std::printf("blank lines (no record): %s\n", Num(st.blank_lines).c_str());
  std::printf("rejected: %s\n", Num(rejects.total()).c_str());
  for (int r = 0; r < kRejectReasonCount; ++r)
    if (rejects.by_reason()[r])
      std::printf("  %-18s %s\n", std::string(RejectReasonName(static_cast<RejectReason>(r))).c_str(),
                  Num(rejects.by_reason()[r]).c_str());
  const DanglingCounts& d = st.dangling;
  if (d.total()) {
    std::printf("dangling references (kept): %s\n", Num(d.total()).c_str());
    auto row = [](const char* name, uint64_t n) {
      if (n) std::printf("  %-18s %s\n", name, Num(n).c_str());
    };
    row("post_account", d.post_account);
    row("post_repost_of", d.post_repost_of);
    row("post_reply_to", d.post_reply_to);
    row("engagement_account", d.engagement_account);
    row("engagement_target", d.engagement_target);
  }
  if (!rejects.first().empty()) {
    std::printf("first rejects:\n");
    for (const RejectEntry& e : rejects.first())
      std::printf("  %s:%llu  %s  %s\n", e.file.c_str(), static_cast<unsigned long long>(e.line),
                  std::string(RejectReasonName(e.reason)).c_str(), e.detail.c_str());
  }
  if (!a.rejects_path.empty() && rejects.total())
    std::printf("all rejects written to %s\n", a.rejects_path.c_str());
}

int Run(const ValidateArgs& a) {
  RejectSink rejects(a.show, 1024);
  if (!a.rejects_path.empty()) {
    Status st = rejects.OpenFile(a.rejects_path);
    if (!st.ok()) {
      std::fprintf(stderr, "sluice validate: %s\n", st.message().c_str());
      return kExitUnusable;
    }
  }
  IngestOptions opt;
  opt.max_line_bytes = a.max_line_bytes;
  opt.salt = TokenSalt("sluice-default-salt");
  IngestStats stats;
  std::vector<std::string> files = a.files.empty() ? std::vector<std::string>{"-"} : a.files;
  Result<World> world = Ingest(files, opt, &rejects, &stats);
  if (!world.ok()) {
    std::fprintf(stderr, "sluice validate: %s\n", world.status().message().c_str());
    return kExitUnusable;  // `rejects` is destroyed uncommitted: no half-written file
  }
  Status st = rejects.Commit();
  if (!st.ok()) {
    std::fprintf(stderr, "sluice validate: %s\n", st.message().c_str());
    return kExitUnusable;
  }
  if (a.json) {
    std::string s = ToJson(files, stats, rejects);
    std::fwrite(s.data(), 1, s.size(), stdout);
  } else {
    PrintHuman(a, stats, rejects);
  }
  return rejects.total() ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterValidate(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check event files against schema v1: counts by type, rejects by reason. "
                  "Exit 0 clean, 1 with rejects, 2 unusable input.");
  cmd->add_option("files", args->files, "JSONL or .jsonl.zst files; - or none for stdin");
  cmd->add_flag("--json", args->json, "Print the report as JSON");
  cmd->add_option("--rejects", args->rejects_path, "Write every rejected line to this JSONL file");
  cmd->add_option("--max-line-bytes", args->max_line_bytes, "Longest accepted line (default 1 MiB, at most 1 GiB)")
      ->check(CLI::Range(size_t{1}, kMaxLineLimit));  // Ingest's limit, told before any work
  cmd->add_option("--show", args->show, "How many rejects to list (default 5)");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
