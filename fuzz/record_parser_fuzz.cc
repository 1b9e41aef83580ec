// libFuzzer target: any bytes given to the line parser and the world builder must produce a
// record or a rejection — never a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/record_parser.h"
#include "world/world_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sluice::RecordParser parser;
  static sluice::WorldBuilder builder("fuzz");
  static size_t added = 0;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  sluice::Record record;
  sluice::Rejection why;
  if (parser.Parse(line, 0, &record, &why)) {
    builder.Add(record, &why);
    // Finalize now and then so sorting and dangling counts are fuzzed too, with bounded memory.
    if (++added % 4096 == 0) builder.Finalize(nullptr);
  }
  return 0;
}
