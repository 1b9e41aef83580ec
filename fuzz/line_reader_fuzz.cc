// libFuzzer target: a file of arbitrary bytes (plain or zstd framed) read with a small line limit
// must end in lines or a clean error Status, never a crash. The first input byte chooses how
// lines are taken: one at a time (Next), or in blocks read into a buffer of a chosen room
// (NextBlockInto) with Next where a block cannot be given; either way every line keeps the
// limit, blocks hold whole lines, and the numbering has no gap.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/line_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/sluice_fuzz_lines_" + std::to_string(::getpid());
  const bool blocks = size > 0 && (data[0] & 1);
  // How much room each block gets: less than a line, about the limit, or a lot.
  static constexpr size_t kRooms[] = {16, 40, 65, 4096};
  const size_t room = kRooms[size > 0 ? (data[0] >> 1) & 3 : 0];
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto reader = sluice::LineReader::Open(path, 64);
  if (!reader.ok()) return 0;
  sluice::Line line;
  uint64_t lines = 0;
  char dst[4096];
  for (;;) {
    if (blocks) {
      sluice::LineBlock block;
      auto got = reader.value()->NextBlockInto(dst, room, &block);
      if (got.ok() && got.value() && block.bytes.empty()) {
        if (room > 64) __builtin_trap();  // any allowed line fits 65 bytes
        got = reader.value()->NextBlockInto(dst, 65, &block);
        if (got.ok() && got.value() && block.bytes.empty()) __builtin_trap();
      }
      if (!got.ok()) break;
      if (got.value()) {
        if (block.bytes.data() != dst) __builtin_trap();
        if (block.first_line != lines + 1 || block.bytes.empty() || block.bytes.back() != '\n')
          __builtin_trap();
        uint64_t in_block = 0;
        size_t from = 0;
        for (size_t at = 0; at < block.bytes.size(); ++at) {
          if (block.bytes[at] != '\n') continue;
          if (at - from > 64) __builtin_trap();  // the limit must hold in blocks too
          from = at + 1;
          ++in_block;
        }
        if (in_block != block.lines) __builtin_trap();
        lines += block.lines;
        continue;
      }
    }
    auto more = reader.value()->Next(&line);
    if (!more.ok() || !more.value()) break;
    if (line.bytes.size() > 64) __builtin_trap();  // the limit must hold
    if (line.number != ++lines) __builtin_trap();
  }
  return 0;
}
