// Posts to check, read one at a time from a file (plain or zstd, "-" for stdin). A line is
//   - a JSON object: a schema v1 post record, or any object with `id` (string or integer) and
//     `text`; records of other types (accounts, engagements, claims) are skipped, so an events
//     file can be read as it is;
//   - anything else: a plain line of text, whose id is "<file>:<line>".
// Blank lines are skipped. A JSON line without a usable id or text, or with a `time` that is
// neither RFC 3339 nor Unix seconds, is a problem with a reason.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/status.h"
#include "core/time.h"
#include "ingest/line_reader.h"

namespace sluice::cli {

class PostInput {
 public:
  enum class Kind { kPost, kSkipped, kProblem, kEnd };
  struct Item {
    Kind kind = Kind::kEnd;
    std::string_view id, text;  // kPost: valid until the next call
    UnixSeconds time = 0;       // kPost: the post's `time` when given, else 0
    uint64_t line = 0;
    std::string problem;        // kProblem: why the line is not a post
  };

  static Result<std::unique_ptr<PostInput>> Open(const std::string& path);
  // Reads the next line. An I/O or decompression error is an error Status naming the file.
  Status Next(Item* item);
  const std::string& path() const { return path_; }

 private:
  PostInput(std::string path, std::unique_ptr<LineReader> reader)
      : path_(std::move(path)), reader_(std::move(reader)) {}
  std::string path_;
  std::unique_ptr<LineReader> reader_;
  simdjson::dom::parser parser_;
  std::string id_buf_;
};

}  // namespace sluice::cli
