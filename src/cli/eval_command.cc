// `sluice eval --truth FILE --findings FILE [--clusters FILE] [--claim-cascades FILE] [--json]`:
// scores any findings file — from a Sluice detector or an outside tool converted to the format —
// against ground truth, and the seeders of a scan's cascades. How each number is counted is in
// docs/findings.md.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "eval/evaluate.h"
#include "eval/evaluation_format.h"

namespace sluice::cli {
namespace {

struct EvalArgs {
  std::string truth, findings;
  eval::CascadeFiles cascades;
  bool json = false;
};

// A scan writes clusters.jsonl and claim_cascades.jsonl beside its findings.jsonl; when not named
// they are scored from there if they exist.
std::string Beside(const std::string& findings, const char* name) {
  std::filesystem::path p = std::filesystem::path(findings).parent_path() / name;
  std::error_code ec;
  return findings != "-" && std::filesystem::is_regular_file(p, ec) ? p.string() : std::string();
}

int Run(EvalArgs a) {
  if (a.cascades.clusters.empty()) a.cascades.clusters = Beside(a.findings, "clusters.jsonl");
  if (a.cascades.claim_cascades.empty())
    a.cascades.claim_cascades = Beside(a.findings, "claim_cascades.jsonl");
  Result<eval::Evaluation> ev = eval::EvaluateFiles(a.truth, a.findings, a.cascades);
  if (!ev.ok()) {
    std::fprintf(stderr, "sluice eval: %s\n", ev.status().message().c_str());
    return kExitUnusable;
  }
  std::string out = a.json ? eval::EvaluationJson(ev.value()) : eval::EvaluationTable(ev.value());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterEval(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score findings against truth: precision, recall and F1 per subject and label, by "
              "tactic and edit kind, claim ids, spam spans, false positives on labelled "
              "negatives, and whether each injected rumor cascade's originator is its first "
              "seeder. Exit 0 scored, 2 unusable input.");
  cmd->add_option("--truth", args->truth, "truth.jsonl (plain or .zst)")->required();
  cmd->add_option("--findings", args->findings, "findings.jsonl (plain or .zst)")->required();
  cmd->add_option("--clusters", args->cascades.clusters,
                  "clusters.jsonl of a scan (default: beside --findings, when there)");
  cmd->add_option("--claim-cascades", args->cascades.claim_cascades,
                  "claim_cascades.jsonl of a scan (default: beside --findings, when there)");
  cmd->add_flag("--json", args->json, "Print the scores as JSON");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
