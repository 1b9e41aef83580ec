// `sluice match --claims FILE [FILE...|-]`: checks posts against the registry of debunked claims
// and reports every post that spreads one, with the evidence; `--findings OUT` writes them as
// findings.jsonl (label rumor, with the claim) for `sluice eval` and the case file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/post_input.h"
#include "core/json_writer.h"
#include "core/output_file.h"
#include "rumor/claims_file.h"
#include "rumor/match_json.h"
#include "rumor/matcher.h"
#include "text/char_table.h"
#include "text/normalization.h"

namespace sluice::cli {
namespace {

struct MatchArgs {
  std::vector<std::string> claims;
  std::vector<std::string> files;
  std::vector<std::string> events;
  std::string config;
  std::string findings;
  bool json = false;
  bool all = false;
};

struct Finding {
  std::string id;
  std::string line;
};

void PrintHuman(std::string_view id, const rumor::ClaimMatch& m, std::string_view text) {
  std::string quote;
  for (const rumor::Span& s : m.spans) {
    if (!quote.empty()) quote += " … ";
    quote += rumor::CodePointSubstring(text, s.begin, s.end);
  }
  std::string edits;
  for (std::string_view n : text::NormalizationNames(m.normalizations))
    edits += (edits.empty() ? "" : ",") + std::string(n);
  std::string debunk;
  for (const rumor::DebunkCue& c : m.debunk) debunk += (debunk.empty() ? "" : ",") + c.cue;
  std::printf("%.*s\t%s\t%s\tscore %.3f\tcontainment %.3f (chars %.3f, sounds %.3f)%s%s%s\t\"%s\"\n",
              static_cast<int>(id.size()), id.data(), m.claim_id.c_str(),
              m.flagged ? "rumor" : "not_flagged", m.score, m.containment, m.char_containment,
              m.sound_containment, edits.empty() ? "" : "\tedits ", edits.c_str(),
              debunk.empty() ? "" : ("\tdebunk " + debunk).c_str(), quote.c_str());
}

int Run(const MatchArgs& a) {
  auto fail = [](const std::string& msg) {
    std::fprintf(stderr, "sluice match: %s\n", msg.c_str());
    return kExitUnusable;
  };
  rumor::RumorConfig config;
  if (!a.config.empty()) {
    Result<rumor::RumorConfig> c = rumor::LoadRumorConfig(a.config);
    if (!c.ok()) return fail(c.status().message());
    config = c.value();
  }
  std::vector<std::string> inputs = a.files;
  inputs.insert(inputs.end(), a.events.begin(), a.events.end());
  if (inputs.empty()) inputs.push_back("-");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1)
    return fail("-: stdin can be read only once");

  auto t0 = std::chrono::steady_clock::now();
  rumor::ClaimRegistry registry(config);
  for (const std::string& path : a.claims) {
    Result<std::vector<rumor::Claim>> claims = rumor::ReadClaims(path);
    if (!claims.ok()) return fail(claims.status().message());
    Status st = registry.Add(std::move(claims).value());
    if (!st.ok()) return fail(path + ": " + st.message());
  }
  text::CharTable::Get();
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rumor::Matcher matcher(registry);

  OutputFile findings_out;
  if (!a.findings.empty()) {
    Status st = findings_out.Open(a.findings);
    if (!st.ok()) return fail(st.message());
  }
  std::vector<Finding> findings;
  uint64_t posts = 0, flagged_posts = 0, not_flagged = 0, skipped = 0, problems = 0;
  std::string buf;
  auto t1 = std::chrono::steady_clock::now();
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<PostInput>> in = PostInput::Open(path);
    if (!in.ok()) return fail(in.status().message());
    PostInput::Item item;
    for (;;) {
      Status st = in.value()->Next(&item);
      if (!st.ok()) return fail(st.message());
      if (item.kind == PostInput::Kind::kEnd) break;
      if (item.kind == PostInput::Kind::kSkipped) {
        ++skipped;
        continue;
      }
      if (item.kind == PostInput::Kind::kProblem) {
        ++problems;
        std::fprintf(stderr, "sluice match: %s:%llu: %s\n", path.c_str(),
                     static_cast<unsigned long long>(item.line), item.problem.c_str());
        continue;
      }
      ++posts;
      std::vector<rumor::ClaimMatch> ms = matcher.Match(item.text, item.time);
      bool any = !ms.empty() && ms[0].flagged;
      flagged_posts += any;
      for (const rumor::ClaimMatch& m : ms) not_flagged += !m.flagged;
      if (any && !a.findings.empty()) {
        Finding f{std::string(item.id), {}};
        rumor::AppendFindingLine(&f.line, item.id, ms[0], item.text);
        findings.push_back(std::move(f));
      }
      if (!a.findings.empty()) continue;
      for (const rumor::ClaimMatch& m : ms) {
        if (!m.flagged && !a.all) continue;
        if (a.json) {
          buf.clear();
          rumor::AppendMatchLine(&buf, item.id, m, item.text);
          std::fwrite(buf.data(), 1, buf.size(), stdout);
        } else {
          PrintHuman(item.id, m, item.text);
        }
      }
    }
  }
  double match_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  if (!a.findings.empty()) {
    // Findings are sorted by post id so the same input gives the same bytes.
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& x, const Finding& y) { return x.id < y.id; });
    for (const Finding& f : findings) {
      Status st = findings_out.Write(f.line);
      if (!st.ok()) return fail(st.message());
    }
    Status st = findings_out.Commit();
    if (!st.ok()) return fail(st.message());
  }
  std::fprintf(stderr,
               "sluice match: %zu claims (%zu matchable) loaded in %.2f s; %llu posts, %llu "
               "flagged, %llu matches not flagged (outweighed by debunking context), %llu other records "
               "skipped, %llu bad lines; %.0f posts/s\n",
               registry.size(), registry.matchable(), load_s, static_cast<unsigned long long>(posts),
               static_cast<unsigned long long>(flagged_posts),
               static_cast<unsigned long long>(not_flagged), static_cast<unsigned long long>(skipped),
               static_cast<unsigned long long>(problems), match_s > 0 ? posts / match_s : 0.0);
  return flagged_posts > 0 || problems > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterMatch(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<MatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "match",
      "Find posts that spread a debunked claim. Exit 0 none found, 1 found (or bad lines), 2 "
      "unusable input.");
  cmd->add_option("--claims", args->claims,
                  "Claims: JSONL (claims.jsonl of sluice gen) or a claim database (sluice claims)")
      ->required()
      ->expected(1, -1)
      ->allow_extra_args(false);
  cmd->add_option("files", args->files,
                  "Posts: JSONL (schema v1 posts, or objects with id and text) or plain lines; "
                  "- or none for stdin");
  cmd->add_option("--events", args->events, "Event files (schema v1, plain or .zst) to scan")
      ->allow_extra_args(false);
  cmd->add_option("--config", args->config, "Rumor configuration (default: compiled-in, as config/rumor.json)");
  cmd->add_option("--findings", args->findings,
                  "Write findings.jsonl (label rumor, with the claim) to this file instead of "
                  "listing matches");
  cmd->add_flag("--json", args->json, "One JSON object per match, with signals and evidence");
  cmd->add_flag("--all", args->all, "Also list matches that debunking context kept from being flagged");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
