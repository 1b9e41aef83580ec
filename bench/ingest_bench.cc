// Ingest throughput against simdjson's own floor, on the same file.
//   bench_ingest floor-many FILE   simdjson parse_many over the whole file held in memory
//   bench_ingest floor-lines FILE  a DOM parse per line, lines split by Sluice's LineReader
//   bench_ingest parse FILE        Sluice's record parser alone (RecordParser::ParseBlock) over
//                                  the whole file held in memory, one thread: its share of ingest
//   bench_ingest ingest FILE       Sluice's full ingest: read, parse, validate, intern, build
// Each mode prints one JSON line: bytes, records, seconds, MB/s, records/s, CPU seconds (user +
// system, all threads) per GB, peak RSS. On a shared machine CPU time is the steadier figure.
// Run each mode in its own process (scripts/bench-ingest does) so peak RSS is its own.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <simdjson.h>

#include "ingest/ingest.h"
#include "ingest/line_reader.h"
#include "ingest/record_parser.h"

using namespace sluice;
using Clock = std::chrono::steady_clock;

static long PeakRssKb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// User + system CPU seconds of the process so far, over all its threads.
static double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void Report(const char* mode, uint64_t bytes, uint64_t records, double secs, double cpu,
                   const std::string& extra) {
  std::printf("{\"mode\":\"%s\",\"bytes\":%llu,\"records\":%llu,\"seconds\":%.3f,\"mb_per_s\":%.1f,"
              "\"records_per_s\":%.0f,\"cpu_s_per_gb\":%.2f,\"peak_rss_mb\":%.1f%s}\n",
              mode, static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(records),
              secs, bytes / 1e6 / secs, records / secs, cpu / (bytes / 1e9), PeakRssKb() / 1024.0,
              extra.c_str());
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bench_ingest floor-many|floor-lines|parse|ingest FILE\n");
    return 2;
  }
  std::string mode = argv[1], path = argv[2];
  if (mode == "floor-many") {
    simdjson::padded_string buf;
    if (simdjson::padded_string::load(path).get(buf) != simdjson::SUCCESS) return 2;
    simdjson::dom::parser parser;
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    simdjson::dom::document_stream stream;
    if (parser.parse_many(buf, 1 << 20).get(stream) != simdjson::SUCCESS) return 2;
    uint64_t n = 0;
    for (auto doc : stream) {
      simdjson::dom::element e;
      if (doc.get(e) == simdjson::SUCCESS) ++n;
    }
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    Report("floor-many", buf.size(), n, secs, CpuSeconds() - c0, "");
    return 0;
  }
  if (mode == "parse") {
    simdjson::padded_string buf;
    if (simdjson::padded_string::load(path).get(buf) != simdjson::SUCCESS) return 2;
    struct Count : BlockSink {
      uint64_t accepted = 0, rejected = 0, blank = 0;
      void Accepted(std::string_view, const Record&) override { ++accepted; }
      void Rejected(std::string_view, Rejection&) override { ++rejected; }
      void Blank(std::string_view) override { ++blank; }
    } count;
    RecordParser parser;
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    // In blocks of about a batch, cut after a newline, as ingest hands them over.
    constexpr size_t kBlock = 2u << 20;
    for (size_t at = 0; at < buf.size();) {
      size_t end = std::min(buf.size(), at + kBlock);
      while (end < buf.size() && buf.data()[end - 1] != '\n') ++end;
      parser.ParseBlock(buf.data() + at, end - at, &count);
      at = end;
    }
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    Report("parse", buf.size(), count.accepted + count.rejected, secs, CpuSeconds() - c0,
           fmt::format(",\"rejected\":{},\"blank\":{}", count.rejected, count.blank));
    return 0;
  }
  if (mode == "floor-lines") {
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    auto reader = LineReader::Open(path, 1 << 20);
    if (!reader.ok()) return 2;
    simdjson::dom::parser parser;
    Line line;
    uint64_t n = 0;
    while (reader.value()->Next(&line).value()) {
      simdjson::dom::element e;
      if (parser.parse(line.bytes.data(), line.bytes.size(), false).get(e) == simdjson::SUCCESS) ++n;
    }
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    Report("floor-lines", reader.value()->bytes_out(), n, secs, CpuSeconds() - c0, "");
    return 0;
  }
  if (mode == "ingest") {
    RejectSink rejects(0, 256);
    IngestStats st;
    IngestOptions opt;
    opt.salt = "bench";
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    Result<World> w = Ingest({path}, opt, &rejects, &st);
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    double cpu = CpuSeconds() - c0;
    if (!w.ok()) {
      std::fprintf(stderr, "%s\n", w.status().message().c_str());
      return 2;
    }
    uint64_t records = st.lines - st.blank_lines;
    World::Memory m = w.value().MemoryUsage();
    const World& world = w.value();
    double ne = static_cast<double>(world.engagements.size());
    double np = static_cast<double>(world.posts.size());
    std::string extra = fmt::format(
        ",\"engagements\":{},\"posts\":{},\"accounts\":{},\"rejected\":{},"
        "\"engagement_bytes_each\":{:.1f},\"post_fixed_bytes_each\":{:.1f},"
        "\"post_id_bytes_each\":{:.1f},\"post_text_bytes_each\":{:.1f},\"world_mb\":{:.1f},"
        "\"peak_rss_mb_per_million_engagements\":{:.1f},"
        "\"batches\":{},\"batches_parsed_by_builder\":{},\"reader_wait_s\":{:.3f},\"builder_wait_s\":{:.3f}",
        world.engagements.size(), world.posts.size(), world.accounts.size(), st.rejected,
        m.engagements / ne, m.posts_fixed / np, m.post_ids / np, m.post_text / np,
        m.total() / 1e6, PeakRssKb() / 1024.0 / (ne / 1e6), st.batches,
        st.batches_parsed_by_builder, st.reader_wait_seconds, st.builder_wait_seconds);
    Report("ingest", st.bytes_uncompressed, records, secs, cpu, extra);
    return 0;
  }
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
