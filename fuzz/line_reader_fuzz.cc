// libFuzzer target: a file of arbitrary bytes (plain or zstd framed) read with a small line limit
// must end in lines or a clean error Status, never a crash. The first input byte chooses how
// lines are taken: in blocks read into a buffer of a chosen room (NextBlockInto) with Next where
// a block cannot be given. Every line keeps the limit, blocks hold whole lines, Next numbers its
// lines without a gap, and the file gives the same lines, bytes and outcome as when it is read
// one line at a time with Next alone.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/line_reader.h"

namespace {

struct Outcome {
  uint64_t lines = 0, bytes_out = 0;
  bool ok = true;
};

// Reads the file at `path`; with room > 0, in blocks where the reader gives them.
Outcome ReadFile(const std::string& path, size_t room) {
  Outcome out;
  auto reader = sluice::LineReader::Open(path, 64);
  if (!reader.ok()) {
    out.ok = false;
    return out;
  }
  sluice::Line line;
  char dst[4096];
  uint64_t next_lines = 0;  // lines Next returned: what it numbers (blocks are not numbered)
  for (;;) {
    if (room > 0) {
      std::string_view block;
      auto got = reader.value()->NextBlockInto(dst, room, &block);
      if (got.ok() && got.value() && block.empty()) {
        if (room > 64) __builtin_trap();  // any allowed line fits 65 bytes
        got = reader.value()->NextBlockInto(dst, 65, &block);
        if (got.ok() && got.value() && block.empty()) __builtin_trap();
      }
      if (!got.ok()) {
        out.ok = false;
        break;
      }
      if (got.value()) {
        if (block.data() != dst || block.back() != '\n') __builtin_trap();
        size_t from = 0;
        for (size_t at = 0; at < block.size(); ++at) {
          if (block[at] != '\n') continue;
          if (at - from > 64) __builtin_trap();  // the limit must hold in blocks too
          from = at + 1;
          ++out.lines;
        }
        continue;
      }
    }
    auto more = reader.value()->Next(&line);
    if (!more.ok()) {
      out.ok = false;
      break;
    }
    if (!more.value()) break;
    if (line.bytes.size() > 64) __builtin_trap();  // the limit must hold
    if (line.number != ++next_lines) __builtin_trap();
    ++out.lines;
  }
  out.bytes_out = reader.value()->bytes_out();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/sluice_fuzz_lines_" + std::to_string(::getpid());
  // How much room each block gets: less than a line, about the limit, or a lot.
  static constexpr size_t kRooms[] = {16, 40, 65, 4096};
  const size_t room = kRooms[size > 0 ? data[0] & 3 : 0];
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  const Outcome by_line = ReadFile(path, 0), by_block = ReadFile(path, room);
  if (by_line.ok != by_block.ok) __builtin_trap();
  // An error (a corrupt zstd stream) may come after different amounts were handed out.
  if (by_line.ok && (by_line.lines != by_block.lines || by_line.bytes_out != by_block.bytes_out))
    __builtin_trap();
  return 0;
}
