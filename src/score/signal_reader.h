// signals.jsonl: signals written out as data, one JSON object a line — the way test cases hand
// signals to the scorer, and the way a detector outside this process can. Keys: "subject", "id",
// "name", "evidence" (an object) and the optional hints "claim", "group", "tactic", "spans",
// "edits" (docs/scoring.md).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "score/signal.h"

namespace sluice {

// Reads every signal of the file. Blank lines are skipped; any other bad line fails the whole
// read with "<path>:<line>: <reason>".
Result<std::vector<Signal>> ReadSignalsFile(const std::string& path);

}  // namespace sluice
