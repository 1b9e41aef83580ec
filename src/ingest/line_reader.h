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
  uint64_t number = 0;      // 1-based
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
