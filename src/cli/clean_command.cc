// `sluice clean FILE... [--out DIR] [--json]`: finds injected spam blocks in text or HTML pages
// and writes the pages without them. Text input comes out with every line outside the blocks
// byte for byte; HTML input comes out as its visible text, cleaned. With --json, one line per
// input lists the blocks: code point offsets into the input as given, category, score, signals.
// With --findings, the same blocks in the shared findings.jsonl format (docs/findings.md).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/output_file.h"
#include "spam/html_text.h"
#include "spam/page_cleaner.h"
#include "spam/spam_config.h"
#include "spam/spam_detector.h"
#include "spam/spam_finding.h"

namespace sluice::cli {
namespace {

struct CleanArgs {
  std::vector<std::string> files;
  std::string out_dir;
  bool json = false;
  std::string config_path;
  std::string lexicon_dir;
  std::string format = "auto";
  std::string findings_path;
};

void Fail(const std::string& file, const std::string& why) {
  std::fprintf(stderr, "sluice clean: %s: %s\n", file.c_str(), why.c_str());
}

bool ReadInput(const std::string& path, std::string* bytes) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *bytes = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *bytes = ss.str();
  return !in.bad();
}

std::string OutName(const std::string& input) {
  return input == "-" ? "stdin.txt" : std::filesystem::path(input).filename().string();
}

std::string ToUtf8(const std::vector<char32_t>& cps) {
  std::string s;
  s.reserve(cps.size() * 3);
  for (char32_t c : cps) spam::AppendUtf8(c, &s);
  return s;
}

int Run(const CleanArgs& a) {
  std::vector<std::string> files = a.files.empty() ? std::vector<std::string>{"-"} : a.files;
  if (a.format != "auto" && a.format != "text" && a.format != "html") {
    Fail("--format", "must be auto, text or html");
    return kExitUnusable;
  }
  if (!a.out_dir.empty()) {
    std::set<std::string> names;
    for (const std::string& f : files) {
      if (!names.insert(OutName(f)).second) {
        Fail(f, "two inputs would write the same file " + OutName(f) + " in " + a.out_dir);
        return kExitUnusable;
      }
    }
    std::error_code ec;
    std::filesystem::create_directories(a.out_dir, ec);
    if (ec) {
      Fail(a.out_dir, ec.message());
      return kExitUnusable;
    }
  }

  spam::SpamConfig config;
  if (!a.config_path.empty()) {
    Result<spam::SpamConfig> c = spam::LoadSpamConfig(a.config_path);
    if (!c.ok()) {
      std::fprintf(stderr, "sluice clean: %s\n", c.status().message().c_str());
      return kExitUnusable;
    }
    config = c.value();
  }
  if (!a.lexicon_dir.empty()) config.lexicon_dir = a.lexicon_dir;
  Result<std::unique_ptr<spam::SpamDetector>> det = spam::SpamDetector::Create(config);
  if (!det.ok()) {
    std::fprintf(stderr, "sluice clean: %s\n", det.status().message().c_str());
    return kExitUnusable;
  }

  OutputFile findings_out;
  if (!a.findings_path.empty()) {
    Status st = findings_out.Open(a.findings_path);
    if (!st.ok()) {
      Fail(a.findings_path, st.message());
      return kExitUnusable;
    }
  }
  std::vector<std::string> findings;  // sorted before writing: output must not depend on order

  bool any_spam = false;
  for (const std::string& file : files) {
    std::string bytes;
    if (!ReadInput(file, &bytes)) {
      Fail(file, "cannot read");
      return kExitUnusable;
    }
    bool html = a.format == "html" || (a.format == "auto" && spam::LooksLikeHtml(bytes));
    std::vector<char32_t> cps;
    spam::DecodeUtf8(bytes, &cps);
    spam::HtmlText page;
    Result<spam::SpamReport> report = Status::Internal("unset");
    std::string text;  // what the spans index and what is cleaned
    if (html) {
      spam::HtmlToText(cps, &page);
      report = det.value()->Detect(page.text, page.in_link);
      text = ToUtf8(page.text);
    } else {
      report = det.value()->Detect(cps);
      text = std::move(bytes);
    }
    if (!report.ok()) {
      Fail(file, report.status().message());
      return kExitUnusable;
    }
    std::vector<spam::CpSpan> spans;
    for (const spam::SpamSpan& s : report.value().spans) spans.push_back({s.begin, s.end});
    std::string cleaned = spam::CleanText(text, spans);
    any_spam |= !spans.empty();
    // Reported spans are code point offsets into the input as given: for HTML, into the markup.
    spam::SpamReport shown = report.value();
    if (html) {
      for (spam::SpamSpan& s : shown.spans) {
        uint32_t b = page.origin_begin[s.begin];
        uint32_t e = page.origin_end[s.end - 1];
        s.begin = b;
        s.end = e;
      }
      shown.code_points = static_cast<uint32_t>(cps.size());
    }
    if (!a.findings_path.empty()) {
      std::string f = spam::SpamFindingJson("page", OutName(file), shown);
      if (!f.empty()) findings.push_back(std::move(f));
    }

    if (!a.out_dir.empty()) {
      OutputFile out;
      std::string path = (std::filesystem::path(a.out_dir) / OutName(file)).string();
      Status st = out.Open(path);
      if (st.ok()) st = out.Write(cleaned);
      if (st.ok()) st = out.Commit();
      if (!st.ok()) {
        Fail(path, st.message());
        return kExitUnusable;
      }
    } else if (!a.json) {
      std::fwrite(cleaned.data(), 1, cleaned.size(), stdout);
    }
    if (a.json) {
      std::string line = "{\"file\":";
      AppendJsonString(&line, file);
      line += ",\"format\":";
      line += html ? "\"html\"" : "\"text\"";
      line += ",\"code_points\":" + std::to_string(shown.code_points) + ",\"spans\":";
      spam::AppendSpansJson(&line, shown);
      line += "}\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
  }
  if (!a.findings_path.empty()) {
    std::sort(findings.begin(), findings.end());
    Status st;
    for (const std::string& f : findings)
      if (st.ok()) st = findings_out.Write(f);
    if (st.ok()) st = findings_out.Commit();
    if (!st.ok()) {
      Fail(a.findings_path, st.message());
      return kExitUnusable;
    }
  }
  return any_spam ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterClean(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CleanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "clean", "Remove injected spam blocks (SEO keyword lists) from text or HTML pages. "
               "Exit 0 no spam, 1 spam found and removed, 2 unusable input.");
  cmd->add_option("files", args->files, "Text or HTML files; - or none for stdin");
  cmd->add_option("--out", args->out_dir,
                  "Write one cleaned file per input into this directory (same file name) "
                  "instead of printing the cleaned text");
  cmd->add_flag("--json", args->json,
                "Print one JSON line per input: the spam spans (code point offsets into the "
                "input), their category, score and signals");
  cmd->add_option("--config", args->config_path, "Spam config JSON (default: built-in, as config/spam.json)");
  cmd->add_option("--lexicon", args->lexicon_dir, "Directory of phrase lists (default: built-in data/spam)");
  cmd->add_option("--format", args->format, "auto (default), text or html");
  cmd->add_option("--findings", args->findings_path,
                  "Also write findings.jsonl (label spam, subject page, id the file name)");
  cmd->callback([args, exit_code] { *exit_code = Run(*args); });
}

}  // namespace sluice::cli
