#include "cases/severity.h"

#include <cmath>

namespace sluice {

double Severity(const CaseMeasures& m, const SeverityConfig& cfg) {
  auto lg = [](uint64_t n) { return std::log10(1.0 + static_cast<double>(n)); };
  auto harm = cfg.harm.find(m.category);
  // Each reach term is a log: a case ten times wider is one step more severe, not ten.
  return (harm == cfg.harm.end() ? 0.0 : harm->second) + cfg.reach_accounts * lg(m.reach.accounts) +
         cfg.reposts * lg(m.reach.reposts) + cfg.engagement * lg(m.reach.engagement) +
         cfg.items * lg(m.items) + cfg.coordination * m.coordination;
}

const std::string& Grade(double severity, const SeverityConfig& cfg) {
  for (const SeverityGrade& g : cfg.grades)
    if (severity >= g.min) return g.name;
  return cfg.grades.back().name;
}

}  // namespace sluice
