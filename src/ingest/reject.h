// Why a line was rejected. The names are part of the output contract (rejects.jsonl, the
// summary's counts by reason) and must not change.
#pragma once

#include <string>
#include <string_view>

namespace sluice {

enum class RejectReason : uint8_t {
  kInvalidJson,     // not parseable as one JSON value
  kInvalidUtf8,     // bytes that are not well-formed UTF-8
  kLineTooLong,     // longer than the configured limit
  kNotAnObject,     // valid JSON, but not an object
  kUnknownType,     // `type` missing from the known set
  kMissingField,    // a required field is absent or null
  kWrongFieldType,  // a field has the wrong JSON type
  kBadTime,         // a time that is neither RFC 3339 nor plausible Unix seconds
  kBadValue,        // right type, unacceptable value (empty id, unknown kind, negative count)
  kDuplicateField,  // the same key twice in one object
  kDuplicateId,     // an id already seen for the same record type
};
inline constexpr int kRejectReasonCount = 11;

std::string_view RejectReasonName(RejectReason r);

struct Rejection {
  RejectReason reason = RejectReason::kInvalidJson;
  std::string detail;  // one line for a person: "missing field 'time'"
};

}  // namespace sluice
