// A line's parse outcome as one line of text: every field of an accepted record, or the
// reject's reason and detail. Two parses of the same line agree exactly when their outcomes are
// equal strings, which is how the batch parser is checked against the line parser (tests and
// the record_batch fuzz target).
#pragma once

#include <string>

#include "ingest/record.h"
#include "ingest/reject.h"

namespace sluice {

std::string RecordOutcome(bool accepted, const Record& r, const Rejection& why);

}  // namespace sluice
