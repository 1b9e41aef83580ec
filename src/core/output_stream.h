// An output that appears whole or not at all (see OutputFile), zstd-compressed when its path ends
// in ".zst" and plain otherwise. For JSONL outputs that may be large: bytes are compressed as
// they come, so the whole output is never held in memory.
//
// The same bytes written in the same order give the same file, compressed or not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/output_file.h"
#include "core/status.h"

typedef struct ZSTD_CCtx_s ZSTD_CCtx;

namespace sluice {

class OutputStream {
 public:
  OutputStream() = default;
  ~OutputStream();
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  // "-" writes plain bytes to stdout.
  Status Open(const std::string& path, int zstd_level = 3);
  Status Write(std::string_view bytes);
  // Ends the zstd frame, flushes, and renames the file into place.
  Status Commit();
  // Drops everything written; the target is left untouched.
  void Abandon();

  bool compressed() const { return cctx_ != nullptr; }
  uint64_t bytes_in() const { return bytes_in_; }  // before compression
  const std::string& path() const { return file_.path(); }

 private:
  Status Compress(bool end);

  OutputFile file_;
  ZSTD_CCtx* cctx_ = nullptr;
  std::string pending_;   // uncompressed bytes not yet handed to zstd
  std::vector<char> out_buf_;
  uint64_t bytes_in_ = 0;
};

}  // namespace sluice
