// Progress of a long command on a terminal: one status line per phase, redrawn in place a few
// times a second — what is done, the rate, the time elapsed and, when the phase's total is known,
// the time left. Nothing is drawn when quiet or when stderr is not a terminal (a log or a pipe
// gets no control characters). Phase times are kept either way for --timings.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sluice::cli {

class Progress {
 public:
  Progress(std::string command, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a phase. `unit` names what Advance counts ("records", "posts"; empty: the phase counts
  // nothing and shows its elapsed time only); `total` is how many
  // there will be (0: unknown, no time left is shown). When `eta_done`/`eta_total` are given
  // (e.g. input bytes read of all bytes), the time left comes from them instead of the count.
  // REQUIRES: the previous phase ended.
  void Begin(const std::string& phase, const std::string& unit, uint64_t total = 0);
  void SetEtaSource(const std::atomic<uint64_t>* eta_done, uint64_t eta_total);
  // Shows `*count` instead of what Advance and Set counted (e.g. a reader's own line counter).
  void CountFrom(const std::atomic<uint64_t>* count);
  // Called from any thread.
  void Advance(uint64_t n) { done_.fetch_add(n, std::memory_order_relaxed); }
  void Set(uint64_t done) { done_.store(done, std::memory_order_relaxed); }
  // Ends the phase; `what` sums it up on the terminal.
  void End(const std::string& what);

  bool drawing() const { return draw_; }
  double elapsed() const;
  const std::vector<std::pair<std::string, double>>& times() const { return times_; }

 private:
  void Loop();
  void Draw(bool final_line, const std::string& what);

  using Clock = std::chrono::steady_clock;
  std::string command_;
  bool draw_;
  Clock::time_point start_, phase_start_;
  std::string phase_, unit_;
  uint64_t total_ = 0;
  std::atomic<uint64_t> done_{0};
  const std::atomic<uint64_t>* eta_done_ = nullptr;
  const std::atomic<uint64_t>* count_ = nullptr;
  uint64_t eta_total_ = 0;
  std::vector<std::pair<std::string, double>> times_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool active_ = false, stop_ = false;
  std::thread thread_;
};

}  // namespace sluice::cli
