#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace sluice::cli {
namespace {

std::string Count(double v) {
  if (v >= 1e9) return fmt::format("{:.2f}G", v / 1e9);
  if (v >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
  if (v >= 1e4) return fmt::format("{:.1f}k", v / 1e3);
  return fmt::format("{:.0f}", v);
}

std::string Duration(double s) {
  if (s < 60) return fmt::format("{:.1f}s", s);
  int m = static_cast<int>(s / 60);
  return fmt::format("{}m{:02d}s", m, static_cast<int>(s) - 60 * m);
}

}  // namespace

Progress::Progress(std::string command, bool quiet)
    : command_(std::move(command)), draw_(!quiet && ::isatty(STDERR_FILENO)),
      start_(Clock::now()), phase_start_(start_) {
  if (draw_) thread_ = std::thread([this] { Loop(); });
}

Progress::~Progress() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

double Progress::elapsed() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

void Progress::Begin(const std::string& phase, const std::string& unit, uint64_t total) {
  std::lock_guard<std::mutex> lock(mu_);
  phase_ = phase;
  unit_ = unit;
  total_ = total;
  eta_done_ = nullptr;
  count_ = nullptr;
  eta_total_ = 0;
  done_.store(0);
  phase_start_ = Clock::now();
  active_ = true;
}

void Progress::SetEtaSource(const std::atomic<uint64_t>* eta_done, uint64_t eta_total) {
  std::lock_guard<std::mutex> lock(mu_);
  eta_done_ = eta_done;
  eta_total_ = eta_total;
}

void Progress::CountFrom(const std::atomic<uint64_t>* count) {
  std::lock_guard<std::mutex> lock(mu_);
  count_ = count;
}

void Progress::End(const std::string& what) {
  std::lock_guard<std::mutex> lock(mu_);
  times_.emplace_back(phase_,
                      std::chrono::duration<double>(Clock::now() - phase_start_).count());
  active_ = false;
  if (draw_) Draw(true, what);
}

void Progress::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::milliseconds(250));
    if (active_ && !stop_) Draw(false, "");
  }
}

// REQUIRES: mu_ held.
void Progress::Draw(bool final_line, const std::string& what) {
  double s = std::chrono::duration<double>(Clock::now() - phase_start_).count();
  uint64_t done = (count_ ? *count_ : done_).load(std::memory_order_relaxed);
  std::string line = fmt::format("{}: {} ", command_, phase_);
  if (final_line) {
    line += fmt::format("done in {}: {}", Duration(s), what);
  } else if (unit_.empty()) {
    line += "elapsed " + Duration(s);
  } else {
    line += Count(static_cast<double>(done)) + " " + unit_;
    if (total_ > 0) line += " of " + Count(static_cast<double>(total_));
    if (s > 0.2) line += fmt::format(", {} {}/s", Count(done / s), unit_);
    line += ", elapsed " + Duration(s);
    double frac = -1;
    if (eta_done_ != nullptr && eta_total_ > 0) frac = static_cast<double>(eta_done_->load()) / eta_total_;
    else if (total_ > 0) frac = static_cast<double>(done) / total_;
    if (frac > 0.01 && frac < 1) line += ", ETA " + Duration(s * (1 - frac) / frac);
    else if (frac >= 1) line += ", finishing";
  }
  std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), final_line ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace sluice::cli
