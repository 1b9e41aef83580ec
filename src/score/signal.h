// A signal: one named rule that fired for one subject, with the facts that made it fire — the
// Rspamd "symbol" of Sluice. Detectors emit signals; they never set weights (those come from the
// scoring configuration, looked up by name) and never decide labels (the scorer does, from
// the weights and the thresholds).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "score/vocabulary.h"

namespace sluice {

struct Signal {
  SubjectKind subject = SubjectKind::kPost;
  std::string id;    // the platform's id, or the page's file name under DIR/pages/
  std::string name;  // REQUIRES: a signal named in the scoring configuration
  // REQUIRES: one JSON object in valid UTF-8, e.g. built with core/json_writer.h. Keep it to the
  // facts a reviewer checks (which claim and spans, which shared targets and times, which device).
  std::string evidence = "{}";

  // Hints the finding inherits (see docs/scoring.md for how several firings combine).
  std::string claim;   // a rumor's claim id
  std::string group;   // a water-army group or narrative cluster id
  std::string tactic;  // one of kTactics
  std::vector<std::pair<uint32_t, uint32_t>> spans;  // half-open, in code points of the original
  std::vector<std::string> edits;                    // rumor edit kinds
};

// Where detectors hand in their signals. Emit and EmitAll may be called from any number of
// threads at once; a detector that fires often should collect a batch per thread and hand it in
// with EmitAll, which takes the lock once. Order of arrival does not matter: the scorer sorts.
class SignalSink {
 public:
  void Emit(Signal s);
  void EmitAll(std::vector<Signal> batch);
  // Hands back everything emitted so far and empties the sink.
  // REQUIRES: no Emit or EmitAll runs concurrently.
  std::vector<Signal> Take();
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::vector<Signal> signals_;
};

}  // namespace sluice
