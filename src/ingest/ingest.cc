#include "ingest/ingest.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "ingest/line_reader.h"
#include "ingest/record_parser.h"

namespace sluice {

std::string TokenSalt(const std::string& fallback) {
  const char* env = std::getenv("SLUICE_SALT");
  return env != nullptr && *env != '\0' ? std::string(env) : fallback;
}

Status CheckInputs(const std::vector<std::string>& inputs) {
  int stdin_uses = 0;
  for (const std::string& path : inputs) {
    if (path == "-") {
      if (++stdin_uses > 1) return Status::InvalidInput("-: stdin can be read only once");
      continue;
    }
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
      return Status::InvalidInput(path + ": is a directory, not a file of events");
    if (::access(path.c_str(), R_OK) != 0)
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  }
  return Status::Ok();
}

namespace {
bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}
}  // namespace

Result<World> Ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     RejectSink* rejects, IngestStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  SLUICE_RETURN_IF_ERROR(CheckInputs(inputs));
  WorldBuilder builder(options.salt);
  RecordParser parser;
  Record record;
  Rejection why;
  IngestStats st;
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<LineReader>> opened = LineReader::Open(path, options.max_line_bytes);
    if (!opened.ok()) return opened.status();
    LineReader& reader = *opened.value();
    Line line;
    for (;;) {
      Result<bool> more = reader.Next(&line);
      if (!more.ok()) return more.status();
      if (!more.value()) break;
      ++st.lines;
      if (line.too_long) {
        why = Rejection{RejectReason::kLineTooLong,
                        "line of " + std::to_string(line.full_length) + " bytes is over the limit of " +
                            std::to_string(options.max_line_bytes)};
        SLUICE_RETURN_IF_ERROR(rejects->Add(reader.path(), line.number, why, line.bytes, line.full_length));
        continue;
      }
      if (IsBlank(line.bytes)) {
        ++st.blank_lines;
        continue;
      }
      if (!parser.Parse(line.bytes, LineReader::kPadding, &record, &why) ||
          !builder.Add(record, &why)) {
        SLUICE_RETURN_IF_ERROR(rejects->Add(reader.path(), line.number, why, line.bytes, line.full_length));
      }
    }
    st.bytes_in += reader.bytes_in();
    st.bytes_uncompressed += reader.bytes_out();
  }
  st.accepted = builder.added();
  World world = builder.Finalize(&st.dangling);
  st.rejected = rejects->total();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *stats = st;
  return world;
}

}  // namespace sluice
