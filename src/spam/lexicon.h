// The spam lexicon: category-tagged phrase lists compiled once into a single Vectorscan literal
// database, matched on normalized text (see normalizer.h).
//
// List format (data/spam/<category>.txt): UTF-8, one phrase per line, '#' starts a comment line,
// blank lines are ignored, surrounding whitespace is trimmed. The file name's stem is the
// category. Phrases are normalized with the same Normalizer as the text they are matched against,
// so a list may be written in traditional or full-width forms. A phrase listed twice (after
// normalization, in any list) is an error naming both places.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "spam/normalizer.h"

struct hs_database;
struct hs_scratch;

namespace sluice::spam {

enum class SpamCategory : uint8_t { kPornography, kGambling, kPiracy, kAdvertising, kLinkFarm };
inline constexpr int kSpamCategoryCount = 5;
std::string_view SpamCategoryName(SpamCategory c);
std::optional<SpamCategory> ParseSpamCategory(std::string_view name);

struct LexiconSource {
  std::string name;  // file name, used for the category and in error messages
  std::string text;
};

struct LexiconHit {
  uint32_t begin, end;  // byte offsets in the normalized text
  uint32_t phrase;      // index into Lexicon::phrase()
};

class Lexicon {
 public:
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Parses and compiles the lists. Errors name the file and line.
  static Result<std::unique_ptr<Lexicon>> Build(const std::vector<LexiconSource>& sources,
                                                const Normalizer& normalizer);
  // The lists compiled into the binary from data/spam/.
  static std::vector<LexiconSource> EmbeddedSources();
  // Every *.txt file in `dir`, in name order.
  static Result<std::vector<LexiconSource>> ReadDir(const std::string& dir);

  // Appends every occurrence of every phrase in `normalized` to *hits, sorted by (begin, end).
  // Thread-safe: scratch space comes from an internal pool.
  Status Scan(std::string_view normalized, std::vector<LexiconHit>* hits) const;

  size_t size() const { return phrases_.size(); }
  std::string_view phrase(uint32_t i) const { return phrases_[i]; }
  SpamCategory category(uint32_t i) const { return categories_[i]; }

 private:
  Lexicon() = default;
  hs_scratch* AcquireScratch() const;
  void ReleaseScratch(hs_scratch* s) const;

  std::vector<std::string> phrases_;         // normalized
  std::vector<SpamCategory> categories_;
  // Short all-ASCII phrases ("av") would match inside ordinary words; they only count when no
  // ASCII letter or digit touches them.
  std::vector<uint8_t> needs_word_boundary_;
  hs_database* db_ = nullptr;
  mutable std::mutex pool_mu_;
  mutable std::vector<hs_scratch*> pool_;
  hs_scratch* prototype_ = nullptr;
};

}  // namespace sluice::spam
