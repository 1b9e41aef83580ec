// Runs Sluice's FRAUDAR on an edge list, for bench/fraudar_compare.py: the same input the
// reference code reads ("row col" per line, whitespace or comma separated, lines starting with
// '%' or '#' ignored), the same number of blocks, and the detection time measured the same way
// (reading excluded).
//
// Usage: bench_fraudar EDGES [BLOCKS] [LOG_C]
// Prints one JSON object: {"edges":N,"rows":R,"cols":C,"detect_s":S,"detect_cpu_s":S,
// "blocks":[{"rows":[...],"cols":[...],"score":X},...]}
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "coord/fraudar.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_fraudar EDGES [BLOCKS] [LOG_C]\n");
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "r");
  if (f == nullptr) {
    std::fprintf(stderr, "bench_fraudar: %s: cannot open\n", argv[1]);
    return 2;
  }
  sluice::coord::FraudarOptions o;
  o.blocks = argc > 2 ? static_cast<uint32_t>(std::atoi(argv[2])) : 1;
  o.log_c = argc > 3 ? std::atof(argv[3]) : 5.0;
  std::vector<sluice::coord::BipartiteEdge> edges;
  uint32_t rows = 0, cols = 0;
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    if (line[0] == '%' || line[0] == '#') continue;
    char* end;
    unsigned long r = std::strtoul(line, &end, 10);
    if (end == line) continue;
    while (*end == ',' || *end == ' ' || *end == '\t') ++end;
    char* end2;
    unsigned long c = std::strtoul(end, &end2, 10);
    if (end2 == end) continue;
    edges.push_back({static_cast<uint32_t>(r), static_cast<uint32_t>(c)});
    if (r + 1 > rows) rows = static_cast<uint32_t>(r + 1);
    if (c + 1 > cols) cols = static_cast<uint32_t>(c + 1);
  }
  std::fclose(f);
  size_t n = edges.size();
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  std::vector<sluice::coord::FraudarBlock> blocks = sluice::coord::Fraudar(std::move(edges), rows, cols, o);
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu_sec = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  std::printf("{\"edges\":%zu,\"rows\":%u,\"cols\":%u,\"detect_s\":%.6f,\"detect_cpu_s\":%.6f,"
              "\"blocks\":[",
              n, rows, cols, sec, cpu_sec);
  for (size_t b = 0; b < blocks.size(); ++b) {
    std::printf("%s{\"rows\":[", b ? "," : "");
    for (size_t i = 0; i < blocks[b].rows.size(); ++i) std::printf("%s%u", i ? "," : "", blocks[b].rows[i]);
    std::printf("],\"cols\":[");
    for (size_t i = 0; i < blocks[b].cols.size(); ++i) std::printf("%s%u", i ? "," : "", blocks[b].cols[i]);
    std::printf("],\"score\":%.9g}", blocks[b].score);
  }
  std::printf("]}\n");
  return 0;
}
