#include "score/finding.h"

#include <tuple>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/output_file.h"

namespace sluice {

bool FindingLess(const Finding& a, const Finding& b) {
  return std::make_tuple(SubjectKindName(a.subject), std::string_view(a.id),
                         std::string_view(a.label)) <
         std::make_tuple(SubjectKindName(b.subject), std::string_view(b.id),
                         std::string_view(b.label));
}

void AppendFindingJson(std::string* out, const Finding& f) {
  *out += "{\"subject\":";
  AppendJsonString(out, SubjectKindName(f.subject));
  *out += ",\"id\":";
  AppendJsonString(out, f.id);
  *out += ",\"label\":";
  AppendJsonString(out, f.label);
  *out += ",\"score\":";
  AppendJsonNumber(out, f.score);
  auto opt = [out](const char* key, const std::string& v) {
    if (v.empty()) return;
    *out += ",\"";
    *out += key;
    *out += "\":";
    AppendJsonString(out, v);
  };
  opt("claim", f.claim);
  opt("group", f.group);
  opt("tactic", f.tactic);
  if (!f.edits.empty()) {
    *out += ",\"edits\":[";
    for (size_t i = 0; i < f.edits.size(); ++i) {
      if (i) *out += ",";
      AppendJsonString(out, f.edits[i]);
    }
    *out += "]";
  }
  if (!f.spans.empty()) {
    *out += ",\"spans\":[";
    for (size_t i = 0; i < f.spans.size(); ++i)
      *out += fmt::format("{}[{},{}]", i ? "," : "", f.spans[i].first, f.spans[i].second);
    *out += "]";
  }
  opt("platform", f.platform);
  opt("account", f.account);
  if (f.reach)
    *out += fmt::format(",\"reach\":{{\"accounts\":{},\"reposts\":{},\"engagement\":{}}}",
                        f.reach->accounts, f.reach->reposts, f.reach->engagement);
  *out += ",\"signals\":[";
  for (size_t i = 0; i < f.signals.size(); ++i) {
    const FiredSignal& s = f.signals[i];
    if (i) *out += ",";
    *out += "{\"name\":";
    AppendJsonString(out, s.name);
    *out += ",\"weight\":";
    AppendJsonNumber(out, s.weight);
    *out += ",\"evidence\":";
    *out += s.evidence;
    if (s.fired > 1) {
      *out += fmt::format(",\"fired\":{},\"more\":[", s.fired);
      for (size_t j = 0; j < s.more.size(); ++j) {
        if (j) *out += ",";
        *out += s.more[j];
      }
      *out += "]";
    }
    *out += "}";
  }
  *out += "]}";
}

Status WriteFindings(const std::string& path, const std::vector<Finding>& findings) {
  OutputFile out;
  SLUICE_RETURN_IF_ERROR(out.Open(path));
  std::string buf;
  for (const Finding& f : findings) {
    AppendFindingJson(&buf, f);
    buf += '\n';
    if (buf.size() >= (1 << 20)) {
      SLUICE_RETURN_IF_ERROR(out.Write(buf));
      buf.clear();
    }
  }
  SLUICE_RETURN_IF_ERROR(out.Write(buf));
  return out.Commit();
}

}  // namespace sluice
