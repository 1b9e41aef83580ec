// Event times. Sluice keeps every time as Unix seconds (int64, UTC). Input times are either a
// JSON number of Unix seconds or an RFC 3339 string ("2024-05-01T08:30:00+08:00",
// "2024-05-01T00:30:00.250Z"); fractions of a second are dropped (floored).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

using UnixSeconds = int64_t;

// Times outside [kMinTime, kMaxTime] are rejected as implausible: they are almost always a unit
// mistake (milliseconds given as seconds) rather than real events.
inline constexpr UnixSeconds kMinTime = 0;                 // 1970-01-01
inline constexpr UnixSeconds kMaxTime = 4102444800;        // 2100-01-01

// Parses an RFC 3339 date-time. Returns nullopt on any syntax or range error.
std::optional<UnixSeconds> ParseRfc3339(std::string_view s);

// Days since 1970-01-01 for a proleptic Gregorian date (no validation of day-in-month).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

// Formats as "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatRfc3339(UnixSeconds t);

}  // namespace sluice
