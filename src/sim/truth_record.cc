#include "sim/truth_record.h"

#include "core/json_writer.h"

namespace sluice::sim {

void AppendTruthJson(const TruthRecord& r, std::string* out) {
  auto field = [out](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    *out += ",\"";
    *out += key;
    *out += "\":";
    AppendJsonString(out, value);
  };
  *out += "{\"subject\":";
  AppendJsonString(out, r.subject);
  *out += ",\"id\":";
  AppendJsonString(out, r.id);
  *out += ",\"label\":";
  AppendJsonString(out, r.label);
  field("claim", r.claim);
  field("group", r.group);
  field("tactic", r.tactic);
  if (r.edits != 0) {
    *out += ",\"edits\":[";
    bool first = true;
    for (std::string_view name : EditNames(r.edits)) {
      if (!first) *out += ",";
      first = false;
      AppendJsonString(out, name);
    }
    *out += "]";
  }
  field("hard_negative", r.hard_negative);
  field("confounder", r.confounder);
  if (!r.spans.empty()) {
    *out += ",\"spans\":[";
    for (size_t i = 0; i < r.spans.size(); ++i) {
      if (i) *out += ",";
      *out += '[';
      *out += std::to_string(r.spans[i].first);
      *out += ',';
      *out += std::to_string(r.spans[i].second);
      *out += ']';
    }
    *out += "]";
  }
  field("originator", r.originator);
  *out += "}\n";
}

}  // namespace sluice::sim
