// An output file that appears whole or not at all: bytes go to a temporary file beside the
// target, and Commit() renames it into place. Destroying an uncommitted OutputFile removes the
// temporary, so a failed run leaves no half-written output.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sluice {

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Opens "<path>.tmp.<pid>" for writing. "-" writes to stdout directly (no rename).
  Status Open(const std::string& path);
  bool is_open() const { return f_ != nullptr; }
  Status Write(std::string_view bytes);
  // Flushes, closes and renames into place.
  Status Commit();
  // Removes the temporary file; the target is left untouched.
  void Abandon();
  const std::string& path() const { return path_; }

 private:
  std::FILE* f_ = nullptr;
  bool is_stdout_ = false;
  std::string path_;
  std::string tmp_;
};

}  // namespace sluice
