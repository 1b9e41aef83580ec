// `sluice coord EVENTS... --out DIR`: finds water armies (docs/coord.md). Writes
// DIR/findings.jsonl, DIR/groups.jsonl, DIR/summary.json, DIR/rejects.jsonl and, on request,
// co-action edge lists DIR/edges/<type>.csv (or .jsonl).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "coord/coord_config.h"
#include "coord/coord_output.h"
#include "coord/networks.h"
#include "coord/water_army.h"
#include "core/json_writer.h"
#include "core/output_file.h"
#include "ingest/ingest.h"
#include "world/repost_roots.h"

namespace sluice::cli {
namespace {

struct CoordArgs {
  std::vector<std::string> files;
  std::string out_dir;
  std::string config_path;
  std::vector<std::string> edges;
  std::string edges_format = "csv";
  bool no_detect = false;
  bool print_config = false;
  bool timings = false;
};

int Fail(const std::string& msg) {
  std::fprintf(stderr, "sluice coord: %s\n", msg.c_str());
  return kExitUnusable;
}

Status WriteWhole(const std::string& path, const std::string& bytes) {
  OutputFile f;
  SLUICE_RETURN_IF_ERROR(f.Open(path));
  SLUICE_RETURN_IF_ERROR(f.Write(bytes));
  return f.Commit();
}

int Run(const CoordArgs& a) {
  coord::CoordConfig config = coord::DefaultCoordConfig();
  if (!a.config_path.empty()) {
    Status st = coord::ApplyCoordConfigFile(a.config_path, &config);
    if (!st.ok()) return Fail(st.message());
  }
  if (a.print_config) {
    std::string s = coord::CoordConfigToJson(config);
    std::fwrite(s.data(), 1, s.size(), stdout);
    return kExitOk;
  }
  if (a.files.empty()) return Fail("no input: give one or more event files (or - for stdin)");
  if (a.out_dir.empty()) return Fail("--out DIR is required");
  std::vector<coord::NetworkType> edge_types;
  for (const std::string& e : a.edges) {
    if (e == "all") {
      for (int t = 0; t < coord::kNetworkTypeCount; ++t)
        edge_types.push_back(static_cast<coord::NetworkType>(t));
      continue;
    }
    coord::NetworkType t;
    if (!coord::ParseNetworkType(e, &t))
      return Fail(fmt::format("--edges: unknown network '{}' (one of co_repost, co_like, "
                              "co_comment, co_review, co_text, co_similar_text, co_link, co_reply, "
                              "co_hashtag, all)",
                              e));
    edge_types.push_back(t);
  }
  Status st = CheckInputs(a.files);
  if (!st.ok()) return Fail(st.message());
  std::error_code ec;
  std::filesystem::create_directories(a.out_dir, ec);
  if (ec) return Fail(fmt::format("{}: cannot create directory: {}", a.out_dir, ec.message()));
  if (!edge_types.empty()) {
    std::filesystem::create_directories(a.out_dir + "/edges", ec);
    if (ec) return Fail(fmt::format("{}/edges: cannot create directory: {}", a.out_dir, ec.message()));
  }

  RejectSink rejects(5, 1024);
  st = rejects.OpenFile(a.out_dir + "/rejects.jsonl");
  if (!st.ok()) return Fail(st.message());
  IngestOptions opt;
  opt.salt = TokenSalt("sluice-default-salt");
  IngestStats stats;
  Result<World> world = Ingest(a.files, opt, &rejects, &stats);
  if (!world.ok()) return Fail(world.status().message());
  if (a.timings) std::fprintf(stderr, "  %-16s %8.2f s\n", "ingest", stats.seconds);
  const World& w = world.value();

  std::string summary = "{\"inputs\":[";
  for (size_t i = 0; i < a.files.size(); ++i) {
    if (i) summary += ",";
    AppendJsonString(&summary, a.files[i]);
  }
  summary += fmt::format("],\"lines\":{},\"rejected\":{},\"accounts\":{},\"posts\":{},\"engagements\":{}",
                         stats.lines, rejects.total(), w.accounts.size(), w.posts.size(),
                         w.engagements.size());

  std::vector<std::pair<std::string, std::string>> outputs;  // path, bytes
  if (!edge_types.empty()) {
    std::vector<coord::Act> acts = coord::CollectActs(w);
    std::vector<PostId> roots;
    if (config.repost_key == coord::RepostKey::kRoot) roots = RepostRoots(w.posts, ChainEnd::kAnyPost);
    summary += ",\"networks\":[";
    for (size_t i = 0; i < edge_types.size(); ++i) {
      coord::NetworkType t = edge_types[i];
      auto start = std::chrono::steady_clock::now();
      coord::CoActionNetwork net =
          coord::BuildNetwork(w, acts, roots, t, config, config.network(t));
      if (a.timings)
        std::fprintf(stderr, "  %-16s %8.3f s\n", std::string(coord::NetworkTypeName(t)).c_str(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      std::string name(coord::NetworkTypeName(t));
      bool csv = a.edges_format == "csv";
      outputs.push_back({a.out_dir + "/edges/" + name + (csv ? ".csv" : ".jsonl"),
                         csv ? coord::EdgesCsv(w, net, config.npmi)
                             : coord::EdgesJsonl(w, net, t, config.npmi)});
      if (i) summary += ",";
      summary += coord::NetworkStatsJson(t, net.stats);
    }
    summary += "]";
  }
  uint64_t flagged = 0;
  if (!a.no_detect) {
    coord::PhaseTimes times;
    coord::CoordResult r = coord::DetectWaterArmies(w, config, &times);
    if (a.timings)
      for (const auto& [phase, sec] : times) std::fprintf(stderr, "  %-16s %8.2f s\n", phase.c_str(), sec);
    flagged = r.accounts.size();
    outputs.push_back({a.out_dir + "/findings.jsonl", coord::FindingsJsonl(w, r)});
    outputs.push_back({a.out_dir + "/groups.jsonl",
                       coord::GroupsJsonl(w, r, config.scoring.evidence_targets)});
    summary += ",\"groups\":" + std::to_string(r.groups.size());
    summary += ",\"water_army_accounts\":" + std::to_string(flagged);
    summary += ",\"detectors\":" + coord::StatsJson(r.stats);
  }
  summary += "}\n";
  outputs.push_back({a.out_dir + "/summary.json", summary});

  st = rejects.Commit();
  if (!st.ok()) return Fail(st.message());
  for (const auto& [path, bytes] : outputs) {
    st = WriteWhole(path, bytes);
    if (!st.ok()) return Fail(st.message());
  }
  std::fprintf(stderr, "sluice coord: %llu accounts, %llu posts, %llu engagements; %llu rejected; "
                       "%llu water-army accounts\n",
               static_cast<unsigned long long>(w.accounts.size()),
               static_cast<unsigned long long>(w.posts.size()),
               static_cast<unsigned long long>(w.engagements.size()),
               static_cast<unsigned long long>(rejects.total()),
               static_cast<unsigned long long>(flagged));
  return flagged || rejects.total() ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterCoord(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CoordArgs>();
  CLI::App* cmd = app.add_subcommand(
      "coord", "Find water armies (co-action networks, dense blocks, lockstep, device farms). "
               "Exit 0 nothing found, 1 findings or rejected lines, 2 unusable input.");
  cmd->add_option("files", args->files, "JSONL or .jsonl.zst event files; - for stdin");
  cmd->add_option("--out", args->out_dir, "Output directory (created if missing)");
  cmd->add_option("--config", args->config_path, "JSON file overriding configuration keys");
  cmd->add_option("--edges", args->edges,
                  "Also write this co-action network's edges (repeatable; 'all' for every type)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--edges-format", args->edges_format, "csv (default) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_flag("--no-detect", args->no_detect, "Only write edge lists, no findings");
  cmd->add_flag("--timings", args->timings, "Print seconds per phase to stderr");
  cmd->add_flag("--print-config", args->print_config,
                "Print the effective configuration as JSON and exit");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
