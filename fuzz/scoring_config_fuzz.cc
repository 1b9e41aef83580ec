// libFuzzer target: any bytes given as a user's scoring configuration must parse or produce a
// Config error — never a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "score/scoring_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sluice::ScoringConfig defaults = [] {
    sluice::Result<sluice::ScoringConfig> d = sluice::DefaultScoringConfig();
    if (!d.ok()) std::abort();
    return d.value();
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sluice::Result<sluice::ScoringConfig> cfg = sluice::ParseScoringConfig(text, "fuzz.json", &defaults);
  if (!cfg.ok() && cfg.status().code() != sluice::Status::Code::kConfig) std::abort();
  // Parsing the same text as a complete file exercises the checks only defaults get.
  sluice::ParseScoringConfig(text, "fuzz.json", nullptr);
  return 0;
}
