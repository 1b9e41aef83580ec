// Grading a case (分級): a severity number from the case's reach, its coordination and the harm of
// its category, and the grade that number falls in. The weights and the grade bounds are in the
// scoring configuration's "severity" section (config/scoring.json).
#pragma once

#include <string>

#include "score/finding.h"
#include "score/scoring_config.h"

namespace sluice {

struct CaseMeasures {
  std::string category;  // rumor, spam or water_army
  Reach reach;
  uint64_t items = 0;         // findings in the case
  double coordination = 0;    // share of the case's items that coordinated accounts produced, 0..1
};

// harm[category] + reach_accounts·log10(1+accounts) + reposts·log10(1+reposts)
// + engagement·log10(1+engagement) + items·log10(1+items) + coordination·share
double Severity(const CaseMeasures& m, const SeverityConfig& cfg);

// The first grade whose min the severity reaches; the last grade when it reaches none.
// REQUIRES: cfg.grades is not empty (ParseScoringConfig guarantees it).
const std::string& Grade(double severity, const SeverityConfig& cfg);

}  // namespace sluice
