// Reads truth.jsonl and findings.jsonl (docs/findings.md): one JSON object a line, plain or zstd.
//
// Every line is validated; the first bad line stops the read with a Status whose message is
// "<file>:<line>: <reason>" — a scorer that skipped lines would report numbers for data it never
// saw. Blank lines hold no record and are passed over. Keys outside the contract are ignored, and
// a JSON null counts as an absent key. Ids and claim ids may be JSON strings or integers
// (integers are kept as their decimal text, as ingest does).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "core/status.h"
#include "eval/spans.h"
#include "eval/vocabulary.h"

namespace sluice::eval {

enum class LabelFileKind : uint8_t {
  kTruth,     // the contract's base shape
  kFindings,  // also requires `score` (a number) and a non-empty `signals` list, each signal an
              // object with `name` (a non-empty string), `weight` (a number), `evidence` (an object)
};

// One line of either file. Only the fields eval scores are kept.
struct LabelLine {
  uint64_t line = 0;
  Subject subject = Subject::kPost;
  std::string id;
  Label label = Label::kOrganic;
  std::optional<std::string> claim;
  std::optional<Tactic> tactic;
  std::vector<EditKind> edits;
  std::optional<HardNegative> hard_negative;
  std::optional<Confounder> confounder;
  std::vector<Span> spans;
  std::optional<std::string> originator;  // account that started the claim's cascade (truth)
};

class LabelLineParser {
 public:
  explicit LabelLineParser(LabelFileKind kind) : kind_(kind) {}
  // Parses one line. On failure returns a Status holding the reason only (no file or line).
  // `padding`: readable bytes after `bytes` in memory (simdjson parses in place with enough).
  Status Parse(std::string_view bytes, size_t padding, LabelLine* out);

 private:
  LabelFileKind kind_;
  simdjson::dom::parser parser_;
};

struct LabelFileStats {
  uint64_t lines = 0;    // every line, blank ones included
  uint64_t records = 0;  // lines that held a record
};

// Calls `each` with every record of `path` in file order. A non-OK Status from `each` stops the
// read and is returned with the file and line put in front of its message.
Status ReadLabelFile(const std::string& path, LabelFileKind kind,
                     const std::function<Status(const LabelLine&)>& each, LabelFileStats* stats);

}  // namespace sluice::eval
