// Writes a zstd-compressed file from a stream of chunks, compressing on a second thread while
// the caller produces the next chunk. The compressed bytes depend only on the chunks' contents
// and boundaries (one single-threaded zstd stream fed in order), so a deterministic producer
// gets a deterministic file. The file appears whole on Finish() or not at all (OutputFile).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "core/output_file.h"
#include "core/status.h"

namespace sluice::sim {

class ZstdStreamWriter {
 public:
  ZstdStreamWriter() = default;
  ~ZstdStreamWriter();  // abandons an unfinished file
  ZstdStreamWriter(const ZstdStreamWriter&) = delete;
  ZstdStreamWriter& operator=(const ZstdStreamWriter&) = delete;

  Status Open(const std::string& path, int level);
  // The chunk being filled by the caller. Append whole lines to it, then call Flush() when it is
  // large enough (see kChunkBytes); the returned buffer may change after each Flush().
  std::string* buffer() { return &current_; }
  static constexpr size_t kChunkBytes = 1 << 20;
  // Hands the current chunk to the compressing thread if it holds kChunkBytes or more. Returns
  // the first error the compressing thread met, if any.
  Status MaybeFlush() { return current_.size() >= kChunkBytes ? Flush() : Status::Ok(); }
  Status Flush();
  // Compresses what is left, ends the zstd frame and commits the file.
  Status Finish();
  uint64_t bytes_in() const { return bytes_in_; }
  uint64_t bytes_out() const { return bytes_out_; }

 private:
  void Run();
  Status Compress(const std::string& chunk, bool end);
  void Stop();

  OutputFile out_;
  void* cctx_ = nullptr;
  std::string current_;
  std::string zbuf_;
  std::thread worker_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;  // chunks waiting for the worker
  std::deque<std::string> spare_;  // emptied chunks, reused to avoid reallocating
  bool closing_ = false;
  bool running_ = false;
  Status error_;
  uint64_t bytes_in_ = 0, bytes_out_ = 0;
};

}  // namespace sluice::sim
