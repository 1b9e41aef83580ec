// Parses one JSONL line into a schema v1 Record, or says precisely why it cannot.
//
// The whole line is validated (simdjson's DOM parser, dispatched at run time to the best SIMD
// kernel of the machine), including fields Sluice does not use, so a malformed value anywhere is
// an invalid_json reject rather than silently skipped bytes.
// Unknown fields are ignored (forward compatibility); a JSON null counts as absent. Ids may be
// JSON strings or integers (integers are kept as their decimal text). Times may be RFC 3339
// strings or numbers of Unix seconds. Not thread-safe: use one RecordParser per thread.
//
// ParseBlock parses a block of many lines and gives every line the same outcome Parse would. Its
// fast path reads each line by hand (ScanRecord), after one UTF-8 check of the whole block with
// simdjson (dispatched at run time): the common shape of a record — an object of known keys
// with plain values — in one pass, with no DOM built and no string copied unless it has escapes.
// The fast path only ever accepts: a line it cannot read as a well-formed record of known
// fields in the common shapes (an unknown field, a float time, a negative or very large
// integer, a surrogate escape, a rejected record, anything malformed) goes to Parse, so every
// reject and its reason come from the DOM parser.
// Accepted records of a block may point into the block itself: they stay valid as long as it does.
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

struct FieldReader;

// Receives the outcome of each line of a block, in order. `line` is the line's text, without its
// "\n" or "\r\n"; it lies in the block. A record's strings may point into the block too, or
// into the parser, where they are valid only during the call, like the rejection.
class BlockSink {
 public:
  virtual void Accepted(std::string_view line, const Record& r) = 0;
  virtual void Rejected(std::string_view line, Rejection& why) = 0;
  // A line of nothing but spaces, tabs and carriage returns: no record, no reject.
  virtual void Blank(std::string_view line) = 0;

 protected:
  ~BlockSink() = default;
};

class RecordParser {
 public:
  RecordParser();
  ~RecordParser();
  // `padding`: how many readable bytes follow `line` in memory. With SIMDJSON_PADDING or more
  // the line is parsed in place; otherwise the parser copies it first.
  // Returns true and fills *out, or returns false and fills *why.
  bool Parse(std::string_view line, size_t padding, Record* out, Rejection* why);

  // Parses every line of block[0, size) and reports each to *sink, in order, with the outcome
  // Parse(line, padding) would give it, or as blank. Lines are split as LineReader splits them:
  // at '\n', one '\r' before it dropped; the block should end with a newline (a last line
  // without one is parsed too, only more slowly).
  // REQUIRES: at least SIMDJSON_PADDING readable bytes follow the block.
  void ParseBlock(const char* block, size_t size, BlockSink* sink);

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
