#include "eval/evaluate.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "eval/spans.h"

namespace sluice::eval {
namespace {

constexpr uint8_t Bit(Label l) { return static_cast<uint8_t>(1u << static_cast<int>(l)); }
constexpr uint8_t kPositiveLabels = (1u << kPositiveLabelCount) - 1;

}  // namespace

std::string Evaluator::Key(Subject s, const std::string& id) {
  std::string k;
  k.reserve(id.size() + 1);
  k.push_back(static_cast<char>(s));
  k += id;
  return k;
}

Status Evaluator::AddTruth(const LabelLine& l) {
  TruthSubject& t = truth_[Key(l.subject, l.id)];
  int li = static_cast<int>(l.label);
  if (t.labels & Bit(l.label))
    return Status::InvalidInput(fmt::format("repeats {} {} with label {} from line {}",
                                            NameOf(kSubjectNames, l.subject), l.id,
                                            NameOf(kLabelNames, l.label), t.line[li]));
  SLUICE_RETURN_IF_ERROR(cascades_.Add(l));
  t.labels |= Bit(l.label);
  t.line[li] = l.line;
  switch (l.label) {
    case Label::kRumor:
      if (l.claim) t.claim = *l.claim;
      for (EditKind e : l.edits) t.edit_kinds |= static_cast<uint16_t>(1u << static_cast<int>(e));
      t.edit_count = static_cast<uint8_t>(std::min<size_t>(l.edits.size(), 255));
      break;
    case Label::kWaterArmy:
      if (l.tactic) t.tactic = static_cast<int8_t>(*l.tactic);
      break;
    case Label::kSpam:
      t.spam_spans = MergeSpans(l.spans);
      break;
    case Label::kOrganic:
      if (l.hard_negative) t.hard_negative = static_cast<int8_t>(*l.hard_negative);
      if (l.confounder) t.confounder = static_cast<int8_t>(*l.confounder);
      break;
    case Label::kCopyPaste:
      break;
  }
  return Status::Ok();
}

Status Evaluator::AddFinding(const LabelLine& l) {
  FoundSubject& f = found_[Key(l.subject, l.id)];
  if (f.labels & Bit(l.label)) ++duplicates_;
  if (l.label == Label::kRumor && !(f.labels & Bit(l.label)) && l.claim) {
    f.has_claim = true;
    f.claim = *l.claim;
  }
  if (l.label == Label::kSpam) f.spam_spans.insert(f.spam_spans.end(), l.spans.begin(), l.spans.end());
  f.labels |= Bit(l.label);
  return Status::Ok();
}

Evaluation Evaluator::Finish() const {
  Evaluation ev;
  ev.truth.subjects = truth_.size();
  ev.findings.subjects = found_.size();
  ev.findings.duplicates = duplicates_;

  constexpr size_t kS = kSubjectNames.size();
  std::array<std::array<uint64_t, kPositiveLabelCount>, kS> truth_n{}, found_n{}, tp_n{};
  const FoundSubject kNothing;
  uint64_t wrong_claims = 0, rumor_fp = 0, rumor_fn = 0;

  for (const auto& [key, t] : truth_) {
    auto it = found_.find(key);
    const FoundSubject& f = it == found_.end() ? kNothing : it->second;
    size_t s = static_cast<size_t>(SubjectOfKey(key));
    for (int l = 0; l < kPositiveLabelCount; ++l) {
      if (!(t.labels & (1u << l))) continue;
      ++truth_n[s][l];
      if (f.labels & (1u << l)) ++tp_n[s][l];
    }
    if (t.labels & Bit(Label::kWaterArmy) && t.tactic >= 0) {
      RecallCount& r = ev.by_tactic[static_cast<size_t>(t.tactic)];
      ++r.truth;
      r.found += (f.labels & Bit(Label::kWaterArmy)) != 0;
    }
    if (t.labels & Bit(Label::kRumor)) {
      bool hit = (f.labels & Bit(Label::kRumor)) != 0;
      for (size_t e = 0; e < kEditKindNames.size(); ++e) {
        if (!(t.edit_kinds & (1u << e))) continue;
        ++ev.by_edit[e].truth;
        ev.by_edit[e].found += hit;
      }
      if (t.edit_count >= 2) {
        ++ev.by_edit.back().truth;
        ev.by_edit.back().found += hit;
      }
      if (hit) {
        ++ev.claims.true_positives;
        if (!t.claim.empty()) {
          ++ev.claims.with_truth_claim;
          if (f.has_claim && f.claim == t.claim) ++ev.claims.correct;
          else ++wrong_claims;
        }
      } else {
        ++rumor_fn;
      }
    }
    if (t.labels & Bit(Label::kSpam)) {
      std::vector<Span> found_spans = MergeSpans(f.spam_spans);
      uint64_t overlap = static_cast<uint64_t>(OverlapLength(t.spam_spans, found_spans));
      ++ev.spans.subjects;
      ev.spans.chars.tp += overlap;
      ev.spans.chars.fn += static_cast<uint64_t>(CoveredLength(t.spam_spans)) - overlap;
      ev.spans.chars.fp += static_cast<uint64_t>(CoveredLength(found_spans)) - overlap;
    }
    // A labelled negative is flagged by any positive label that truth does not give it.
    bool flagged = (f.labels & kPositiveLabels & ~t.labels) != 0;
    if (t.hard_negative >= 0) {
      FalsePositiveCount& c = ev.hard_negatives[static_cast<size_t>(t.hard_negative)];
      ++c.truth;
      c.flagged += flagged;
    }
    if (t.confounder >= 0) {
      FalsePositiveCount& c = ev.confounders[static_cast<size_t>(t.confounder)];
      ++c.truth;
      c.flagged += flagged;
    }
  }

  for (const auto& [key, f] : found_) {
    size_t s = static_cast<size_t>(SubjectOfKey(key));
    auto it = truth_.find(key);
    uint8_t truth_labels = it == truth_.end() ? 0 : it->second.labels;
    for (int l = 0; l < kPositiveLabelCount; ++l)
      if (f.labels & (1u << l)) ++found_n[s][l];
    if ((f.labels & Bit(Label::kRumor)) && !(truth_labels & Bit(Label::kRumor))) ++rumor_fp;
    if ((f.labels & Bit(Label::kSpam)) && !(truth_labels & Bit(Label::kSpam))) {
      ++ev.spans.subjects;
      ev.spans.chars.fp += static_cast<uint64_t>(CoveredLength(MergeSpans(f.spam_spans)));
    }
  }

  for (size_t s = 0; s < kS; ++s) {
    for (int l = 0; l < kPositiveLabelCount; ++l) {
      if (truth_n[s][l] == 0 && found_n[s][l] == 0) continue;
      ClassScore c;
      c.subject = static_cast<Subject>(s);
      c.label = static_cast<Label>(l);
      c.truth = truth_n[s][l];
      c.found = found_n[s][l];
      c.counts = Counts{tp_n[s][l], found_n[s][l] - tp_n[s][l], truth_n[s][l] - tp_n[s][l]};
      ev.overall.tp += c.counts.tp;
      ev.overall.fp += c.counts.fp;
      ev.overall.fn += c.counts.fn;
      ev.classes.push_back(c);
    }
  }

  ev.claims.strict = Counts{ev.claims.true_positives - wrong_claims, rumor_fp + wrong_claims,
                            rumor_fn + wrong_claims};
  return ev;
}

Result<Evaluation> EvaluateFiles(const std::string& truth_path, const std::string& findings_path,
                                 const CascadeFiles& cascades) {
  Evaluator ev;
  LabelFileStats truth_stats, findings_stats;
  SLUICE_RETURN_IF_ERROR(ReadLabelFile(truth_path, LabelFileKind::kTruth,
                                       [&](const LabelLine& l) { return ev.AddTruth(l); },
                                       &truth_stats));
  SLUICE_RETURN_IF_ERROR(ReadLabelFile(findings_path, LabelFileKind::kFindings,
                                       [&](const LabelLine& l) { return ev.AddFinding(l); },
                                       &findings_stats));
  Evaluation out = ev.Finish();
  out.truth.file = truth_path;
  out.truth.lines = truth_stats.lines;
  out.truth.records = truth_stats.records;
  out.findings.file = findings_path;
  out.findings.lines = findings_stats.lines;
  out.findings.records = findings_stats.records;
  if (!cascades.clusters.empty()) {
    Result<SeederCount> c = ScoreClusterSeeders(cascades.clusters, ev.cascades());
    if (!c.ok()) return c.status();
    out.seeders.clusters = std::move(c.value());
  }
  if (!cascades.claim_cascades.empty()) {
    Result<SeederCount> c = ScoreClaimCascadeSeeders(cascades.claim_cascades, ev.cascades());
    if (!c.ok()) return c.status();
    out.seeders.claim_cascades = std::move(c.value());
  }
  return out;
}

}  // namespace sluice::eval
