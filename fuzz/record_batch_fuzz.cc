// libFuzzer target: the input split at newlines is parsed as one batch (RecordParser::ParseBatch)
// and line by line (Parse); every line must get the same outcome both ways, in order, once,
// every field of an accepted record equal (the batch's fast On-Demand path against the DOM).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/record_outcome.h"
#include "ingest/record_parser.h"

namespace {

class Collect : public sluice::BatchSink {
 public:
  void Accepted(size_t line, const sluice::Record& r) override { Take(line, sluice::RecordOutcome(true, r, {})); }
  void Rejected(size_t line, sluice::Rejection& why) override { Take(line, sluice::RecordOutcome(false, {}, why)); }
  std::vector<std::string> got;

 private:
  void Take(size_t line, std::string s) {
    if (line != got.size()) __builtin_trap();  // out of order, repeated or skipped
    got.push_back(std::move(s));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sluice::RecordParser batch_parser, line_parser;
  std::string buf(reinterpret_cast<const char*>(data), size);
  std::vector<sluice::LineSpan> spans;
  for (size_t at = 0; at <= buf.size();) {
    size_t nl = buf.find('\n', at);
    if (nl == std::string::npos) nl = buf.size();
    spans.push_back(sluice::LineSpan{at, nl - at});
    at = nl + 1;
  }
  buf.append(simdjson::SIMDJSON_PADDING, '\0');
  Collect sink;
  batch_parser.ParseBatch(buf.data(), spans.data(), spans.size(), &sink);
  if (sink.got.size() != spans.size()) __builtin_trap();
  for (size_t i = 0; i < spans.size(); ++i) {
    sluice::Record r;
    sluice::Rejection why;
    bool ok = line_parser.Parse(std::string_view(buf.data() + spans[i].offset, spans[i].length), 0, &r, &why);
    if (sluice::RecordOutcome(ok, r, why) != sink.got[i]) __builtin_trap();
  }
  return 0;
}
