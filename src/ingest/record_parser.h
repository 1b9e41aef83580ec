// Parses one JSONL line into a schema v1 Record, or says precisely why it cannot.
//
// The whole line is validated (simdjson's DOM parser, dispatched at run time to the best SIMD
// kernel of the machine), including fields Sluice does not use, so a malformed value anywhere is
// an invalid_json reject rather than silently skipped bytes.
// Unknown fields are ignored (forward compatibility); a JSON null counts as absent. Ids may be
// JSON strings or integers (integers are kept as their decimal text). Times may be RFC 3339
// strings or numbers of Unix seconds. Not thread-safe: use one RecordParser per thread.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ingest/record.h"
#include "ingest/reject.h"

namespace sluice {

class RecordParser {
 public:
  // `padding`: how many readable bytes follow `line` in memory. With SIMDJSON_PADDING or more
  // the line is parsed in place; otherwise the parser copies it first.
  // Returns true and fills *out, or returns false and fills *why.
  bool Parse(std::string_view line, size_t padding, Record* out, Rejection* why);

 private:
  simdjson::dom::parser parser_;
  // Text of integer ids, kept alive until the next Parse.
  std::array<std::string, 8> id_text_;
  size_t id_text_used_ = 0;

  friend struct FieldReader;
};

}  // namespace sluice
