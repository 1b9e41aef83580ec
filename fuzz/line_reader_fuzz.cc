// libFuzzer target: a file of arbitrary bytes (plain or zstd framed) read line by line with a
// small line limit must end in lines or a clean error Status, never a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/line_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/sluice_fuzz_lines_" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto reader = sluice::LineReader::Open(path, 64);
  if (!reader.ok()) return 0;
  sluice::Line line;
  for (;;) {
    auto more = reader.value()->Next(&line);
    if (!more.ok() || !more.value()) break;
    if (line.bytes.size() > 64) __builtin_trap();  // the limit must hold
  }
  return 0;
}
