// libFuzzer target: the input is parsed as one block of lines (RecordParser::ParseBlock) and
// line by line (Parse); every line must get the same outcome both ways, in order, once, every
// field of an accepted record equal (the block's hand-written fast path against the DOM).
// Lines are split as LineReader splits them: at '\n', one '\r' before it dropped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/record_outcome.h"
#include "ingest/record_parser.h"

namespace {

class Collect : public sluice::BlockSink {
 public:
  void Accepted(std::string_view line, const sluice::Record& r) override { Take(line, sluice::RecordOutcome(true, r, {})); }
  void Rejected(std::string_view line, sluice::Rejection& why) override { Take(line, sluice::RecordOutcome(false, {}, why)); }
  void Blank(std::string_view line) override { Take(line, "blank"); }
  std::vector<std::string_view> lines;
  std::vector<std::string> got;

 private:
  void Take(std::string_view line, std::string s) {
    lines.push_back(line);
    got.push_back(std::move(s));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sluice::RecordParser block_parser, line_parser;
  std::string buf;
  buf.reserve(size + simdjson::SIMDJSON_PADDING);  // the line views below must not move
  buf.assign(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> want_lines;
  for (size_t at = 0; at < buf.size();) {
    size_t nl = buf.find('\n', at);
    if (nl == std::string::npos) nl = buf.size();
    std::string_view line(buf.data() + at, nl - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    want_lines.push_back(line);
    at = nl + 1;
  }
  buf.append(simdjson::SIMDJSON_PADDING, '\0');
  Collect sink;
  block_parser.ParseBlock(buf.data(), size, &sink);
  if (sink.got.size() != want_lines.size()) __builtin_trap();
  for (size_t i = 0; i < want_lines.size(); ++i) {
    const std::string_view line = want_lines[i];
    if (sink.lines[i].data() != line.data() || sink.lines[i].size() != line.size()) __builtin_trap();
    std::string want = "blank";
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      sluice::Record r;
      sluice::Rejection why;
      bool ok = line_parser.Parse(line, 0, &r, &why);
      want = sluice::RecordOutcome(ok, r, why);
    }
    if (want != sink.got[i]) __builtin_trap();
  }
  return 0;
}
