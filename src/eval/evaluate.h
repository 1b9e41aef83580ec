// Scores a findings file against a truth file (docs/findings.md says how each number is counted).
//
// A subject is (subject kind, id); ids of different kinds never match. For every positive label
// a subject either has it or not, in truth and in findings, which gives true positives, false
// positives and false negatives per (subject kind, label). Breakdowns, claim checks, spans and
// false-positive rates are computed on top of that. Every count is an integer summed over
// subjects, so the result does not depend on line order or on hash-map order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "eval/label_file.h"
#include "eval/metrics.h"
#include "eval/seeder_score.h"
#include "eval/vocabulary.h"

namespace sluice::eval {

struct ClassScore {
  Subject subject = Subject::kPost;
  Label label = Label::kRumor;
  uint64_t truth = 0, found = 0;  // subjects with the label in truth, in findings
  Counts counts;
};

struct ClaimScore {
  uint64_t true_positives = 0;  // rumor findings on subjects truth labels rumor
  uint64_t with_truth_claim = 0;  // ... of which truth names a claim
  uint64_t correct = 0;           // ... and the finding names the same claim
  // Rumor counts where a finding with the wrong (or no) claim id is a miss: its true positive
  // becomes both a false positive and a false negative. Truth rumors without a claim id cannot
  // be checked and keep their true positive.
  Counts strict;
  std::optional<double> Accuracy() const { return Counts::Ratio(correct, with_truth_claim); }
};

struct SpanScore {
  uint64_t subjects = 0;  // subjects with a spam label in truth or findings
  // tp: code points in both truth and finding spans; fp: only in findings; fn: only in truth.
  Counts chars;
  uint64_t truth_chars() const { return chars.tp + chars.fn; }
  uint64_t found_chars() const { return chars.tp + chars.fp; }
};

struct InputSummary {
  std::string file;
  uint64_t lines = 0, records = 0;
  uint64_t subjects = 0;    // distinct (subject kind, id)
  uint64_t duplicates = 0;  // findings only: repeated (subject, id, label) lines, counted once
};

struct Evaluation {
  InputSummary truth, findings;
  // Every (subject kind, positive label) with a subject in truth or findings, in vocabulary order.
  std::vector<ClassScore> classes;
  Counts overall;  // micro-average: the counts of all classes summed
  std::array<RecallCount, kTacticNames.size()> by_tactic;
  // One row per edit kind, then the "multi" row (rumors with two or more edits).
  std::array<RecallCount, kEditKindNames.size() + 1> by_edit;
  ClaimScore claims;
  SpanScore spans;
  std::array<FalsePositiveCount, kHardNegativeNames.size()> hard_negatives;
  std::array<FalsePositiveCount, kConfounderNames.size()> confounders;
  SeederScore seeders;  // filled by EvaluateFiles when scan outputs are given
};

// Accumulates truth and findings lines, then scores them.
class Evaluator {
 public:
  // A repeated (subject, id, label) is an error in truth: the generator writes each item once,
  // and two lines could disagree on claim, edits or spans.
  Status AddTruth(const LabelLine& line);
  // A repeated (subject, id, label) counts once; the first line's claim is kept, and the spans
  // of all lines are pooled.
  Status AddFinding(const LabelLine& line);
  Evaluation Finish() const;
  const CascadeTruth& cascades() const { return cascades_; }

 private:
  struct TruthSubject {
    uint8_t labels = 0;  // bit per Label
    std::array<uint64_t, kLabelNames.size()> line{};  // line of each label, for duplicate errors
    std::string claim;   // of the rumor line; empty when none was given
    int8_t tactic = -1;  // of the water_army line
    uint16_t edit_kinds = 0;  // of the rumor line, bit per EditKind
    uint8_t edit_count = 0;
    int8_t hard_negative = -1, confounder = -1;  // of the organic line
    std::vector<Span> spam_spans;
  };
  struct FoundSubject {
    uint8_t labels = 0;
    bool has_claim = false;
    std::string claim;
    std::vector<Span> spam_spans;
  };
  static std::string Key(Subject s, const std::string& id);
  static Subject SubjectOfKey(const std::string& key) { return static_cast<Subject>(key[0]); }

  std::unordered_map<std::string, TruthSubject> truth_;
  std::unordered_map<std::string, FoundSubject> found_;
  uint64_t duplicates_ = 0;
  CascadeTruth cascades_;
};

// Scan outputs to score the seeders of (docs/findings.md): empty paths are not read.
struct CascadeFiles {
  std::string clusters;        // clusters.jsonl
  std::string claim_cascades;  // claim_cascades.jsonl
};

// Reads both files and scores them. Errors name the file and line of the first bad record.
Result<Evaluation> EvaluateFiles(const std::string& truth_path, const std::string& findings_path,
                                 const CascadeFiles& cascades = {});

}  // namespace sluice::eval
