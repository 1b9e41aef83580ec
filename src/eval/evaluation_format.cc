#include "eval/evaluation_format.h"

#include <fmt/format.h>

#include "core/json_writer.h"

namespace sluice::eval {
namespace {

void Num(std::string* out, std::optional<double> v) {
  if (v) AppendJsonNumber(out, *v);
  else *out += "null";
}

void Key(std::string* out, std::string_view k) {
  AppendJsonString(out, k);
  out->push_back(':');
}

void CountsJson(std::string* s, const Counts& c) {
  *s += fmt::format("\"tp\":{},\"fp\":{},\"fn\":{},\"precision\":", c.tp, c.fp, c.fn);
  Num(s, c.Precision());
  *s += ",\"recall\":";
  Num(s, c.Recall());
  *s += ",\"f1\":";
  Num(s, c.F1());
}

template <size_t N, size_t M>
void RecallJson(std::string* s, std::string_view name, const std::array<std::string_view, N>& names,
                const std::array<RecallCount, M>& rows, std::string_view extra_name) {
  Key(s, name);
  s->push_back('{');
  bool first = true;
  for (size_t i = 0; i < M; ++i) {
    if (rows[i].truth == 0) continue;
    if (!first) s->push_back(',');
    first = false;
    Key(s, i < N ? names[i] : extra_name);
    *s += fmt::format("{{\"truth\":{},\"found\":{},\"recall\":", rows[i].truth, rows[i].found);
    Num(s, rows[i].Recall());
    s->push_back('}');
  }
  s->push_back('}');
}

template <size_t N>
void RateJson(std::string* s, std::string_view name, const std::array<std::string_view, N>& names,
              const std::array<FalsePositiveCount, N>& rows) {
  Key(s, name);
  s->push_back('{');
  bool first = true;
  for (size_t i = 0; i < N; ++i) {
    if (rows[i].truth == 0) continue;
    if (!first) s->push_back(',');
    first = false;
    Key(s, names[i]);
    *s += fmt::format("{{\"truth\":{},\"flagged\":{},\"fp_rate\":", rows[i].truth, rows[i].flagged);
    Num(s, rows[i].Rate());
    s->push_back('}');
  }
  s->push_back('}');
}

void SeederJson(std::string* s, std::string_view name, const SeederCount& c, bool* first) {
  if (c.file.empty()) return;
  if (!*first) s->push_back(',');
  *first = false;
  Key(s, name);
  *s += "{\"file\":";
  AppendJsonString(s, c.file);
  *s += fmt::format(",\"lines\":{},\"cascades\":{},\"right\":{},\"unmatched\":{},\"share\":",
                    c.lines, c.cascades, c.right, c.unmatched);
  Num(s, c.Share());
  *s += ",\"wrong\":[";
  for (size_t i = 0; i < c.wrong.size(); ++i) {
    if (i) s->push_back(',');
    AppendJsonString(s, c.wrong[i]);
  }
  *s += "]}";
}

}  // namespace

std::string EvaluationJson(const Evaluation& ev) {
  std::string s = "{\"truth\":{\"file\":";
  AppendJsonString(&s, ev.truth.file);
  s += fmt::format(",\"lines\":{},\"records\":{},\"subjects\":{}}},\"findings\":{{\"file\":",
                   ev.truth.lines, ev.truth.records, ev.truth.subjects);
  AppendJsonString(&s, ev.findings.file);
  s += fmt::format(",\"lines\":{},\"records\":{},\"subjects\":{},\"duplicates\":{}}},\"classes\":{{",
                   ev.findings.lines, ev.findings.records, ev.findings.subjects,
                   ev.findings.duplicates);
  // Classes come sorted by subject kind, so each kind's labels are contiguous.
  for (size_t i = 0; i < ev.classes.size(); ++i) {
    const ClassScore& c = ev.classes[i];
    bool new_subject = i == 0 || ev.classes[i - 1].subject != c.subject;
    if (new_subject) {
      if (i > 0) s += "},";
      Key(&s, NameOf(kSubjectNames, c.subject));
      s.push_back('{');
    } else {
      s.push_back(',');
    }
    Key(&s, NameOf(kLabelNames, c.label));
    s += fmt::format("{{\"truth\":{},\"found\":{},", c.truth, c.found);
    CountsJson(&s, c.counts);
    s.push_back('}');
  }
  if (!ev.classes.empty()) s.push_back('}');
  s += "},\"overall\":{";
  CountsJson(&s, ev.overall);
  s += "},";
  RecallJson(&s, "by_tactic", kTacticNames, ev.by_tactic, "");
  s.push_back(',');
  RecallJson(&s, "by_edit", kEditKindNames, ev.by_edit, kMultiEditName);
  const ClaimScore& cl = ev.claims;
  s += fmt::format(",\"claims\":{{\"true_positives\":{},\"with_truth_claim\":{},\"correct\":{},"
                   "\"accuracy\":",
                   cl.true_positives, cl.with_truth_claim, cl.correct);
  Num(&s, cl.Accuracy());
  s += ",\"strict\":{";
  CountsJson(&s, cl.strict);
  const SpanScore& sp = ev.spans;
  s += fmt::format("}}}},\"spans\":{{\"subjects\":{},\"truth_chars\":{},\"found_chars\":{},"
                   "\"overlap_chars\":{},\"precision\":",
                   sp.subjects, sp.truth_chars(), sp.found_chars(), sp.chars.tp);
  Num(&s, sp.chars.Precision());
  s += ",\"recall\":";
  Num(&s, sp.chars.Recall());
  s += ",\"f1\":";
  Num(&s, sp.chars.F1());
  s += "},";
  RateJson(&s, "hard_negatives", kHardNegativeNames, ev.hard_negatives);
  s.push_back(',');
  RateJson(&s, "confounders", kConfounderNames, ev.confounders);
  s += ",\"seeders\":{";
  bool first = true;
  SeederJson(&s, "clusters", ev.seeders.clusters, &first);
  SeederJson(&s, "claim_cascades", ev.seeders.claim_cascades, &first);
  s += "}}\n";
  return s;
}

namespace {

// 1234567 -> "1,234,567".
std::string Int(uint64_t n) {
  std::string digits = std::to_string(n), s;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s.push_back(',');
    s.push_back(digits[i]);
  }
  return s;
}

std::string Score(std::optional<double> v) { return v ? fmt::format("{:.4f}", *v) : "n/a"; }

void CountsHeader(std::string* s, std::string_view title) {
  *s += fmt::format("{:<24} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}\n", title, "truth",
                    "found", "tp", "fp", "fn", "precision", "recall", "f1");
}

void CountsRow(std::string* s, std::string_view name, uint64_t truth, uint64_t found,
               const Counts& c) {
  *s += fmt::format("  {:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}\n", name, Int(truth),
                    Int(found), Int(c.tp), Int(c.fp), Int(c.fn), Score(c.Precision()),
                    Score(c.Recall()), Score(c.F1()));
}

template <size_t N, size_t M>
void RecallTable(std::string* s, std::string_view title, const std::array<std::string_view, N>& names,
                 const std::array<RecallCount, M>& rows, std::string_view extra_name) {
  bool any = false;
  for (const RecallCount& r : rows) any = any || r.truth > 0;
  if (!any) return;
  *s += fmt::format("\n{:<24} {:>9} {:>9} {:>7}\n", title, "truth", "found", "recall");
  for (size_t i = 0; i < M; ++i) {
    if (rows[i].truth == 0) continue;
    *s += fmt::format("  {:<22} {:>9} {:>9} {:>7}\n", i < N ? names[i] : extra_name,
                      Int(rows[i].truth), Int(rows[i].found), Score(rows[i].Recall()));
  }
}

template <size_t N>
void RateTable(std::string* s, std::string_view title, const std::array<std::string_view, N>& names,
               const std::array<FalsePositiveCount, N>& rows) {
  bool any = false;
  for (const FalsePositiveCount& r : rows) any = any || r.truth > 0;
  if (!any) return;
  *s += fmt::format("\n{:<24} {:>9} {:>9} {:>7}\n", title, "truth", "flagged", "fp rate");
  for (size_t i = 0; i < N; ++i) {
    if (rows[i].truth == 0) continue;
    *s += fmt::format("  {:<22} {:>9} {:>9} {:>7}\n", names[i], Int(rows[i].truth),
                      Int(rows[i].flagged), Score(rows[i].Rate()));
  }
}

void SeederRow(std::string* s, std::string_view what, const SeederCount& c) {
  if (c.file.empty()) return;
  if (c.lines == 0) {
    *s += fmt::format("  {}: {} is empty\n", what, c.file);
    return;
  }
  *s += fmt::format("  {}: first-ranked right {}/{} ({}), in no cascade {}  [{}]\n", what,
                    Int(c.right), Int(c.cascades), Score(c.Share()), Int(c.unmatched), c.file);
  if (c.wrong.empty()) return;
  *s += "    another account first:";
  for (size_t i = 0; i < c.wrong.size() && i < 10; ++i) *s += " " + c.wrong[i];
  if (c.wrong.size() > 10) *s += " …";
  *s += "\n";
}

}  // namespace

std::string EvaluationTable(const Evaluation& ev) {
  std::string s;
  s += fmt::format("truth     {}: {} records, {} subjects\n", ev.truth.file, Int(ev.truth.records),
                   Int(ev.truth.subjects));
  s += fmt::format("findings  {}: {} records, {} subjects", ev.findings.file,
                   Int(ev.findings.records), Int(ev.findings.subjects));
  if (ev.findings.duplicates)
    s += fmt::format(" ({} repeated subject-label lines counted once)", Int(ev.findings.duplicates));
  s += "\n\n";
  CountsHeader(&s, "subject label");
  for (const ClassScore& c : ev.classes)
    CountsRow(&s, fmt::format("{} {}", NameOf(kSubjectNames, c.subject), NameOf(kLabelNames, c.label)),
              c.truth, c.found, c.counts);
  if (ev.classes.empty()) s += "  (no labelled subjects in truth or findings)\n";
  else
    CountsRow(&s, "all (micro)", ev.overall.tp + ev.overall.fn, ev.overall.tp + ev.overall.fp,
              ev.overall);

  RecallTable(&s, "water_army by tactic", kTacticNames, ev.by_tactic, "");
  RecallTable(&s, "rumor by edit kind", kEditKindNames, ev.by_edit, kMultiEditName);

  const ClaimScore& cl = ev.claims;
  if (cl.true_positives > 0 || cl.strict.fp > 0 || cl.strict.fn > 0) {
    s += fmt::format("\nrumor claims: {} found rumors, {} with a claim in truth, {} of them with "
                     "that claim (accuracy {})\n",
                     Int(cl.true_positives), Int(cl.with_truth_claim), Int(cl.correct),
                     Score(cl.Accuracy()));
    CountsHeader(&s, "rumor, strict");
    CountsRow(&s, "wrong claim = miss", cl.strict.tp + cl.strict.fn, cl.strict.tp + cl.strict.fp,
              cl.strict);
  }

  const SpanScore& sp = ev.spans;
  if (sp.subjects > 0) {
    s += fmt::format("\nspam spans, in code points over {} subjects\n", Int(sp.subjects));
    s += fmt::format("  truth {}  found {}  overlap {}  precision {}  recall {}  f1 {}\n",
                     Int(sp.truth_chars()), Int(sp.found_chars()), Int(sp.chars.tp),
                     Score(sp.chars.Precision()), Score(sp.chars.Recall()), Score(sp.chars.F1()));
  }

  RateTable(&s, "hard negatives", kHardNegativeNames, ev.hard_negatives);
  RateTable(&s, "confounders", kConfounderNames, ev.confounders);

  const SeederScore& sd = ev.seeders;
  if (!sd.clusters.file.empty() || !sd.claim_cascades.file.empty()) {
    s += "\nseeders: is the true originator of each injected rumor cascade ranked first?\n";
    SeederRow(&s, "clusters (no registry)", sd.clusters);
    SeederRow(&s, "claim cascades (registry)", sd.claim_cascades);
  }
  return s;
}

}  // namespace sluice::eval
