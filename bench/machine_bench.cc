// What this machine charges for two things ingest does inside its timer and simdjson's
// parse_many floor does not (docs/benchmarks.md, session 8): writing memory for the first time,
// and reading a file.
//   bench_machine touch-4k MB        first writes to MB of fresh anonymous memory, 4 KiB pages
//                                    faulted one by one
//   bench_machine touch-populate MB  the same, populated first in 2 MiB steps with
//                                    MADV_POPULATE_WRITE
//   bench_machine touch-thp MB       the same on transparent huge pages (MADV_HUGEPAGE)
//   bench_machine read FILE          the file read twice, its lines counted: read() into a 1 MiB
//                                    buffer; then 4 MiB windows of mmap copied into that buffer
// Each way prints one JSON line with its CPU seconds (user + system) per GB. Run each touch in a
// process of its own: on a VM that hands freed memory back to its host, what a first write costs
// depends on what ran just before, so run them several times, in turn.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14
#endif

namespace {

double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void Report(const char* mode, uint64_t bytes, double cpu, uint64_t check) {
  std::printf("{\"mode\":\"%s\",\"bytes\":%llu,\"cpu_s_per_gb\":%.3f,\"check\":%llu}\n", mode,
              static_cast<unsigned long long>(bytes), cpu / (bytes / 1e9),
              static_cast<unsigned long long>(check));
}

// Writes one byte in every cache line of `bytes` of fresh memory, prepared `how`.
int Touch(const char* mode, size_t bytes, int how) {
  constexpr size_t kHuge = size_t{2} << 20;
  void* raw = mmap(nullptr, bytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (raw == MAP_FAILED) {
    std::perror("mmap");
    return 2;
  }
  char* p = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(raw) + kHuge - 1) & ~(kHuge - 1));
  madvise(p, bytes, how == 2 ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  const double c0 = CpuSeconds();
  if (how == 1) {
    for (size_t at = 0; at < bytes; at += kHuge) {
      if (madvise(p + at, std::min(kHuge, bytes - at), MADV_POPULATE_WRITE) != 0) {
        std::perror("madvise(MADV_POPULATE_WRITE)");
        return 2;
      }
    }
  }
  for (size_t at = 0; at < bytes; at += 64) p[at] = 1;
  Report(mode, bytes, CpuSeconds() - c0, 0);
  munmap(raw, bytes + kHuge);
  return 0;
}

uint64_t CountLines(const char* p, size_t n) {
  uint64_t lines = 0;
  for (const char* end = p + n; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p) ++lines;
  return lines;
}

int Read(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    std::perror(path.c_str());
    return 2;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  std::vector<char> buf(1 << 20);
  double c0 = CpuSeconds();
  uint64_t lines = 0;
  for (ssize_t got; (got = read(fd, buf.data(), buf.size())) > 0;) lines += CountLines(buf.data(), static_cast<size_t>(got));
  Report("read", size, CpuSeconds() - c0, lines);

  constexpr size_t kWindow = size_t{4} << 20;
  c0 = CpuSeconds();
  lines = 0;
  for (size_t at = 0; at < size; at += kWindow) {
    const size_t len = std::min(kWindow, size - at);
    void* w = mmap(nullptr, len, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(at));
    if (w == MAP_FAILED) {
      std::perror("mmap");
      return 2;
    }
    for (size_t off = 0; off < len; off += buf.size()) {
      const size_t k = std::min(buf.size(), len - off);
      std::memcpy(buf.data(), static_cast<const char*>(w) + off, k);
      lines += CountLines(buf.data(), k);
    }
    munmap(w, len);
  }
  Report("mmap-copy", size, CpuSeconds() - c0, lines);
  close(fd);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  static const char* const kTouch[] = {"touch-4k", "touch-populate", "touch-thp"};
  for (int how = 0; how < 3; ++how) {
    if (argc != 3 || std::strcmp(argv[1], kTouch[how]) != 0) continue;
    const size_t bytes = std::strtoull(argv[2], nullptr, 10) << 20;
    if (bytes == 0) break;
    return Touch(kTouch[how], bytes, how);
  }
  if (argc == 3 && std::strcmp(argv[1], "read") == 0) return Read(argv[2]);
  std::fprintf(stderr, "usage: bench_machine touch-4k|touch-populate|touch-thp MB | bench_machine read FILE\n");
  return 2;
}
