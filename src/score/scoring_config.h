// The scoring configuration: every signal's weight and description, the score a subject needs for
// each label, and the parameters of the case severity formula (分級). The shipped defaults are
// config/scoring.json, built into the binary; a user's file is merged over them key by key.
// docs/scoring.md documents the format.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sluice {

struct SignalSpec {
  std::string label;  // the finding label this signal counts towards
  double weight = 0;  // may be negative: evidence against the label
  std::string description;
};

struct SeverityGrade {
  std::string name;
  double min = 0;  // a case gets the first grade whose min its severity reaches
};

// severity = harm[category] + reach_accounts·log10(1+accounts) + reposts·log10(1+reposts)
//          + engagement·log10(1+engagement) + items·log10(1+items) + coordination·share
struct SeverityConfig {
  std::map<std::string, double> harm;  // by case category
  double reach_accounts = 0, reposts = 0, engagement = 0, items = 0, coordination = 0;
  std::vector<SeverityGrade> grades;   // most severe first; min strictly decreasing
};

struct ScoringConfig {
  std::map<std::string, SignalSpec> signals;
  std::map<std::string, double> thresholds;  // by finding label; every label has one
  SeverityConfig severity;
  std::string sources;  // the files it was read from, for messages
};

// The name under which errors in the built-in defaults are reported.
inline constexpr std::string_view kDefaultScoringConfigName = "config/scoring.json";

// The built-in defaults (config/scoring.json at build time).
Result<ScoringConfig> DefaultScoringConfig();

// Parses one configuration file's text. With `base` null the text must be complete (it is the
// defaults); otherwise it is merged over *base: it may change weights, descriptions, thresholds and
// severity parameters, and may not name a signal the base lacks. Errors read
// "<file>: <key>: <reason>", e.g. "my.json: signals.rumor.claim_match.weight: expected a number".
Result<ScoringConfig> ParseScoringConfig(std::string_view json, std::string_view file,
                                         const ScoringConfig* base);

// The defaults with the user's file at `user_path` merged over them; no file when it is empty.
Result<ScoringConfig> LoadScoringConfig(const std::string& user_path);

}  // namespace sluice
