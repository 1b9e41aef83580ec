// UTF-8 helpers shared by ingest and output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice {

// True when `s` is well-formed UTF-8 (SIMD validation from simdjson).
bool IsValidUtf8(std::string_view s);

// Returns `s` cut to at most `max_bytes` without splitting a code point, with every invalid byte
// replaced by U+FFFD, so the result can always be written into JSON.
std::string SanitizeUtf8(std::string_view s, size_t max_bytes);

// Number of code points in well-formed UTF-8.
size_t CountCodePoints(std::string_view s);

}  // namespace sluice
