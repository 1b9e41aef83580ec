// Renders an Evaluation: JSON for machines (fixed key order, the same evaluation always gives the
// same bytes) and an aligned table for people. Undefined scores are JSON null and "n/a".
//
// Per-class rows appear for every (subject kind, label) with a subject in truth or findings;
// breakdown rows (tactic, edit kind, hard negative, confounder) appear when truth has an item of
// that kind, so two detectors scored on the same truth get the same rows.
#pragma once

#include <string>

#include "eval/evaluate.h"

namespace sluice::eval {

std::string EvaluationJson(const Evaluation& ev);
std::string EvaluationTable(const Evaluation& ev);

}  // namespace sluice::eval
