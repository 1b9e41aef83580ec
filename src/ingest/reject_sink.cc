#include "ingest/reject_sink.h"

#include "core/json_writer.h"
#include "core/utf8.h"

namespace sluice {

RejectSink::RejectSink(size_t keep_first, size_t max_raw_bytes)
    : keep_first_(keep_first), max_raw_bytes_(max_raw_bytes) {}

Status RejectSink::OpenFile(const std::string& path) { return out_.Open(path); }

std::string RejectSink::ToJson(const RejectEntry& e) {
  std::string s = "{\"file\":";
  AppendJsonString(&s, e.file);
  s += ",\"line\":" + std::to_string(e.line) + ",\"reason\":";
  AppendJsonString(&s, RejectReasonName(e.reason));
  s += ",\"detail\":";
  AppendJsonString(&s, e.detail);
  s += ",\"raw\":";
  AppendJsonString(&s, e.raw);
  s += ",\"raw_bytes\":" + std::to_string(e.raw_bytes) + "}";
  return s;
}

Status RejectSink::Add(std::string_view file, uint64_t line, const Rejection& why,
                       std::string_view raw, uint64_t raw_bytes) {
  ++total_;
  ++by_reason_[static_cast<int>(why.reason)];
  if (!out_.is_open() && first_.size() >= keep_first_) return Status::Ok();
  RejectEntry e{std::string(file), line, why.reason, why.detail, SanitizeUtf8(raw, max_raw_bytes_),
                raw_bytes};
  if (out_.is_open()) {
    buf_ = ToJson(e);
    buf_.push_back('\n');
    SLUICE_RETURN_IF_ERROR(out_.Write(buf_));
  }
  if (first_.size() < keep_first_) first_.push_back(std::move(e));
  return Status::Ok();
}

Status RejectSink::Commit() {
  if (!out_.is_open()) return Status::Ok();
  if (total_ == 0 && out_.path() != "-") {
    out_.Abandon();
    return Status::Ok();
  }
  return out_.Commit();
}

}  // namespace sluice
