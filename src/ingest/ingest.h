// Ingest: reads every input (files, plain or zstd, or "-" for stdin), validates each line against
// schema v1 and builds the World. Rejected lines go to the RejectSink; nothing is dropped
// silently. Inputs are read in the order given, lines in file order, so the same inputs always
// give the same world.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/record.h"
#include "ingest/reject_sink.h"
#include "world/world.h"
#include "world/world_builder.h"

namespace sluice {

// Live counters for a progress display, updated once a batch while Ingest runs.
struct IngestProgress {
  std::atomic<uint64_t> lines{0};
  std::atomic<uint64_t> bytes_in{0};  // read from disk so far, over all inputs (compressed for .zst)
};

// The largest max_line_bytes Ingest takes: a batch holds a line twice (as read, and its
// unescaped strings) and locates ids by 32-bit offsets.
inline constexpr size_t kMaxLineLimit = size_t{1} << 30;

struct IngestOptions {
  size_t max_line_bytes = 1 << 20;  // longer lines are rejected as line_too_long; <= kMaxLineLimit
  std::string salt;                 // for device and IP tokens; see TokenSalt()
  IngestProgress* progress = nullptr;  // optional; must outlive the Ingest call
};

struct IngestStats {
  std::array<uint64_t, kRecordTypeCount> accepted{};
  uint64_t lines = 0;
  uint64_t blank_lines = 0;        // empty or whitespace-only: no record, not an error
  uint64_t bytes_in = 0;           // as read from disk (compressed for .zst)
  uint64_t bytes_uncompressed = 0;
  uint64_t rejected = 0;
  DanglingCounts dangling;
  double seconds = 0;
  // How the two threads shared the work (for benchmarks; they vary from run to run): batches
  // handed from the reading thread to the building thread, how many of them the building thread
  // parsed itself (it does when it would otherwise wait), and the seconds each thread waited:
  // the reading thread for room in the queue, the building thread for a batch.
  uint64_t batches = 0;
  uint64_t batches_parsed_by_builder = 0;
  double reader_wait_seconds = 0;
  double builder_wait_seconds = 0;
};

// The salt for device and IP tokens: SLUICE_SALT from the environment when set, else `fallback`.
std::string TokenSalt(const std::string& fallback);

// Checks that every input exists, is readable and is not a directory, before any work is done.
Status CheckInputs(const std::vector<std::string>& inputs);

// Reads all inputs into a World. A fatal input error (unreadable file, truncated or corrupt zstd
// stream) stops the run and is returned; the caller must then discard any partial output.
Result<World> Ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     RejectSink* rejects, IngestStats* stats);

}  // namespace sluice
