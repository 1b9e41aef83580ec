#include "score/finding_signals.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "core/utf8.h"

namespace sluice {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Copies out of the simdjson_result: iterating `x.get_array().value_unsafe()` directly would
// walk a reference into a temporary. REQUIRES: `e` has the type asked for.
simdjson::dom::array ArrayOf(element e) {
  auto r = e.get_array();
  return r.value_unsafe();
}
simdjson::dom::object ObjectOf(element e) {
  auto r = e.get_object();
  return r.value_unsafe();
}

Status Bad(std::string_view line, const std::string& why) {
  return Status::Internal("a detector wrote a bad finding (" + why + "): " + SanitizeUtf8(line, 200));
}

bool ReadString(element v, std::string* out) {
  if (v.type() != element_type::STRING) return false;
  *out = std::string(v.get_string().value_unsafe());
  return true;
}

}  // namespace

Status AppendSignalsOfFindingLine(std::string_view line, std::string_view room,
                                  std::vector<Signal>* out) {
  // One parser per thread: the scan converts lines of several detectors at once.
  thread_local simdjson::dom::parser parser;
  element doc;
  if (parser.parse(line.data(), line.size(), true).get(doc) != simdjson::SUCCESS ||
      doc.type() != element_type::OBJECT)
    return Bad(line, "not a JSON object");
  Signal base;
  bool have_subject = false, have_id = false;
  element signals;
  bool have_signals = false;
  for (auto f : ObjectOf(doc)) {
    std::string_view key = f.key;
    std::string v;
    if (key == "subject") {
      std::optional<SubjectKind> k;
      if (ReadString(f.value, &v)) k = ParseSubjectKind(v);
      if (!k) return Bad(line, "'subject' must be account, post or page");
      base.subject = *k;
      have_subject = true;
    } else if (key == "id") {
      if (!ReadString(f.value, &base.id)) return Bad(line, "'id' must be a string");
      have_id = true;
    } else if (key == "claim" || key == "group" || key == "tactic") {
      if (!ReadString(f.value, &v)) return Bad(line, fmt::format("'{}' must be a string", key));
      (key == "claim" ? base.claim : key == "group" ? base.group : base.tactic) = std::move(v);
    } else if (key == "edits") {
      if (f.value.type() != element_type::ARRAY) return Bad(line, "'edits' must be an array");
      for (element e : ArrayOf(f.value)) {
        if (!ReadString(e, &v)) return Bad(line, "'edits' must hold strings");
        base.edits.push_back(std::move(v));
      }
    } else if (key == "spans") {
      if (f.value.type() != element_type::ARRAY) return Bad(line, "'spans' must be an array");
      for (element e : ArrayOf(f.value)) {
        uint64_t b = 0, en = 0;
        if (e.type() != element_type::ARRAY) return Bad(line, "'spans' must hold [begin, end] pairs");
        simdjson::dom::array pair = ArrayOf(e);
        if (pair.size() != 2 || pair.at(0).get_uint64().get(b) != simdjson::SUCCESS ||
            pair.at(1).get_uint64().get(en) != simdjson::SUCCESS || b > UINT32_MAX || en > UINT32_MAX)
          return Bad(line, "'spans' must hold [begin, end] pairs");
        base.spans.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(en));
      }
    } else if (key == "signals") {
      if (f.value.type() != element_type::ARRAY) return Bad(line, "'signals' must be an array");
      signals = f.value;
      have_signals = true;
    }
  }
  if (!have_subject || !have_id || !have_signals)
    return Bad(line, "it needs 'subject', 'id' and 'signals'");
  for (element s : ArrayOf(signals)) {
    Signal sig = base;
    element name, evidence;
    if (s.type() != element_type::OBJECT || s["name"].get(name) != simdjson::SUCCESS ||
        !ReadString(name, &sig.name))
      return Bad(line, "a signal needs a 'name'");
    if (sig.name.find('.') == std::string::npos) sig.name = fmt::format("{}.{}", room, sig.name);
    if (s["evidence"].get(evidence) != simdjson::SUCCESS || evidence.type() != element_type::OBJECT)
      return Bad(line, "signal '" + sig.name + "' needs an 'evidence' object");
    sig.evidence = simdjson::minify(evidence);
    out->push_back(std::move(sig));
  }
  return Status::Ok();
}

Status CheckSignalsConfigured(const std::vector<Signal>& signals, const ScoringConfig& cfg) {
  for (const Signal& s : signals)
    if (cfg.signals.find(s.name) == cfg.signals.end())
      return Status::Config(cfg.sources + ": signals." + SanitizeUtf8(s.name, 128) +
                            ": unknown signal (emitted for " + std::string(SubjectKindName(s.subject)) +
                            " '" + SanitizeUtf8(s.id, 200) +
                            "'); every signal needs a label, a weight and a description there");
  return Status::Ok();
}

}  // namespace sluice
