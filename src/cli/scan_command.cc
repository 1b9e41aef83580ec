// `sluice scan EVENTS… --out DIR`: the main job. Ingests the events, runs every detector that has
// landed (rumor matching against the claim registry, injected spam in posts and pages, water
// armies, narratives), scores every detector's signals through one configuration
// (config/scoring.json, or --config over it), and writes DIR/findings.jsonl (sorted: the same
// input and config give the same bytes), DIR/groups.jsonl, DIR/clusters.jsonl,
// DIR/claim_cascades.jsonl, DIR/rejects.jsonl (when any), DIR/summary.json and DIR/report.html. With --db the findings go into the case store. docs/scan.md documents it.
//
// Per-post detectors (rumor, spam) run on every core through their thread-safe one-post APIs,
// the same calls the HTTP service and stream workers will make.
#include <unistd.h>

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
#include "cli/progress.h"
#include "cli/scan_cases.h"
#include "coord/coord_config.h"
#include "coord/coord_output.h"
#include "coord/water_army.h"
#include "core/json_writer.h"
#include "core/output_file.h"
#include "ingest/ingest.h"
#include "narr/narr_config.h"
#include "narr/narr_output.h"
#include "narr/narratives.h"
#include "report/report_html.h"
#include "report/timeline.h"
#include "rumor/claim_registry.h"
#include "rumor/claims_file.h"
#include "rumor/match_json.h"
#include "rumor/matcher.h"
#include "rumor/rumor_config.h"
#include "score/finding_context.h"
#include "score/finding_signals.h"
#include "score/scorer.h"
#include "score/scoring_config.h"
#include "spam/spam_accounts.h"
#include "spam/spam_config.h"
#include "spam/spam_detector.h"
#include "spam/spam_finding.h"
#include "text/char_table.h"

namespace sluice::cli {
namespace {

namespace fs = std::filesystem;

struct ScanArgs {
  std::vector<std::string> events;
  std::string out;
  std::string pages;
  std::string claims;
  std::string config;
  std::string db;
  std::string rumor_config, spam_config, coord_config, narr_config;
  size_t max_line_bytes = 1 << 20;
  bool quiet = false;
  bool timings = false;
  bool report = true;
};

// Splits a detector's JSONL output into its lines, for the scoring stage.
void AddLines(const std::string& jsonl, std::vector<std::string_view>* out) {
  size_t pos = 0;
  while (pos < jsonl.size()) {
    size_t nl = jsonl.find('\n', pos);
    if (nl == std::string::npos) nl = jsonl.size();
    if (nl > pos) out->push_back(std::string_view(jsonl).substr(pos, nl - pos));
    pos = nl + 1;
  }
}

// Runs `fn(i)` for i in [0, n) on every core; `fn` must be thread-safe.
template <typename Fn>
void ParallelFor(size_t n, Progress* progress, Fn fn) {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(256)) < n;) {
        for (size_t k = i; k < std::min(n, i + 256); ++k) fn(k);
        progress->Advance(std::min(n, i + 256) - i);
      }
    });
  for (std::thread& th : pool) th.join();
}

Status WriteWhole(const std::string& path, const std::string& bytes) {
  OutputFile out;
  SLUICE_RETURN_IF_ERROR(out.Open(path));
  SLUICE_RETURN_IF_ERROR(out.Write(bytes));
  return out.Commit();
}

void AppendCounts(std::string* s, const std::map<std::string, uint64_t>& m) {
  *s += "{";
  bool first = true;
  for (const auto& [k, n] : m) {
    if (!first) *s += ",";
    first = false;
    AppendJsonString(s, k);
    *s += fmt::format(":{}", n);
  }
  *s += "}";
}

int Run(const ScanArgs& a) {
  auto fail = [](const std::string& msg) {
    // On a terminal the error replaces the phase's status line rather than trailing it.
    if (::isatty(STDERR_FILENO)) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "sluice scan: %s\n", msg.c_str());
    return kExitUnusable;
  };
  std::error_code ec;
  fs::create_directories(a.out, ec);
  if (ec) return fail(a.out + ": cannot create: " + ec.message());
  const fs::path out_dir(a.out);

  // Configurations first: a bad one should fail before any long work.
  Result<ScoringConfig> scoring = LoadScoringConfig(a.config);
  if (!scoring.ok()) return fail(scoring.status().message());
  const ScoringConfig& scoring_config = scoring.value();
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
  std::vector<rumor::Claim> claims;
  if (!a.claims.empty()) {
    Result<std::vector<rumor::Claim>> c = rumor::ReadClaims(a.claims);
    if (!c.ok()) return fail(c.status().message());
    claims = std::move(c).value();
  }
  Status st = CheckInputs(a.events);
  if (!st.ok()) return fail(st.message());

  Progress progress("scan", a.quiet);
  uint64_t input_bytes = 0;
  for (const std::string& e : a.events) {
    uintmax_t n = e == "-" ? 0 : fs::file_size(e, ec);
    if (e != "-" && !ec) input_bytes += n;
  }
  // Standard input has no size: its share of the work is unknowable, so no time left is shown.
  if (std::find(a.events.begin(), a.events.end(), "-") != a.events.end()) input_bytes = 0;
  IngestProgress ingest_progress;
  progress.Begin("ingest", "records");
  progress.CountFrom(&ingest_progress.lines);
  progress.SetEtaSource(&ingest_progress.bytes_in, input_bytes);
  RejectSink rejects(5, 1024);
  st = rejects.OpenFile((out_dir / "rejects.jsonl").string());
  if (!st.ok()) return fail(st.message());
  IngestOptions opt;
  opt.max_line_bytes = a.max_line_bytes;
  opt.salt = TokenSalt("sluice-default-salt");
  opt.progress = &ingest_progress;
  IngestStats stats;
  Result<World> loaded = Ingest(a.events, opt, &rejects, &stats);
  if (!loaded.ok()) return fail(loaded.status().message());
  st = rejects.Commit();
  if (!st.ok()) return fail(st.message());
  const World& w = loaded.value();
  progress.End(fmt::format("{} posts, {} engagements, {} claims, {} rejected", w.posts.size(),
                           w.engagements.size(), w.claims.size(), stats.rejected));

  // Detectors write finding lines, by room; the scoring stage re-weighs their signals.
  std::map<std::string, std::vector<std::string_view>> lines;
  auto line_count = [&lines] {
    size_t n = 0;
    for (const auto& [room, v] : lines) n += v.size();
    return n;
  };

  // Rumors: the registry is every claim record in the input, then the --claims file (a claim of
  // the file replaces an event's claim with the same id).
  progress.Begin("rumor and spam", "posts", w.posts.size());
  rumor::ClaimRegistry registry(rumor_config);
  std::vector<rumor::Claim> all_claims;
  for (ClaimId c = 0; c < w.claims.size(); ++c)
    all_claims.push_back(rumor::Claim{std::string(w.claims.ids.Get(c)), w.claims.text[c],
                                      w.claims.source[c], w.claims.verdict[c], w.claims.published[c]});
  for (rumor::Claim& c : claims) all_claims.push_back(std::move(c));
  st = registry.Add(std::move(all_claims));
  if (!st.ok()) return fail(st.message());
  text::CharTable::Get();
  rumor::Matcher matcher(registry);
  Result<std::unique_ptr<spam::SpamDetector>> spam_detector = spam::SpamDetector::Create(spam_config);
  if (!spam_detector.ok()) return fail(spam_detector.status().message());

  const PostTable& posts = w.posts;
  std::vector<std::string> rumor_lines(posts.size()), spam_lines(posts.size());
  std::vector<std::string> rumor_claim(posts.size());  // the flagged claim, for per-claim cascades
  std::atomic<uint64_t> spam_errors{0};
  ParallelFor(posts.size(), &progress, [&](size_t i) {
    if (!posts.declared[i]) return;
    std::string_view id = posts.ids.Get(static_cast<PostId>(i));
    std::string_view text = posts.text(static_cast<PostId>(i));
    if (registry.size() > 0) {
      std::vector<rumor::ClaimMatch> ms = matcher.Match(text, posts.time[i]);
      if (!ms.empty() && ms[0].flagged) {
        rumor::AppendFindingLine(&rumor_lines[i], id, ms[0], text);
        rumor_claim[i] = ms[0].claim_id;
      }
    }
    Result<spam::SpamReport> r = spam_detector.value()->Detect(text);
    if (!r.ok()) {
      ++spam_errors;
      return;
    }
    spam_lines[i] = spam::SpamFindingJson("post", id, r.value());
  });
  if (spam_errors > 0) return fail(fmt::format("spam detection failed on {} posts", spam_errors.load()));
  for (const std::string& l : rumor_lines) AddLines(l, &lines["rumor"]);
  for (const std::string& l : spam_lines) AddLines(l, &lines["spam"]);
  // Spam sources: accounts whose posts are mostly spam. The strings outlive scoring (AddLines
  // keeps views into them).
  std::vector<uint8_t> post_is_spam(posts.size());
  for (size_t i = 0; i < posts.size(); ++i) post_is_spam[i] = !spam_lines[i].empty();
  std::vector<std::string> spam_account_lines;
  for (const spam::SpamAccount& sa : spam::FindSpamAccounts(w, post_is_spam, spam_config.accounts))
    spam_account_lines.push_back(spam::SpamAccountFindingJson(w, sa, spam_config.accounts));
  for (const std::string& l : spam_account_lines) AddLines(l, &lines["spam"]);
  progress.End(fmt::format("{} posts matched against {} claims: {} rumor and {} spam candidates",
                           posts.size(), registry.size(), lines["rumor"].size(), lines["spam"].size()));

  uint64_t pages = 0;
  std::vector<std::string> page_lines;
  if (!a.pages.empty()) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(a.pages, ec))
      if (e.is_regular_file()) files.push_back(e.path());
    if (ec) return fail(a.pages + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    progress.Begin("spam in pages", "pages", files.size());
    for (const fs::path& f : files) {
      std::FILE* in = std::fopen(f.c_str(), "rb");
      if (in == nullptr) return fail(f.string() + ": cannot open");
      std::string text;
      char buf[65536];
      for (size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;) text.append(buf, n);
      std::fclose(in);
      Result<spam::SpamReport> r = spam_detector.value()->Detect(text);
      if (!r.ok()) return fail(f.string() + ": " + r.status().message());
      page_lines.push_back(spam::SpamFindingJson("page", f.filename().string(), r.value()));
      ++pages;
      progress.Advance(1);
    }
    for (const std::string& l : page_lines) AddLines(l, &lines["spam"]);
    progress.End(fmt::format("{} pages", pages));
  }

  progress.Begin("water armies", "");
  coord::CoordResult coord_result = coord::DetectWaterArmies(w, coord_config);
  // The post-level copy_paste findings are the narratives' (docs/narratives.md says why).
  coord_result.posts.clear();
  std::string coord_lines = coord::FindingsJsonl(w, coord_result);
  AddLines(coord_lines, &lines["coord"]);
  std::string groups = coord::GroupsJsonl(w, coord_result, 50);
  progress.End(fmt::format("{} groups", coord_result.groups.size()));

  // Narratives: near-duplicate clusters, bursts, cascades, and copy-paste campaigns.
  progress.Begin("narratives", "");
  narr::NarrInputs narr_in;
  narr_in.suspicious.assign(w.accounts.size(), 0);
  for (const coord::AccountFinding& f : coord_result.accounts) narr_in.suspicious[f.account] = 1;
  if (registry.size() > 0) {
    std::map<std::string, uint32_t, std::less<>> claim_index;
    narr_in.post_claim.assign(posts.size(), kNone);
    for (PostId i = 0; i < posts.size(); ++i) {
      if (rumor_claim[i].empty()) continue;
      const std::string& id = rumor_claim[i];
      auto [it, added] = claim_index.emplace(id, static_cast<uint32_t>(narr_in.claim_names.size()));
      if (added) narr_in.claim_names.push_back(id);
      narr_in.post_claim[i] = it->second;
    }
  }
  narr::NarrResult narr_result = narr::FindNarratives(w, narr_config, narr_in);
  std::string narr_lines = narr::CopyPasteFindingsJsonl(w, narr_result, narr_config);
  AddLines(narr_lines, &lines["narrative"]);
  st = WriteWhole((out_dir / "clusters.jsonl").string(), narr::ClustersJsonl(w, narr_result));
  if (st.ok())
    st = WriteWhole((out_dir / "claim_cascades.jsonl").string(), narr::ClaimCascadesJsonl(w, narr_result));
  if (!st.ok()) return fail(st.message());
  progress.End(fmt::format("{} clusters, {} copy-paste posts", narr_result.clusters.size(),
                           narr_result.copy_paste.size()));

  // Scoring: every detector's signals, weighed by one configuration (Rspamd's verdict).
  progress.Begin("scoring", "candidates", line_count());
  std::vector<Signal> signals;
  for (const auto& [room, room_lines] : lines) {
    for (std::string_view l : room_lines) {
      st = AppendSignalsOfFindingLine(l, room, &signals);
      if (!st.ok()) return fail(st.message());
      progress.Advance(1);
    }
  }
  st = CheckSignalsConfigured(signals, scoring_config);
  if (!st.ok()) return fail(st.message());
  ScoreStats score_stats;
  Result<std::vector<Finding>> scored = Score(std::move(signals), scoring_config, &score_stats);
  if (!scored.ok()) return fail(scored.status().message());
  std::vector<Finding> findings = std::move(scored).value();
  std::vector<std::vector<AccountId>> reached;
  AddFindingContext(w, &findings, &reached);
  const std::string findings_path = (out_dir / "findings.jsonl").string();
  st = WriteFindings(findings_path, findings);
  if (st.ok()) st = WriteWhole((out_dir / "groups.jsonl").string(), groups);
  if (!st.ok()) return fail(st.message());
  std::map<std::string, uint64_t> by_label, by_tactic;
  std::map<std::string, std::map<std::string, uint64_t>> by_platform;
  for (const Finding& f : findings) {
    ++by_label[f.label];
    if (!f.tactic.empty()) ++by_tactic[f.tactic];
    ++by_platform[f.platform.empty() ? "unknown" : f.platform][f.label];
  }
  progress.End(fmt::format("{} findings from {} signals", findings.size(), score_stats.signals));

  // Cases: into the user's store, or a throw-away one so summary.json always has the figures.
  progress.Begin("cases", "");
  UnixSeconds data_time = 0;
  for (PostId p = 0; p < posts.size(); ++p)
    if (posts.declared[p]) data_time = std::max<UnixSeconds>(data_time, posts.time[p]);
  for (size_t i = 0; i < w.engagements.size(); ++i)
    data_time = std::max<UnixSeconds>(data_time, w.engagements.time[i]);
  Result<ScanCases> cases =
      RecordScanInCases(a.db.empty() ? ":memory:" : a.db, findings_path, findings, reached,
                        scoring_config, data_time);
  if (!cases.ok()) return fail(cases.status().message());
  progress.End(fmt::format("{} opened, {} updated", cases.value().opened, cases.value().updated));

  // summary.json holds counts only (no timings, no wall-clock time), so it is deterministic too.
  std::string s = "{\"inputs\":[";
  for (size_t i = 0; i < a.events.size(); ++i) {
    if (i) s += ",";
    AppendJsonString(&s, a.events[i]);
  }
  s += "],\"claims_file\":";
  AppendJsonString(&s, a.claims);
  s += fmt::format(",\"accounts\":{},\"posts\":{},\"engagements\":{},\"claims\":{},\"pages\":{},"
                   "\"rejected\":{},\"dangling\":{},\"findings\":{},\"groups\":{},\"by_label\":",
                   w.accounts.size(), w.posts.size(), w.engagements.size(), registry.size(), pages,
                   stats.rejected, stats.dangling.total(), findings.size(), coord_result.groups.size());
  AppendCounts(&s, by_label);
  s += ",\"by_tactic\":";
  AppendCounts(&s, by_tactic);
  s += ",\"by_platform\":{";
  bool first = true;
  for (const auto& [platform, m] : by_platform) {
    if (!first) s += ",";
    first = false;
    AppendJsonString(&s, platform);
    s += ":";
    AppendCounts(&s, m);
  }
  s += "},\"scoring\":{\"config\":";
  AppendJsonString(&s, scoring_config.sources);
  s += fmt::format(",\"signals\":{},\"duplicates\":{},\"candidates\":{},\"below_threshold\":{}}}",
                   score_stats.signals, score_stats.duplicates, score_stats.candidates,
                   score_stats.below_threshold);
  s += ",\"narratives\":" + narr::StatsJson(narr_result);
  s += ",\"case_store\":";
  AppendJsonString(&s, a.db);
  s += fmt::format(",\"cases_this_scan\":{{\"opened\":{},\"updated\":{},\"reopened\":{}}},\"cases\":",
                   cases.value().opened, cases.value().updated, cases.value().reopened);
  s += cases.value().summary_json;
  s += ",\"timeline\":" + TimelineJson(w, findings) + "}\n";
  st = WriteWhole((out_dir / "summary.json").string(), s);
  if (!st.ok()) return fail(st.message());

  const std::string report_path = (out_dir / "report.html").string();
  if (a.report) {
    progress.Begin("report", "");
    st = WriteReportHtml(a.out, report_path);
    if (!st.ok()) return fail(st.message());
    progress.End(report_path);
  }

  if (a.timings) {
    for (const auto& [phase, secs] : progress.times())
      std::fprintf(stderr, "scan: phase %-16s %8.2f s\n", phase.c_str(), secs);
    std::fprintf(stderr, "scan: total            %8.2f s\n", progress.elapsed());
  }
  std::printf("%s: %zu findings", findings_path.c_str(), findings.size());
  for (const auto& [label, n] : by_label) std::printf("  %s %llu", label.c_str(), static_cast<unsigned long long>(n));
  std::printf("\n%s/summary.json, %s/groups.jsonl%s\n", a.out.c_str(), a.out.c_str(),
              stats.rejected ? (", " + a.out + "/rejects.jsonl").c_str() : "");
  if (!a.db.empty())
    std::printf("%s: %llu cases opened, %llu updated\n", a.db.c_str(),
                static_cast<unsigned long long>(cases.value().opened),
                static_cast<unsigned long long>(cases.value().updated));
  if (a.report) std::printf("report: %s\n", report_path.c_str());
  return kExitOk;
}

}  // namespace

void RegisterScan(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "The main job: ingest events, run every detector, score, write findings.jsonl, "
              "groups.jsonl, summary.json and report.html; with --db, open cases. "
              "Exit 0 done, 2 unusable input or configuration (docs/scan.md).");
  cmd->add_option("events", args->events, "Event files (JSONL or .jsonl.zst; claims may be among them)")
      ->required();
  cmd->add_option("--out", args->out, "Output directory")->required();
  cmd->add_option("--claims", args->claims, "Claims to match (JSONL or a claim database), besides the claim records among the events");
  cmd->add_option("--config", args->config, "Scoring configuration merged over config/scoring.json");
  cmd->add_option("--db", args->db, "Case store to open and update cases in (SQLite; created when missing)");
  cmd->add_option("--pages", args->pages, "A directory of crawled pages (text or HTML) to check for spam");
  cmd->add_option("--rumor-config", args->rumor_config, "Rumor matching configuration (JSON)");
  cmd->add_option("--spam-config", args->spam_config, "Spam detection configuration (JSON)");
  cmd->add_option("--coord-config", args->coord_config, "Water-army detection configuration (JSON)");
  cmd->add_option("--narr-config", args->narr_config, "Narrative detection configuration (JSON)");
  cmd->add_option("--max-line-bytes", args->max_line_bytes, "Longest accepted line (default 1 MiB, at most 1 GiB)")
      ->check(CLI::Range(size_t{1}, kMaxLineLimit));  // Ingest's limit, told before any work
  cmd->add_flag("--quiet", args->quiet, "No progress on the terminal");
  cmd->add_flag("--timings", args->timings, "Print each phase's wall time on stderr at the end");
  cmd->add_flag("!--no-report", args->report, "Do not write report.html");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
