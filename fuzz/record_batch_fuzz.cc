// libFuzzer target: the input split at newlines is parsed as one batch (RecordParser::ParseBatch)
// and line by line (Parse); every line must get the same outcome both ways, in order, once,
// every field of an accepted record equal (the batch's fast On-Demand path against the DOM).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/record_parser.h"

namespace {

// What a parse decided about a line, as text.
std::string Outcome(bool ok, const sluice::Record& r, const sluice::Rejection& why) {
  using sluice::RecordType;
  if (!ok) return "reject " + std::string(sluice::RejectReasonName(why.reason)) + " " + why.detail;
  std::string out(sluice::RecordTypeName(r.type));
  auto add = [&](std::string_view s) { out.append("|").append(s); };
  auto opt = [&](const std::optional<std::string_view>& v) { add(v ? "=" + std::string(*v) : "-"); };
  auto num = [&](const std::optional<int64_t>& v) { add(v ? std::to_string(*v) : "-"); };
  switch (r.type) {
    case RecordType::kAccount:
      add(r.account.id), add(r.account.platform), add(std::to_string(r.account.created_at));
      num(r.account.followers), num(r.account.following);
      add(r.account.verified ? (*r.account.verified ? "true" : "false") : "-");
      opt(r.account.device), opt(r.account.ip), opt(r.account.name);
      break;
    case RecordType::kPost:
      add(r.post.id), add(r.post.account), add(std::to_string(r.post.time)), add(r.post.text);
      opt(r.post.platform), opt(r.post.repost_of), opt(r.post.reply_to), opt(r.post.device),
          opt(r.post.ip);
      for (auto* list : {&r.post.urls, &r.post.hashtags, &r.post.mentions}) {
        add(std::to_string(list->size()));
        for (std::string_view s : *list) add(s);
      }
      break;
    case RecordType::kEngagement:
      add(r.engagement.account), add(r.engagement.target), add(std::to_string(r.engagement.time));
      add(sluice::EngagementKindName(r.engagement.kind));
      opt(r.engagement.device), opt(r.engagement.ip);
      break;
    case RecordType::kClaim:
      add(r.claim.id), add(r.claim.text), opt(r.claim.verdict), opt(r.claim.source);
      num(r.claim.published);
      break;
  }
  return out;
}

class Collect : public sluice::BatchSink {
 public:
  void Accepted(size_t line, const sluice::Record& r) override { Take(line, Outcome(true, r, {})); }
  void Rejected(size_t line, sluice::Rejection& why) override { Take(line, Outcome(false, {}, why)); }
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
    if (Outcome(ok, r, why) != sink.got[i]) __builtin_trap();
  }
  return 0;
}
