// Where rejected lines go. Nothing is silently dropped: every rejected line reaches a sink with
// its file, line number, reason and (a cut of) its raw bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/output_file.h"
#include "ingest/reject.h"

namespace sluice {

struct RejectEntry {
  std::string file;
  uint64_t line = 0;
  RejectReason reason = RejectReason::kInvalidJson;
  std::string detail;
  std::string raw;        // valid UTF-8, cut to the sink's limit
  uint64_t raw_bytes = 0; // length of the whole original line
};

class RejectSink {
 public:
  // `keep_first`: how many entries to keep in memory for display.
  // `max_raw_bytes`: how much of each raw line is kept.
  RejectSink(size_t keep_first, size_t max_raw_bytes);

  // Writes every reject to `path` as JSONL ("-" for stdout). The file appears on Commit() only.
  Status OpenFile(const std::string& path);
  Status Add(std::string_view file, uint64_t line, const Rejection& why, std::string_view raw,
             uint64_t raw_bytes);
  // Finishes the file, if one is open. With no rejects at all, no file is left behind.
  Status Commit();

  uint64_t total() const { return total_; }
  const std::array<uint64_t, kRejectReasonCount>& by_reason() const { return by_reason_; }
  const std::vector<RejectEntry>& first() const { return first_; }

  // One reject as a JSON object (no newline), in the documented key order.
  static std::string ToJson(const RejectEntry& e);

 private:
  size_t keep_first_, max_raw_bytes_;
  OutputFile out_;
  uint64_t total_ = 0;
  std::array<uint64_t, kRejectReasonCount> by_reason_{};
  std::vector<RejectEntry> first_;
  std::string buf_;
};

}  // namespace sluice
