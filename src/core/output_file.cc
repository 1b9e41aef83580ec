#include "core/output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sluice {

OutputFile::~OutputFile() { Abandon(); }

Status OutputFile::Open(const std::string& path) {
  Abandon();
  path_ = path;
  if (path == "-") {
    f_ = stdout;
    is_stdout_ = true;
    return Status::Ok();
  }
  tmp_ = path + ".tmp." + std::to_string(::getpid());
  f_ = std::fopen(tmp_.c_str(), "wb");
  if (f_ == nullptr) return Status::IoError(path + ": cannot write: " + std::strerror(errno));
  return Status::Ok();
}

Status OutputFile::Write(std::string_view bytes) {
  if (f_ == nullptr) return Status::Internal(path_ + ": write to a closed output");
  if (std::fwrite(bytes.data(), 1, bytes.size(), f_) != bytes.size())
    return Status::IoError(path_ + ": write failed: " + std::strerror(errno));
  return Status::Ok();
}

Status OutputFile::Commit() {
  if (f_ == nullptr) return Status::Internal(path_ + ": commit of a closed output");
  if (is_stdout_) {
    std::fflush(f_);
    f_ = nullptr;
    return Status::Ok();
  }
  bool ok = std::fflush(f_) == 0;
  ok = std::fclose(f_) == 0 && ok;
  f_ = nullptr;
  if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    Status st = Status::IoError(path_ + ": cannot finish writing: " + std::strerror(errno));
    std::remove(tmp_.c_str());
    return st;
  }
  tmp_.clear();
  return Status::Ok();
}

void OutputFile::Abandon() {
  if (f_ != nullptr && !is_stdout_) std::fclose(f_);
  f_ = nullptr;
  if (!tmp_.empty()) std::remove(tmp_.c_str());
  tmp_.clear();
}

}  // namespace sluice
