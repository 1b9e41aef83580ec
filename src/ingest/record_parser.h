// Parses one JSONL line into a schema v1 Record, or says precisely why it cannot.
//
// The whole line is validated (simdjson's DOM parser, dispatched at run time to the best SIMD
// kernel of the machine), including fields Sluice does not use, so a malformed value anywhere is
// an invalid_json reject rather than silently skipped bytes.
// Unknown fields are ignored (forward compatibility); a JSON null counts as absent. Ids may be
// JSON strings or integers (integers are kept as their decimal text). Times may be RFC 3339
// strings or numbers of Unix seconds. Not thread-safe: use one RecordParser per thread.
//
// ParseBatch parses many lines at once and gives every line the same outcome Parse would. It
// reads runs of lines with simdjson's On-Demand stream (iterate_many: one pass of the first stage
// over a whole run, then the fields read straight from the input, with no DOM tape built and no
// string copied unless it has escapes). That fast path only ever accepts: a line it cannot read
// as a well-formed record of known fields in the common shapes (an unknown field, a float time,
// an integer above 2^63, a rejected record, anything malformed) goes to Parse, so every reject
// and its reason come from the DOM parser. A line the stream does not see as exactly one JSON
// object, and every line after it in its run, is parsed alone.
// Accepted records of a batch may point into `buf` itself: they stay valid as long as it does.
// The stream's first stage is dispatched at run time like the DOM's; the field walk is inline
// code built for plain x86-64 (no -march), so one binary runs on every machine.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ingest/record.h"
#include "ingest/reject.h"

namespace sluice {

// One line of a batch: `length` bytes at `offset` of the batch's buffer.
struct FieldReader;

struct LineSpan {
  size_t offset;
  size_t length;
};

// Receives the outcome of each line of a batch, in line order. The record's strings and the
// rejection are valid only during the call.
class BatchSink {
 public:
  virtual void Accepted(size_t line, const Record& r) = 0;
  virtual void Rejected(size_t line, Rejection& why) = 0;

 protected:
  ~BatchSink() = default;
};

class RecordParser {
 public:
  RecordParser();
  ~RecordParser();
  // `padding`: how many readable bytes follow `line` in memory. With SIMDJSON_PADDING or more
  // the line is parsed in place; otherwise the parser copies it first.
  // Returns true and fills *out, or returns false and fills *why.
  bool Parse(std::string_view line, size_t padding, Record* out, Rejection* why);

  // Parses lines[0, n) of `buf` and reports each to *sink, in order, with the outcome
  // Parse(line, padding) would give it.
  // REQUIRES: the spans lie in `buf` in increasing order without overlapping, and at least
  // SIMDJSON_PADDING readable bytes follow the last one.
  void ParseBatch(const char* buf, const LineSpan* lines, size_t n, BatchSink* sink);

 private:
  bool FromElement(simdjson::dom::element doc, Record* out, Rejection* why);
  // The fast path: reads the line at `p` into *out when it has the common shape of an accepted
  // record, and sets *end to its newline. False: let Parse decide the line.
  bool ScanRecord(const char* p, const char** end, Record* out);

  std::unique_ptr<FieldReader> fields_;     // the slots a line's fields are read into
  simdjson::dom::parser parser_;            // one line at a time
  std::unique_ptr<char[]> unescaped_;       // strings with escapes, unescaped (fast path)
  size_t unescaped_capacity_ = 0;
  Record batch_record_;
  Rejection batch_why_;
  // Text of integer ids, kept alive until the next Parse.
  std::array<std::string, 8> id_text_;
  size_t id_text_used_ = 0;

  friend struct FieldReader;
};

}  // namespace sluice
