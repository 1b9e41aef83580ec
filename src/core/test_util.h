// Helpers for tests only: a scratch directory that cleans itself up, file writing, zstd
// compression, and running the built `sluice` binary. Header-only so each room's tests can use it.
#pragma once

#include <fcntl.h>
#include <spawn.h>
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
#include <vector>

extern char** environ;

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

// The `sluice` binary under test: $SLUICE_BIN (CTest sets it), or "" when unset.
inline std::string SluiceBinary() {
  const char* bin = std::getenv("SLUICE_BIN");
  return bin != nullptr ? bin : "";
}

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

// The same without a shell: each argument reaches the binary as it is, whatever it holds.
// Output goes to files, not pipes, so a chatty child can never block on a full pipe.
inline RunResult RunSluice(const std::vector<std::string>& args) {
  const char* bin = std::getenv("SLUICE_BIN");
  RunResult r;
  if (bin == nullptr) return r;
  ScratchDir tmp;
  std::string out_path = tmp.Path("out"), err_path = tmp.Path("err");
  std::string program = bin;
  std::vector<std::string> copy = args;
  std::vector<char*> argv{program.data()};
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid;
  if (posix_spawn(&pid, program.c_str(), &fa, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    if (::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  }
  posix_spawn_file_actions_destroy(&fa);
  r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  return r;
}

}  // namespace sluice::testing
