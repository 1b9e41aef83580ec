// Narrative clustering throughput and memory: ingests an events file, then (1) adds every
// original post to a NarrativeClusterer one at a time on one thread, as a stream consumer would,
// and (2) runs the batch FindNarratives (parallel fingerprints, clusters, cascades, copy-paste).
// Prints one JSON line. Usage: bench_narr EVENTS...
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "narr/clusterer.h"
#include "narr/fingerprint.h"
#include "narr/narr_output.h"
#include "narr/narratives.h"

using namespace sluice;
using Clock = std::chrono::steady_clock;

static double PeakMiB() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_narr EVENTS...\n");
    return 2;
  }
  std::vector<std::string> files(argv + 1, argv + argc);
  RejectSink rejects(0, 0);
  IngestOptions opt;
  opt.salt = TokenSalt("bench");
  IngestStats stats;
  Result<World> loaded = Ingest(files, opt, &rejects, &stats);
  if (!loaded.ok()) {
    std::fprintf(stderr, "bench_narr: %s\n", loaded.status().message().c_str());
    return 2;
  }
  const World& w = loaded.value();
  double world_mib = PeakMiB();
  narr::NarrConfig c;

  auto t0 = Clock::now();
  narr::Fingerprinter f(c);
  narr::NarrativeClusterer one(c);
  narr::Fingerprint fp;
  uint64_t originals = 0;
  for (PostId p = 0; p < w.posts.size(); ++p) {
    if (!w.posts.declared[p] || w.posts.repost_of[p] != kNone) continue;
    f.Compute(w.posts.text(p), &fp);
    one.Add(fp);
    ++originals;
  }
  double incremental_s = std::chrono::duration<double>(Clock::now() - t0).count();
  size_t incremental_bytes = one.MemoryBytes();

  t0 = Clock::now();
  narr::NarrResult r = narr::FindNarratives(w, c, narr::NarrInputs{});
  double batch_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf(
      "{\"posts\":%u,\"originals\":%llu,\"incremental_s\":%.2f,\"incremental_originals_per_s\":%.0f,"
      "\"incremental_clusterer_mib\":%.1f,\"bytes_per_original\":%.0f,\"batch_s\":%.2f,"
      "\"batch_posts_per_s\":%.0f,\"world_peak_mib\":%.0f,\"peak_mib\":%.0f,\"stats\":%s}\n",
      w.posts.size(), static_cast<unsigned long long>(originals), incremental_s,
      originals / incremental_s, incremental_bytes / 1048576.0,
      static_cast<double>(incremental_bytes) / static_cast<double>(originals), batch_s,
      w.posts.size() / batch_s, world_mib, PeakMiB(), narr::StatsJson(r).c_str());
  return 0;
}
