// `sluice gen --out DIR [--scale tiny|small|medium|large] [--seed N] [--config FILE]`: writes a
// simulated platform with ground truth (see src/sim/generate.h and docs/sim.md).
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "sim/generate.h"
#include "sim/sim_params.h"

namespace sluice::cli {
namespace {

struct GenArgs {
  std::string out;
  std::string scale = "small";
  uint64_t seed = 1;
  std::string config;
  bool print_config = false;
};

// 1234567 -> "1,234,567".
std::string Num(uint64_t n) {
  std::string digits = std::to_string(n), s;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s.push_back(',');
    s.push_back(digits[i]);
  }
  return s;
}

int Run(const GenArgs& a) {
  std::optional<sim::Scale> scale = sim::ParseScale(a.scale);
  if (!scale) {
    std::fprintf(stderr, "sluice gen: --scale: '%s' is not tiny, small, medium or large\n",
                 a.scale.c_str());
    return kExitUnusable;
  }
  sim::SimParams p = sim::DefaultParams(*scale);
  if (!a.config.empty()) {
    Status st = sim::ApplyConfigFile(a.config, &p);
    if (!st.ok()) {
      std::fprintf(stderr, "sluice gen: %s\n", st.message().c_str());
      return kExitUnusable;
    }
  }
  if (Status st = sim::ValidateParams(p); !st.ok()) {
    std::string where = a.config;
    if (where.empty()) {
      where = "--scale ";
      where += a.scale;
    }
    std::fprintf(stderr, "sluice gen: %s: %s\n", where.c_str(), st.message().c_str());
    return kExitUnusable;
  }
  if (a.print_config) {
    std::string json = sim::ParamsToJson(p);
    std::fwrite(json.data(), 1, json.size(), stdout);
    return kExitOk;
  }
  if (a.out.empty()) {
    std::fprintf(stderr, "sluice gen: --out DIR is required\n");
    return kExitUnusable;
  }
  sim::GenResult r;
  Status st = sim::Generate(p, a.seed, a.out, &r);
  if (!st.ok()) {
    std::fprintf(stderr, "sluice gen: %s\n", st.message().c_str());
    return kExitUnusable;
  }
  const sim::SimCounts& c = r.counts;
  std::printf("wrote %s (scale %s, seed %llu)\n", a.out.c_str(), a.scale.c_str(),
              static_cast<unsigned long long>(a.seed));
  std::printf("events: %s (accounts %s, posts %s, engagements %s), %.1f MB, %.1f MB compressed\n",
              Num(c.events()).c_str(), Num(c.accounts).c_str(), Num(c.posts).c_str(),
              Num(c.engagements).c_str(), r.events_bytes / 1e6, r.events_bytes_compressed / 1e6);
  std::printf("claims: %s  pages: %s (%s with injected spam)  truth lines: %s\n",
              Num(r.claims).c_str(), Num(r.pages).c_str(), Num(r.spam_pages).c_str(),
              Num(c.truth_lines).c_str());
  std::printf("time: %.2f s (%s events/s), at most %s events pending at once\n", r.seconds,
              Num(static_cast<uint64_t>(r.seconds > 0 ? c.events() / r.seconds : 0)).c_str(),
              Num(c.max_pending).c_str());
  return kExitOk;
}

}  // namespace

void RegisterGen(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<GenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "gen", "Generate a simulated platform with ground truth: DIR/events.jsonl.zst, "
             "DIR/claims.jsonl, DIR/truth.jsonl and DIR/pages/. Same seed and config, same bytes.");
  cmd->add_option("--out", args->out, "Output directory (created when missing)");
  cmd->add_option("--scale", args->scale,
                  "tiny (~10k events), small (~1M, default), medium (~10M) or large (~100M)");
  cmd->add_option("--seed", args->seed, "Random seed (default 1)");
  cmd->add_option("--config", args->config,
                  "JSON file of parameter overrides ({\"key\": number}); see docs/sim.md");
  cmd->add_flag("--print-config", args->print_config,
                "Print the effective parameters as JSON and exit without generating");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
