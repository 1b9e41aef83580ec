#include "score/signal.h"

#include <iterator>

namespace sluice {

void SignalSink::Emit(Signal s) {
  std::lock_guard<std::mutex> lock(mu_);
  signals_.push_back(std::move(s));
}

void SignalSink::EmitAll(std::vector<Signal> batch) {
  std::lock_guard<std::mutex> lock(mu_);
  if (signals_.empty()) {
    signals_ = std::move(batch);
    return;
  }
  signals_.insert(signals_.end(), std::make_move_iterator(batch.begin()),
                  std::make_move_iterator(batch.end()));
}

std::vector<Signal> SignalSink::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Signal> out;
  out.swap(signals_);
  return out;
}

size_t SignalSink::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return signals_.size();
}

}  // namespace sluice
