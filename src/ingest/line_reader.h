// Reads one input — a file, plain or zstd-compressed (detected by its magic number, not its
// name), or stdin given as "-" — as a sequence of numbered lines.
//
// Lines longer than max_line_bytes are not buffered whole: the reader returns their first
// max_line_bytes with `too_long` set, skips the rest, and goes on with the next line, so a
// single runaway line cannot exhaust memory. A trailing '\r' is removed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sluice {

struct Line {
  std::string_view bytes;   // valid until the next call to Next()
  uint64_t number = 0;      // 1-based (see NextBlockInto)
  uint64_t full_length = 0; // length of the whole line, >= bytes.size() when too_long
  bool too_long = false;
};

class ByteSource;

class LineReader {
 public:
  // Bytes after every returned line that are readable (simdjson needs this padding).
  static constexpr size_t kPadding = 64;

  // Fails with a one-line message naming `path` when it is missing, unreadable or a directory.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path, size_t max_line_bytes);
  ~LineReader();

  // Fills `line` and returns true, or returns false at the end of input. An I/O error or a
  // truncated/corrupt zstd stream is an error Status naming the file.
  Result<bool> Next(Line* line);

  // Writes a run of whole lines, none longer than max_line_bytes, to dst (at most `room`
  // bytes) and points *block at them, so a bulk reader need not find every line end itself.
  // The bytes are read from the input straight into dst where they are not already buffered:
  // the input is copied once, not once into the reader and again to where it is parsed.
  // Returns:
  //  - true with a non-empty block: the lines, each ending with '\n';
  //  - true with an empty block: the next line does not fit in `room` (a bigger one, over
  //    max_line_bytes, always fits);
  //  - false: the next line is not for a block — an over-long line, a last line without a
  //    newline, or the end of input — and Next() must be called for it (Next() then says which).
  // Lines in a block keep their "\r\n" or "\n" (a line's text is the bytes before them). Blocks
  // and Next() may be mixed freely, and bytes_out() counts both; but a block's lines are not
  // counted (its reader numbers them as it parses them: counting would read every byte once
  // more), so after a block, Line::number counts only the lines Next() has returned.
  // dst needs no padding of its own: its bytes past the block are the caller's.
  Result<bool> NextBlockInto(char* dst, size_t room, std::string_view* block);

  const std::string& path() const { return path_; }
  // Bytes read from the underlying file or pipe so far (compressed bytes for zstd).
  uint64_t bytes_in() const;
  // Uncompressed bytes handed out so far.
  uint64_t bytes_out() const { return bytes_out_; }
  bool compressed() const;

 private:
  LineReader(std::string path, std::unique_ptr<ByteSource> src, size_t max_line_bytes);
  Status Fill();  // reads more bytes into buf_ after compacting it

  std::string path_;
  std::unique_ptr<ByteSource> src_;
  size_t max_line_bytes_;
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  bool eof_ = false;
  uint64_t line_no_ = 0;
  uint64_t bytes_out_ = 0;
  std::string long_head_;  // the kept head of an over-long line
};

}  // namespace sluice
