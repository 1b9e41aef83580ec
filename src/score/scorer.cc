#include "score/scorer.h"

#include <algorithm>
#include <tuple>

#include <simdjson.h>

#include "core/utf8.h"

namespace sluice {
namespace {

struct Keyed {
  const Signal* s;
  const SignalSpec* spec;
  std::string_view label;
};

bool KeyedLess(const Keyed& a, const Keyed& b) {
  const Signal& x = *a.s;
  const Signal& y = *b.s;
  std::string_view xk = SubjectKindName(x.subject), yk = SubjectKindName(y.subject);
  return std::tie(xk, x.id, a.label, x.name, x.evidence, x.claim, x.group, x.tactic, x.spans,
                  x.edits) <
         std::tie(yk, y.id, b.label, y.name, y.evidence, y.claim, y.group, y.tactic, y.spans,
                  y.edits);
}

bool SameFiring(const Signal& a, const Signal& b) {
  return a.evidence == b.evidence && a.claim == b.claim && a.group == b.group &&
         a.tactic == b.tactic && a.spans == b.spans && a.edits == b.edits;
}

Status Check(const Signal& s, simdjson::dom::parser* parser) {
  auto where = [&s] {
    return "signal '" + s.name + "' for " + std::string(SubjectKindName(s.subject)) + " '" +
           SanitizeUtf8(s.id, 200) + "'";
  };
  if (s.id.empty()) return Status::Internal(where() + ": empty subject id");
  for (const std::string* t : {&s.id, &s.claim, &s.group})
    if (!IsValidUtf8(*t)) return Status::Internal(where() + ": text is not valid UTF-8");
  for (const std::string& e : s.edits)
    if (!IsValidUtf8(e)) return Status::Internal(where() + ": an edit kind is not valid UTF-8");
  if (!s.tactic.empty() && !IsTactic(s.tactic))
    return Status::Internal(where() + ": unknown tactic '" + SanitizeUtf8(s.tactic, 64) + "'");
  for (const auto& [b, e] : s.spans)
    if (e < b) return Status::Internal(where() + ": a span ends before it begins");
  simdjson::dom::element doc;
  if (parser->parse(s.evidence.data(), s.evidence.size(), true).get(doc) != simdjson::SUCCESS ||
      doc.type() != simdjson::dom::element_type::OBJECT)
    return Status::Internal(where() + ": evidence is not a JSON object");
  return Status::Ok();
}

// Sorted, overlapping and touching spans merged.
std::vector<std::pair<uint32_t, uint32_t>> MergeSpans(std::vector<std::pair<uint32_t, uint32_t>> v) {
  std::sort(v.begin(), v.end());
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& s : v) {
    if (!out.empty() && s.first <= out.back().second) out.back().second = std::max(out.back().second, s.second);
    else out.push_back(s);
  }
  return out;
}

// Builds the finding candidate for keyed[begin, end): one subject, one label.
Finding Combine(const std::vector<Keyed>& keyed, size_t begin, size_t end, uint64_t* duplicates) {
  const Signal& first = *keyed[begin].s;
  Finding f;
  f.subject = first.subject;
  f.id = first.id;
  f.label = std::string(keyed[begin].label);
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  // The hints come from the heaviest signal carrying each; ties go to the earlier name.
  double claim_w = 0, group_w = 0, tactic_w = 0;
  bool have_claim = false, have_group = false, have_tactic = false;
  auto hint = [](const std::string& v, double w, std::string* out, double* best, bool* have) {
    if (v.empty() || (*have && w <= *best)) return;
    *out = v;
    *best = w;
    *have = true;
  };
  for (size_t i = begin; i < end;) {
    size_t j = i + 1;
    while (j < end && keyed[j].s->name == keyed[i].s->name) ++j;
    FiredSignal fs;
    fs.name = keyed[i].s->name;
    fs.weight = keyed[i].spec->weight;
    fs.evidence = keyed[i].s->evidence;
    fs.fired = 0;
    for (size_t k = i; k < j; ++k) {
      const Signal& s = *keyed[k].s;
      if (k > i && SameFiring(s, *keyed[k - 1].s)) {
        ++*duplicates;
        continue;
      }
      if (k > i && s.evidence != keyed[k - 1].s->evidence && fs.more.size() < kMaxMoreEvidence)
        fs.more.push_back(s.evidence);
      ++fs.fired;
      hint(s.claim, fs.weight, &f.claim, &claim_w, &have_claim);
      hint(s.group, fs.weight, &f.group, &group_w, &have_group);
      hint(s.tactic, fs.weight, &f.tactic, &tactic_w, &have_tactic);
      spans.insert(spans.end(), s.spans.begin(), s.spans.end());
      f.edits.insert(f.edits.end(), s.edits.begin(), s.edits.end());
    }
    f.score += fs.weight;  // in name order: the sum is the same bytes on every run
    f.signals.push_back(std::move(fs));
    i = j;
  }
  f.spans = MergeSpans(std::move(spans));
  std::sort(f.edits.begin(), f.edits.end());
  f.edits.erase(std::unique(f.edits.begin(), f.edits.end()), f.edits.end());
  return f;
}

}  // namespace

Result<std::vector<Finding>> Score(std::vector<Signal> signals, const ScoringConfig& cfg,
                                   ScoreStats* stats) {
  ScoreStats local;
  ScoreStats& st = stats ? *stats : local;
  st = ScoreStats{};
  st.signals = signals.size();
  std::vector<Keyed> keyed;
  keyed.reserve(signals.size());
  simdjson::dom::parser parser;
  for (const Signal& s : signals) {
    auto it = cfg.signals.find(s.name);
    if (it == cfg.signals.end())
      return Status::Config("signal '" + SanitizeUtf8(s.name, 128) + "' (for " +
                            std::string(SubjectKindName(s.subject)) + " '" + SanitizeUtf8(s.id, 200) +
                            "') is not in the scoring configuration (" + cfg.sources + ")");
    SLUICE_RETURN_IF_ERROR(Check(s, &parser));
    keyed.push_back(Keyed{&s, &it->second, it->second.label});
  }
  std::sort(keyed.begin(), keyed.end(), KeyedLess);

  std::vector<Finding> findings;
  for (size_t i = 0; i < keyed.size();) {
    size_t j = i + 1;
    while (j < keyed.size() && keyed[j].s->subject == keyed[i].s->subject &&
           keyed[j].s->id == keyed[i].s->id && keyed[j].label == keyed[i].label)
      ++j;
    ++st.candidates;
    Finding f = Combine(keyed, i, j, &st.duplicates);
    if (f.score >= cfg.thresholds.at(f.label)) findings.push_back(std::move(f));
    else ++st.below_threshold;
    i = j;
  }
  st.findings = findings.size();
  return findings;
}

}  // namespace sluice
