// Spam findings in the shared findings.jsonl format (docs/findings.md): label "spam", the spans
// of every spam block in the subject's text, the highest block score, and each block's signals
// with the block's span added to their evidence. The extra key "blocks" lists each block's span,
// category and score (eval ignores it).
#pragma once

#include <string>
#include <string_view>

#include "spam/spam_detector.h"

namespace sluice::spam {

// One findings line (with its '\n') for `subject` ("post" or "page") with platform id or page
// file name `id`; empty when the report has no span.
std::string SpamFindingJson(std::string_view subject, std::string_view id, const SpamReport& r);

// The blocks of a report as a JSON array: [{"start","end","category","score","signals"},...].
void AppendSpansJson(std::string* out, const SpamReport& r);

}  // namespace sluice::spam
