// Helpers for tests only: a scratch directory that cleans itself up, file writing, zstd
// compression, and running the built `sluice` binary. Header-only so each room's tests can use it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sluice::testing {

class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sluice_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string ZstdCompress(const std::string& bytes, int level = 3) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
  out.resize(ZSTD_isError(n) ? 0 : n);
  return out;
}

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `sluice ARGS` (the binary named by $SLUICE_BIN, set by CTest) through the shell.
// `args` is pasted into a shell command line: quote paths that need it.
inline RunResult RunSluice(const std::string& args, const std::string& stdin_path = "") {
  const char* bin = std::getenv("SLUICE_BIN");
  RunResult r;
  if (bin == nullptr) return r;
  ScratchDir tmp;
  std::string cmd = std::string(bin) + " " + args + " >" + tmp.Path("out") + " 2>" + tmp.Path("err");
  if (!stdin_path.empty()) cmd += " <" + stdin_path;
  int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(tmp.Path("out"));
  r.err = ReadFile(tmp.Path("err"));
  return r;
}

}  // namespace sluice::testing
