// `sluice eval --truth FILE --findings FILE [--json]`: scores any findings file — from a Sluice
// detector or an outside tool converted to the format — against ground truth. How each number is
// counted is in docs/findings.md.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "eval/evaluate.h"
#include "eval/evaluation_format.h"

namespace sluice::cli {
namespace {

struct EvalArgs {
  std::string truth, findings;
  bool json = false;
};

int Run(const EvalArgs& a) {
  Result<eval::Evaluation> ev = eval::EvaluateFiles(a.truth, a.findings);
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
              "negatives. Exit 0 scored, 2 unusable input.");
  cmd->add_option("--truth", args->truth, "truth.jsonl (plain or .zst)")->required();
  cmd->add_option("--findings", args->findings, "findings.jsonl (plain or .zst)")->required();
  cmd->add_flag("--json", args->json, "Print the scores as JSON");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
