// The injected-spam detector: one post or page text in, the spam blocks in it out, each with its
// span, category, score and the signals that fired. The batch scan, `sluice clean` and any
// per-post service call the same Detect().
//
// How it decides (docs/spam.md has the details):
//  1. the text is cut into lines and items (segmenter.h) and normalized (normalizer.h);
//  2. lexicon phrases are found in the normalized text (lexicon.h) and attributed to items;
//  3. candidate blocks are runs of short items within a line (and each run's evident core),
//     and groups of consecutive list lines; long items and sentences with commas and a full stop
//     form the article body;
//  4. each candidate is scored as the sum of the weights of its fired signals (block_scorer.h);
//     candidates at or above the threshold, with spam vocabulary in them, are spam;
//  5. spam blocks lose edge items that read as article text (header lines, bylines, the post a
//     tail was appended to), grow into adjacent list-like neighbours that share their evidence,
//     and merge with adjacent spam; the final block must pass the threshold on its own.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "spam/lexicon.h"
#include "spam/normalizer.h"
#include "spam/spam_config.h"

namespace sluice::spam {

struct SpamSignal {
  std::string name;
  double weight = 0;
  std::string evidence;  // a JSON object
};

struct SpamSpan {
  uint32_t begin = 0, end = 0;  // half-open, in code points of the text given to Detect
  SpamCategory category = SpamCategory::kLinkFarm;
  double score = 0;
  std::vector<SpamSignal> signals;  // in a fixed order (config order)
};

struct SpamReport {
  std::vector<SpamSpan> spans;  // sorted, disjoint
  uint32_t code_points = 0;     // length of the text
};

class SpamDetector {
 public:
  // Builds the normalizer and compiles the lexicon (config.lexicon_dir, or the embedded lists).
  static Result<std::unique_ptr<SpamDetector>> Create(const SpamConfig& config);
  static Result<std::unique_ptr<SpamDetector>> Create(const SpamConfig& config,
                                                      std::shared_ptr<const Normalizer> normalizer,
                                                      std::shared_ptr<const Lexicon> lexicon);

  // Thread-safe. Invalid UTF-8 bytes count as one code point each (see DecodeUtf8).
  Result<SpamReport> Detect(std::string_view utf8) const;
  // `in_link`, when not empty, has one entry per code point: nonzero inside an HTML link.
  // REQUIRES: in_link is empty or in_link.size() == cps.size().
  Result<SpamReport> Detect(std::span<const char32_t> cps,
                            std::span<const uint8_t> in_link = {}) const;

  const SpamConfig& config() const { return config_; }
  const Normalizer& normalizer() const { return *normalizer_; }
  const Lexicon& lexicon() const { return *lexicon_; }

 private:
  // `nt` is the normalized `cps` when the caller has it already, else null.
  Result<SpamReport> DetectNormalized(std::span<const char32_t> cps, std::span<const uint8_t> in_link,
                                      const NormalizedText* nt) const;

  SpamDetector(const SpamConfig& config, std::shared_ptr<const Normalizer> normalizer,
               std::shared_ptr<const Lexicon> lexicon)
      : config_(config), normalizer_(std::move(normalizer)), lexicon_(std::move(lexicon)) {}

  SpamConfig config_;
  std::shared_ptr<const Normalizer> normalizer_;
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace sluice::spam
