// `sluice scan EVENTS… --out DIR`: the main job. Ingests the events, runs every detector that has
// landed (rumor matching against the claim registry, injected spam in posts and pages, water
// armies, narratives), and writes DIR/findings.jsonl (sorted: the same input and config give the
// same bytes), DIR/groups.jsonl, DIR/clusters.jsonl, DIR/claim_cascades.jsonl, DIR/rejects.jsonl
// (when any) and DIR/summary.json.
//
// Per-post detectors (rumor, spam) run on every core through their thread-safe one-post APIs,
// the same calls the HTTP service and stream workers will make.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "coord/coord_config.h"
#include "coord/coord_output.h"
#include "coord/water_army.h"
#include "core/json_writer.h"
#include "core/output_file.h"
#include "ingest/ingest.h"
#include "narr/narr_config.h"
#include "narr/narr_output.h"
#include "narr/narratives.h"
#include "rumor/claim_registry.h"
#include "rumor/match_json.h"
#include "rumor/matcher.h"
#include "rumor/rumor_config.h"
#include "spam/spam_config.h"
#include "spam/spam_detector.h"
#include "spam/spam_finding.h"
#include "text/char_table.h"

namespace sluice::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct ScanArgs {
  std::vector<std::string> events;
  std::string out;
  std::string pages;
  std::string rumor_config, spam_config, coord_config, narr_config;
  size_t max_line_bytes = 1 << 20;
  bool quiet = false;
};

class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), start_(Clock::now()), phase_start_(start_) {}
  void Begin(const std::string& phase) {
    phase_ = phase;
    phase_start_ = Clock::now();
    if (!quiet_) std::fprintf(stderr, "scan: %s…\n", phase.c_str());
  }
  void End(const std::string& what) {
    double s = std::chrono::duration<double>(Clock::now() - phase_start_).count();
    times_.emplace_back(phase_, s);
    if (!quiet_) std::fprintf(stderr, "scan: %s done in %.2f s: %s\n", phase_.c_str(), s, what.c_str());
  }
  double total() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  bool quiet_;
  Clock::time_point start_, phase_start_;
  std::string phase_;
  std::vector<std::pair<std::string, double>> times_;
};

// A finding line with its sort key (subject, id, label) taken from the line's first keys.
struct Line {
  std::string key;
  std::string text;
};

std::string SortKey(const std::string& line) {
  // Every detector writes "subject", "id", "label" first, in that order (docs/findings.md).
  return line.substr(0, std::min<size_t>(line.find(",\"score\""), line.size()));
}

void AddLines(const std::string& jsonl, std::vector<Line>* out) {
  size_t pos = 0;
  while (pos < jsonl.size()) {
    size_t nl = jsonl.find('\n', pos);
    if (nl == std::string::npos) nl = jsonl.size();
    if (nl > pos) {
      std::string text = jsonl.substr(pos, nl - pos);
      out->push_back(Line{SortKey(text), std::move(text)});
    }
    pos = nl + 1;
  }
}

std::string LabelOf(const std::string& line) {
  size_t at = line.find("\"label\":\"");
  if (at == std::string::npos) return "?";
  at += 9;
  return line.substr(at, line.find('"', at) - at);
}

// Runs `fn(i)` for i in [0, n) on every core; `fn` must be thread-safe.
template <typename Fn>
void ParallelFor(size_t n, Fn fn) {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(256)) < n;)
        for (size_t k = i; k < std::min(n, i + 256); ++k) fn(k);
    });
  for (std::thread& th : pool) th.join();
}

int Run(const ScanArgs& a) {
  auto fail = [](const std::string& msg) {
    std::fprintf(stderr, "sluice scan: %s\n", msg.c_str());
    return kExitUnusable;
  };
  std::error_code ec;
  fs::create_directories(a.out, ec);
  if (ec) return fail(a.out + ": cannot create: " + ec.message());

  // Configurations first: a bad one should fail before any long work.
  rumor::RumorConfig rumor_config;
  if (!a.rumor_config.empty()) {
    Result<rumor::RumorConfig> c = rumor::LoadRumorConfig(a.rumor_config);
    if (!c.ok()) return fail(c.status().message());
    rumor_config = c.value();
  }
  spam::SpamConfig spam_config;
  if (!a.spam_config.empty()) {
    Result<spam::SpamConfig> c = spam::LoadSpamConfig(a.spam_config);
    if (!c.ok()) return fail(c.status().message());
    spam_config = c.value();
  }
  coord::CoordConfig coord_config = coord::DefaultCoordConfig();
  if (!a.coord_config.empty()) {
    Status st = coord::ApplyCoordConfigFile(a.coord_config, &coord_config);
    if (!st.ok()) return fail(st.message());
  }
  narr::NarrConfig narr_config;
  if (!a.narr_config.empty()) {
    Result<narr::NarrConfig> c = narr::LoadNarrConfig(a.narr_config);
    if (!c.ok()) return fail(c.status().message());
    narr_config = c.value();
  }

  Progress progress(a.quiet);
  progress.Begin("ingest");
  RejectSink rejects(5, 1024);
  Status st = rejects.OpenFile((fs::path(a.out) / "rejects.jsonl").string());
  if (!st.ok()) return fail(st.message());
  IngestOptions opt;
  opt.max_line_bytes = a.max_line_bytes;
  opt.salt = TokenSalt("sluice-default-salt");
  IngestStats stats;
  Result<World> loaded = Ingest(a.events, opt, &rejects, &stats);
  if (!loaded.ok()) return fail(loaded.status().message());
  st = rejects.Commit();
  if (!st.ok()) return fail(st.message());
  const World& w = loaded.value();
  progress.End(fmt::format("{} posts, {} engagements, {} claims, {} rejected", w.posts.size(),
                           w.engagements.size(), w.claims.size(), stats.rejected));

  std::vector<Line> findings;
  std::map<std::string, uint64_t> by_label;

  // Rumors: the registry is every claim record in the input.
  progress.Begin("rumor");
  rumor::ClaimRegistry registry(rumor_config);
  std::vector<rumor::Claim> claims;
  for (ClaimId c = 0; c < w.claims.size(); ++c)
    claims.push_back(rumor::Claim{std::string(w.claims.ids.Get(c)), w.claims.text[c],
                                  w.claims.source[c], w.claims.verdict[c], w.claims.published[c]});
  st = registry.Add(std::move(claims));
  if (!st.ok()) return fail(st.message());
  text::CharTable::Get();
  rumor::Matcher matcher(registry);
  Result<std::unique_ptr<spam::SpamDetector>> spam_detector = spam::SpamDetector::Create(spam_config);
  if (!spam_detector.ok()) return fail(spam_detector.status().message());

  const PostTable& posts = w.posts;
  std::vector<std::string> rumor_lines(posts.size()), spam_lines(posts.size());
  std::atomic<uint64_t> spam_errors{0};
  ParallelFor(posts.size(), [&](size_t i) {
    if (!posts.declared[i]) return;
    std::string_view id = posts.ids.Get(static_cast<PostId>(i));
    std::string_view text = posts.text(static_cast<PostId>(i));
    if (registry.size() > 0) {
      std::vector<rumor::ClaimMatch> ms = matcher.Match(text, posts.time[i]);
      if (!ms.empty() && ms[0].flagged) rumor::AppendFindingLine(&rumor_lines[i], id, ms[0], text);
    }
    Result<spam::SpamReport> r = spam_detector.value()->Detect(text);
    if (!r.ok()) {
      ++spam_errors;
      return;
    }
    spam_lines[i] = spam::SpamFindingJson("post", id, r.value());
  });
  size_t before = findings.size();
  for (const std::string& l : rumor_lines) AddLines(l, &findings);
  progress.End(fmt::format("{} posts matched against {} claims: {} rumor findings", posts.size(),
                           registry.size(), findings.size() - before));

  progress.Begin("spam");
  before = findings.size();
  for (const std::string& l : spam_lines) AddLines(l, &findings);
  uint64_t pages = 0;
  if (!a.pages.empty()) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(a.pages, ec))
      if (e.is_regular_file()) files.push_back(e.path());
    if (ec) return fail(a.pages + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      std::FILE* in = std::fopen(f.c_str(), "rb");
      if (in == nullptr) return fail(f.string() + ": cannot open");
      std::string text;
      char buf[65536];
      for (size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;) text.append(buf, n);
      std::fclose(in);
      Result<spam::SpamReport> r = spam_detector.value()->Detect(text);
      if (!r.ok()) return fail(f.string() + ": " + r.status().message());
      AddLines(spam::SpamFindingJson("page", f.filename().string(), r.value()), &findings);
      ++pages;
    }
  }
  if (spam_errors > 0) return fail(fmt::format("spam detection failed on {} posts", spam_errors.load()));
  progress.End(fmt::format("{} posts and {} pages: {} spam findings", posts.size(), pages,
                           findings.size() - before));

  progress.Begin("water armies");
  coord::CoordResult coord_result = coord::DetectWaterArmies(w, coord_config);
  coord_result.posts.clear();
  before = findings.size();
  AddLines(coord::FindingsJsonl(w, coord_result), &findings);
  std::string groups = coord::GroupsJsonl(w, coord_result, 50);
  progress.End(fmt::format("{} groups, {} findings", coord_result.groups.size(),
                           findings.size() - before));

  // Narratives: near-duplicate clusters, bursts, cascades; the post-level copy_paste findings
  // are theirs (docs/narratives.md says why), so coord's post findings are not written.
  progress.Begin("narratives");
  narr::NarrInputs narr_in;
  narr_in.suspicious.assign(w.accounts.size(), 0);
  for (const coord::AccountFinding& f : coord_result.accounts) narr_in.suspicious[f.account] = 1;
  if (registry.size() > 0) {
    narr_in.post_claim.assign(posts.size(), kNone);
    for (PostId i = 0; i < posts.size(); ++i)
      if (!rumor_lines[i].empty())
        narr_in.post_claim[i] = w.claims.ids.Find(matcher.Match(posts.text(i), posts.time[i])[0].claim_id);
  }
  narr::NarrResult narr_result = narr::FindNarratives(w, narr_config, narr_in);
  before = findings.size();
  AddLines(narr::CopyPasteFindingsJsonl(w, narr_result, narr_config), &findings);
  const std::pair<const char*, std::string> narr_files[] = {
      {"clusters.jsonl", narr::ClustersJsonl(w, narr_result)},
      {"claim_cascades.jsonl", narr::ClaimCascadesJsonl(w, narr_result)}};
  for (const auto& [name, bytes] : narr_files) {
    OutputFile nout;
    st = nout.Open((fs::path(a.out) / name).string());
    if (st.ok()) st = nout.Write(bytes);
    if (st.ok()) st = nout.Commit();
    if (!st.ok()) return fail(st.message());
  }
  progress.End(fmt::format("{} clusters, {} copy_paste findings; {}", narr_result.clusters.size(),
                           findings.size() - before, narr::StatsJson(narr_result)));

  // Sorted by (subject, id, label); a subject with several detectors' findings keeps each.
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Line& x, const Line& y) { return x.key < y.key; });
  OutputFile out;
  st = out.Open((fs::path(a.out) / "findings.jsonl").string());
  for (const Line& l : findings) {
    if (st.ok()) st = out.Write(l.text);
    if (st.ok()) st = out.Write("\n");
    ++by_label[LabelOf(l.text)];
  }
  if (st.ok()) st = out.Commit();
  if (!st.ok()) return fail(st.message());
  OutputFile gout;
  st = gout.Open((fs::path(a.out) / "groups.jsonl").string());
  if (st.ok()) st = gout.Write(groups);
  if (st.ok()) st = gout.Commit();
  if (!st.ok()) return fail(st.message());

  // summary.json holds counts only (no timings), so it is deterministic too.
  std::string s = "{\"inputs\":[";
  for (size_t i = 0; i < a.events.size(); ++i) {
    if (i) s += ",";
    AppendJsonString(&s, a.events[i]);
  }
  s += fmt::format("],\"accounts\":{},\"posts\":{},\"engagements\":{},\"claims\":{},\"pages\":{},"
                   "\"rejected\":{},\"dangling\":{},\"findings\":{},\"groups\":{},\"by_label\":{{",
                   w.accounts.size(), w.posts.size(), w.engagements.size(), w.claims.size(), pages,
                   stats.rejected, stats.dangling.total(), findings.size(),
                   coord_result.groups.size());
  bool first = true;
  for (const auto& [label, n] : by_label) {
    s += first ? "" : ",";
    AppendJsonString(&s, label);
    s += ":" + std::to_string(n);
    first = false;
  }
  s += "}}\n";
  OutputFile sout;
  st = sout.Open((fs::path(a.out) / "summary.json").string());
  if (st.ok()) st = sout.Write(s);
  if (st.ok()) st = sout.Commit();
  if (!st.ok()) return fail(st.message());
  if (!a.quiet) std::fprintf(stderr, "scan: finished in %.1f s\n", progress.total());
  std::printf("%s/findings.jsonl: %zu findings", a.out.c_str(), findings.size());
  for (const auto& [label, n] : by_label) std::printf("  %s %llu", label.c_str(), static_cast<unsigned long long>(n));
  std::printf("\n%s/summary.json, %s/groups.jsonl%s\n", a.out.c_str(), a.out.c_str(),
              stats.rejected ? (", " + a.out + "/rejects.jsonl").c_str() : "");
  return kExitOk;
}

}  // namespace

void RegisterScan(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "The main job: ingest events, run every detector, write findings.jsonl, "
              "groups.jsonl, summary.json. Exit 0 done, 2 unusable input.");
  cmd->add_option("events", args->events, "Event files (JSONL or .jsonl.zst; claims may be among them)")
      ->required();
  cmd->add_option("--out", args->out, "Output directory")->required();
  cmd->add_option("--pages", args->pages, "A directory of crawled pages (text or HTML) to check for spam");
  cmd->add_option("--rumor-config", args->rumor_config, "Rumor matching configuration (JSON)");
  cmd->add_option("--spam-config", args->spam_config, "Spam detection configuration (JSON)");
  cmd->add_option("--coord-config", args->coord_config, "Water-army detection configuration (JSON)");
  cmd->add_option("--narr-config", args->narr_config, "Narrative detection configuration (JSON)");
  cmd->add_option("--max-line-bytes", args->max_line_bytes, "Longest accepted line (default 1 MiB)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--quiet", args->quiet, "No progress on stderr");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
