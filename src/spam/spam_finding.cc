#include "spam/spam_finding.h"

#include <algorithm>

#include "core/json_writer.h"

namespace sluice::spam {

namespace {

// "[begin,end]", without string temporaries (GCC 12 warns falsely on their concatenation).
void AppendSpan(std::string* out, uint32_t begin, uint32_t end) {
  out->push_back('[');
  out->append(std::to_string(begin));
  out->push_back(',');
  out->append(std::to_string(end));
  out->push_back(']');
}

void AppendSignal(std::string* out, const SpamSignal& s, const SpamSpan* span) {
  *out += "{\"name\":";
  AppendJsonString(out, s.name);
  *out += ",\"weight\":";
  AppendJsonNumber(out, s.weight);
  *out += ",\"evidence\":";
  if (span == nullptr) {
    *out += s.evidence;
  } else {
    *out += "{\"span\":";
    AppendSpan(out, span->begin, span->end);
    if (s.evidence.size() > 2) {
      out->push_back(',');
      out->append(s.evidence, 1, s.evidence.size() - 1);
    } else {
      out->push_back('}');
    }
  }
  *out += "}";
}

}  // namespace

void AppendSpansJson(std::string* out, const SpamReport& r) {
  *out += "[";
  for (size_t i = 0; i < r.spans.size(); ++i) {
    const SpamSpan& s = r.spans[i];
    if (i) *out += ",";
    out->append("{\"start\":").append(std::to_string(s.begin));
    out->append(",\"end\":").append(std::to_string(s.end)).append(",\"category\":");
    AppendJsonString(out, SpamCategoryName(s.category));
    *out += ",\"score\":";
    AppendJsonNumber(out, s.score);
    *out += ",\"signals\":[";
    for (size_t k = 0; k < s.signals.size(); ++k) {
      if (k) *out += ",";
      AppendSignal(out, s.signals[k], nullptr);
    }
    *out += "]}";
  }
  *out += "]";
}

std::string SpamFindingJson(std::string_view subject, std::string_view id, const SpamReport& r) {
  if (r.spans.empty()) return "";
  std::string out = "{\"subject\":";
  AppendJsonString(&out, subject);
  out += ",\"id\":";
  AppendJsonString(&out, id);
  out += ",\"label\":\"spam\",\"spans\":[";
  double score = 0;
  for (size_t i = 0; i < r.spans.size(); ++i) {
    if (i) out += ",";
    AppendSpan(&out, r.spans[i].begin, r.spans[i].end);
    score = std::max(score, r.spans[i].score);
  }
  out += "],\"score\":";
  AppendJsonNumber(&out, score);
  out += ",\"signals\":[";
  bool first = true;
  for (const SpamSpan& s : r.spans) {
    for (const SpamSignal& sig : s.signals) {
      if (!first) out += ",";
      first = false;
      AppendSignal(&out, sig, &s);
    }
  }
  out += "],\"blocks\":[";
  for (size_t i = 0; i < r.spans.size(); ++i) {
    const SpamSpan& s = r.spans[i];
    if (i) out += ",";
    out += "{\"span\":";
    AppendSpan(&out, s.begin, s.end);
    out += ",\"category\":";
    AppendJsonString(&out, SpamCategoryName(s.category));
    out += ",\"score\":";
    AppendJsonNumber(&out, s.score);
    out += "}";
  }
  out += "]}\n";
  return out;
}

}  // namespace sluice::spam
