// Spam detector throughput and quality on `sluice gen` output.
//   bench_spam DIR [--reps N] [--findings FILE]
// DIR holds pages/*.txt, truth.jsonl and (optionally) events.jsonl.zst. Every page is read into
// memory, then Detect runs over all of them N times on one thread; MB/s per core comes from the
// fastest pass, in the thread's CPU time. Quality is
// measured on the first pass against truth.jsonl: span precision and recall in code points,
// injected blocks found (at least half of a block's code points inside a detected span), and
// clean pages left unchanged byte for byte. Posts of events.jsonl.zst, when present, are checked
// one at a time the same way. Prints one JSON line per subject kind. --findings writes
// findings.jsonl (pages and posts, sorted) for `sluice eval`.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <simdjson.h>

#include "core/output_file.h"
#include "ingest/ingest.h"
#include "spam/page_cleaner.h"
#include "spam/spam_detector.h"
#include "spam/spam_finding.h"

using namespace sluice;
namespace fs = std::filesystem;
using Spans = std::vector<std::pair<uint64_t, uint64_t>>;

namespace {

// CPU seconds of this thread: the machine is shared, so wall time would measure the neighbours.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Spans Merge(Spans s) {
  std::sort(s.begin(), s.end());
  Spans out;
  for (auto x : s) {
    if (x.first >= x.second) continue;
    if (!out.empty() && x.first <= out.back().second) out.back().second = std::max(out.back().second, x.second);
    else out.push_back(x);
  }
  return out;
}

uint64_t Covered(const Spans& a) {
  uint64_t n = 0;
  for (auto x : a) n += x.second - x.first;
  return n;
}

uint64_t Overlap(const Spans& a, const Spans& b) {
  uint64_t n = 0;
  for (auto x : a)
    for (auto y : b) {
      uint64_t lo = std::max(x.first, y.first), hi = std::min(x.second, y.second);
      if (lo < hi) n += hi - lo;
    }
  return n;
}

struct Tally {
  uint64_t subjects = 0, bytes = 0, tp = 0, fp = 0, fn = 0, blocks = 0, blocks_found = 0;
  uint64_t spam_subjects = 0, clean_subjects = 0, clean_unchanged = 0, spam_flagged = 0;
  double seconds = 0;

  void Add(const Spans& truth_raw, const Spans& found_raw) {
    Spans truth = Merge(truth_raw), found = Merge(found_raw);
    uint64_t both = Overlap(truth, found);
    tp += both;
    fp += Covered(found) - both;
    fn += Covered(truth) - both;
    for (auto t : truth_raw) {
      ++blocks;
      blocks_found += 2 * Overlap({t}, found) >= t.second - t.first;
    }
    if (truth.empty()) {
      ++clean_subjects;
      clean_unchanged += found.empty();
    } else {
      ++spam_subjects;
      spam_flagged += !found.empty();
    }
  }
  void Print(const char* kind, int reps) const {
    double p = tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0;
    double r = tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0;
    std::printf(
        "{\"subject\":\"%s\",\"count\":%llu,\"bytes\":%llu,\"reps\":%d,\"best_pass_seconds\":%.3f,"
        "\"mb_per_s\":%.1f,\"span_precision\":%.5f,\"span_recall\":%.5f,\"blocks\":%llu,"
        "\"blocks_found\":%llu,\"spam_subjects\":%llu,\"spam_subjects_flagged\":%llu,"
        "\"clean_subjects\":%llu,\"clean_unchanged\":%llu,\"clean_unchanged_share\":%.5f}\n",
        kind, static_cast<unsigned long long>(subjects), static_cast<unsigned long long>(bytes), reps,
        seconds, seconds > 0 ? bytes / 1e6 / seconds : 0.0, p, r,
        static_cast<unsigned long long>(blocks), static_cast<unsigned long long>(blocks_found),
        static_cast<unsigned long long>(spam_subjects), static_cast<unsigned long long>(spam_flagged),
        static_cast<unsigned long long>(clean_subjects),
        static_cast<unsigned long long>(clean_unchanged),
        clean_subjects ? static_cast<double>(clean_unchanged) / clean_subjects : 1.0);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_spam DIR [--reps N] [--findings FILE]\n");
    return 2;
  }
  fs::path dir = argv[1];
  int reps = 3;
  std::string findings_path;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--reps") reps = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--findings") findings_path = argv[i + 1];
    else {
      std::fprintf(stderr, "bench_spam: unknown option %s\n", a.c_str());
      return 2;
    }
  }

  // Truth: spam spans per (subject, id).
  std::map<std::pair<std::string, std::string>, Spans> truth;
  {
    std::ifstream in(dir / "truth.jsonl");
    if (!in) {
      std::fprintf(stderr, "bench_spam: %s: cannot read\n", (dir / "truth.jsonl").c_str());
      return 2;
    }
    simdjson::dom::parser parser;
    std::string line;
    while (std::getline(in, line)) {
      simdjson::dom::element e;
      if (parser.parse(line).get(e) != simdjson::SUCCESS) continue;
      std::string_view subject, id, label;
      if (e["subject"].get(subject) || e["id"].get(id) || e["label"].get(label)) continue;
      if (label != "spam") continue;
      Spans& s = truth[{std::string(subject), std::string(id)}];
      simdjson::dom::array spans;
      if (e["spans"].get(spans)) continue;
      for (auto sp : spans) {
        simdjson::dom::array pair;
        if (sp.get(pair) || pair.size() != 2) continue;
        s.push_back({pair.at(0).get_uint64().value_unsafe(), pair.at(1).get_uint64().value_unsafe()});
      }
    }
  }

  auto det = spam::SpamDetector::Create(spam::SpamConfig{});
  if (!det.ok()) {
    std::fprintf(stderr, "bench_spam: %s\n", det.status().message().c_str());
    return 2;
  }
  std::vector<std::string> findings;

  // Pages.
  std::vector<std::string> names, texts;
  for (const auto& e : fs::directory_iterator(dir / "pages"))
    if (e.path().extension() == ".txt") names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  Tally pages;
  for (const std::string& n : names) {
    texts.push_back(ReadAll(dir / "pages" / n));
    pages.bytes += texts.back().size();
  }
  pages.subjects = names.size();
  std::vector<spam::SpamReport> reports(names.size());
  // The fastest of the passes: on a shared machine the slower ones measure the neighbours.
  pages.seconds = 1e300;
  for (int r = 0; r < reps; ++r) {
    double t0 = CpuSeconds();
    for (size_t i = 0; i < texts.size(); ++i) {
      auto rep = det.value()->Detect(texts[i]);
      if (!rep.ok()) {
        std::fprintf(stderr, "bench_spam: %s: %s\n", names[i].c_str(), rep.status().message().c_str());
        return 2;
      }
      if (r == 0) reports[i] = std::move(rep).value();
    }
    pages.seconds = std::min(pages.seconds, CpuSeconds() - t0);
  }
  for (size_t i = 0; i < names.size(); ++i) {
    Spans found;
    for (const auto& s : reports[i].spans) found.push_back({s.begin, s.end});
    auto it = truth.find({"page", names[i]});
    pages.Add(it == truth.end() ? Spans{} : it->second, found);
    std::string f = spam::SpamFindingJson("page", names[i], reports[i]);
    if (!f.empty()) findings.push_back(f);
  }
  pages.Print("page", reps);

  // Posts.
  fs::path events = dir / "events.jsonl.zst";
  if (fs::exists(events)) {
    RejectSink rejects(0, 256);
    IngestOptions opt;
    opt.salt = "bench";
    IngestStats stats;
    Result<World> world = Ingest({events.string()}, opt, &rejects, &stats);
    if (!world.ok()) {
      std::fprintf(stderr, "bench_spam: %s\n", world.status().message().c_str());
      return 2;
    }
    const PostTable& posts = world.value().posts;
    Tally tally;
    std::vector<spam::SpamReport> post_reports(posts.size());
    tally.seconds = 1e300;
    for (int r = 0; r < reps; ++r) {
      double p0 = CpuSeconds();
      for (PostId p = 0; p < posts.size(); ++p) {
        if (!posts.declared[p]) continue;
        auto rep = det.value()->Detect(posts.text(p));
        if (!rep.ok()) return 2;
        if (r == 0) post_reports[p] = std::move(rep).value();
      }
      tally.seconds = std::min(tally.seconds, CpuSeconds() - p0);
    }
    for (PostId p = 0; p < posts.size(); ++p) {
      if (!posts.declared[p]) continue;
      ++tally.subjects;
      tally.bytes += posts.text(p).size();
      std::string id(posts.ids.Get(p));
      Spans found;
      for (const auto& s : post_reports[p].spans) found.push_back({s.begin, s.end});
      auto it = truth.find({"post", id});
      tally.Add(it == truth.end() ? Spans{} : it->second, found);
      std::string f = spam::SpamFindingJson("post", id, post_reports[p]);
      if (!f.empty()) findings.push_back(f);
    }
    tally.Print("post", reps);
  }

  if (!findings_path.empty()) {
    std::sort(findings.begin(), findings.end());
    OutputFile out;
    Status st = out.Open(findings_path);
    for (const std::string& f : findings)
      if (st.ok()) st = out.Write(f);
    if (st.ok()) st = out.Commit();
    if (!st.ok()) {
      std::fprintf(stderr, "bench_spam: %s\n", st.message().c_str());
      return 2;
    }
  }
  return 0;
}
