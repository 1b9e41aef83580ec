// Code-point access to UTF-8 text. The simulator edits text character by character (look-alike
// substitutions, inserted zero-width characters) and reports spans in code points.
#pragma once

#include <string>
#include <string_view>

namespace sluice::sim {

// REQUIRES: `s` is well-formed UTF-8 (the simulator only handles text it wrote itself).
std::u32string DecodeUtf8(std::string_view s);
void AppendUtf8(std::string* out, char32_t c);
std::string EncodeUtf8(std::u32string_view s);

}  // namespace sluice::sim
