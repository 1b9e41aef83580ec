#include "text/trad_simp.h"

#include <opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

#include "text/code_points.h"

namespace sluice::text {
namespace {

struct Range {
  char32_t first, last;
};
constexpr Range kHanRanges[] = {
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2A6DF}};

std::vector<char32_t> HanCodePoints() {
  std::vector<char32_t> cps;
  for (const Range& r : kHanRanges)
    for (char32_t c = r.first; c <= r.last; ++c) cps.push_back(c);
  return cps;
}

// Every code point on its own line, so no conversion can span two characters.
std::string OnePerLine(const std::vector<char32_t>& cps) {
  std::string s;
  s.reserve(cps.size() * 5);
  for (char32_t c : cps) {
    AppendUtf8(&s, c);
    s.push_back('\n');
  }
  return s;
}

// Reads converted lines back; a line that is not exactly one code point keeps the original.
void Collect(const std::vector<char32_t>& cps, std::string_view converted,
             std::unordered_map<char32_t, char32_t>* map) {
  size_t pos = 0;
  for (char32_t c : cps) {
    size_t nl = converted.find('\n', pos);
    if (nl == std::string_view::npos) return;
    std::string_view line = converted.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) continue;
    size_t i = 0;
    char32_t out = DecodeUtf8(line, &i);
    if (i != line.size() || out == c || out == kReplacementChar) continue;
    map->emplace(c, out);  // the first configuration to change a code point wins
  }
}

bool ConvertWithOpenCC(const char* config, const std::vector<char32_t>& cps,
                       const std::string& input, std::unordered_map<char32_t, char32_t>* map) {
  opencc_t cc = opencc_open(config);
  if (cc == reinterpret_cast<opencc_t>(-1)) return false;
  char* out = opencc_convert_utf8(cc, input.data(), input.size());
  if (out != nullptr) {
    Collect(cps, out, map);
    opencc_convert_utf8_free(out);
  }
  opencc_close(cc);
  return out != nullptr;
}

}  // namespace

const Result<TradSimpMap>& TradSimpMap::Shared() {
  static const Result<TradSimpMap> shared = Build();
  return shared;
}

Result<TradSimpMap> TradSimpMap::Build() {
  TradSimpMap m;
  std::vector<char32_t> cps = HanCodePoints();
  std::string input = OnePerLine(cps);
  if (ConvertWithOpenCC("t2s.json", cps, input, &m.map_)) {
    ConvertWithOpenCC("tw2s.json", cps, input, &m.map_);
    m.source_ = "opencc";
    return m;
  }
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> tr(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, ec));
  if (U_FAILURE(ec) || tr == nullptr)
    return Status::Internal(std::string("neither OpenCC's t2s.json nor ICU's Traditional-Simplified "
                                        "transliterator is available: ") + u_errorName(ec));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(input);
  tr->transliterate(u);
  std::string converted;
  u.toUTF8String(converted);
  Collect(cps, converted, &m.map_);
  m.source_ = "icu";
  return m;
}

}  // namespace sluice::text
