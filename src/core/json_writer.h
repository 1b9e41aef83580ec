// Small helpers for writing JSON output by hand. Output is produced in a fixed key order so that
// the same input always gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice {

// Appends `s` as a quoted JSON string. REQUIRES: `s` is valid UTF-8 (see SanitizeUtf8).
void AppendJsonString(std::string* out, std::string_view s);

// Appends a double with up to 6 significant decimals, "null" for NaN or infinity.
void AppendJsonNumber(std::string* out, double v);

}  // namespace sluice
