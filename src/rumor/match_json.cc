#include "rumor/match_json.h"

#include "core/json_writer.h"
#include "text/code_points.h"
#include "text/normalization.h"

namespace sluice::rumor {

std::string CodePointSubstring(std::string_view text, uint32_t begin, uint32_t end) {
  std::string out;
  size_t i = 0;
  for (uint32_t cp_index = 0; i < text.size() && cp_index < end; ++cp_index) {
    char32_t cp = text::DecodeUtf8(text, &i);
    if (cp_index >= begin) text::AppendUtf8(&out, cp);
  }
  return out;
}

namespace {

void AppendSpan(std::string* out, const Span& s) {
  out->push_back('[');
  out->append(std::to_string(s.begin));
  out->push_back(',');
  out->append(std::to_string(s.end));
  out->push_back(']');
}

}  // namespace

void AppendSignalsJson(std::string* out, const ClaimMatch& m, std::string_view text) {
  *out += "[{\"name\":\"rumor.claim_match\",\"weight\":";
  AppendJsonNumber(out, m.match_weight);
  *out += ",\"evidence\":{\"claim\":";
  AppendJsonString(out, m.claim_id);
  *out += ",\"spans\":[";
  for (size_t i = 0; i < m.spans.size(); ++i) {
    if (i) *out += ",";
    AppendSpan(out, m.spans[i]);
  }
  *out += "],\"quotes\":[";
  for (size_t i = 0; i < m.spans.size(); ++i) {
    if (i) *out += ",";
    AppendJsonString(out, CodePointSubstring(text, m.spans[i].begin, m.spans[i].end));
  }
  *out += "],\"containment\":";
  AppendJsonNumber(out, m.containment);
  *out += ",\"similarity\":{\"chars\":";
  AppendJsonNumber(out, m.char_containment);
  *out += ",\"sounds\":";
  AppendJsonNumber(out, m.sound_containment);
  *out += "},\"longest_run\":" + std::to_string(m.longest_run);
  *out += ",\"claim_chars\":" + std::to_string(m.claim_chars);
  *out += ",\"post_coverage\":";
  AppendJsonNumber(out, m.post_coverage);
  *out += ",\"partial\":";
  *out += m.partial ? "true" : "false";
  *out += ",\"normalizations\":[";
  bool first = true;
  for (std::string_view name : text::NormalizationNames(m.normalizations)) {
    if (!first) *out += ",";
    AppendJsonString(out, name);
    first = false;
  }
  *out += "]}}";
  if (!m.debunk.empty()) {
    *out += ",{\"name\":\"rumor.debunk_context\",\"weight\":";
    AppendJsonNumber(out, m.debunk_weight);
    *out += ",\"evidence\":{\"cues\":[";
    for (size_t i = 0; i < m.debunk.size(); ++i) {
      if (i) *out += ",";
      *out += "{\"cue\":";
      AppendJsonString(out, m.debunk[i].cue);
      *out += ",\"span\":";
      AppendSpan(out, m.debunk[i].span);
      *out += ",\"weight\":";
      AppendJsonNumber(out, m.debunk[i].weight);
      *out += "}";
    }
    *out += "]}}";
  }
  *out += "]";
}

void AppendMatchLine(std::string* out, std::string_view post_id, const ClaimMatch& m,
                     std::string_view text) {
  *out += "{\"post\":";
  AppendJsonString(out, post_id);
  *out += ",\"claim\":";
  AppendJsonString(out, m.claim_id);
  *out += ",\"flagged\":";
  *out += m.flagged ? "true" : "false";
  *out += ",\"score\":";
  AppendJsonNumber(out, m.score);
  *out += ",\"signals\":";
  AppendSignalsJson(out, m, text);
  *out += "}\n";
}

void AppendFindingLine(std::string* out, std::string_view post_id, const ClaimMatch& m,
                       std::string_view text) {
  *out += "{\"subject\":\"post\",\"id\":";
  AppendJsonString(out, post_id);
  *out += ",\"label\":\"rumor\",\"claim\":";
  AppendJsonString(out, m.claim_id);
  *out += ",\"score\":";
  AppendJsonNumber(out, m.score);
  *out += ",\"signals\":";
  AppendSignalsJson(out, m, text);
  *out += "}\n";
}

}  // namespace sluice::rumor
