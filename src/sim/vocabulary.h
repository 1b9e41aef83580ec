// Word lists and fill-in templates ("{city}今天{weather}"), written in simplified characters and
// converted once to traditional, so a post in either script is rendered from the same template
// with the same word choices.
//
// Template syntax: literal text with {name} slots, where name is a word list added with AddList
// or a built-in: {n} a small number (2..60), {n2} a larger one (3..999), {clock} an hour
// (1..12), {pct} a percentage with one decimal, {emoji} one emoji.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sim/rng.h"
#include "sim/script_converter.h"

namespace sluice::sim {

enum class Script : uint8_t { kSimplified = 0, kTraditional = 1 };

// Slot values chosen in advance (a hot event's city), by list id and word index; the same
// indexes render the same words in both scripts.
struct FixedWords {
  struct Entry {
    int list;
    uint32_t word;
  };
  std::vector<Entry> entries;
  void Set(int list, uint32_t word) { entries.push_back({list, word}); }
  const Entry* Find(int list) const {
    for (const Entry& e : entries)
      if (e.list == list) return &e;
    return nullptr;
  }
};

class Vocabulary {
 public:
  Vocabulary();

  // Adds a word list; returns its id. Words are simplified; Finalize adds the traditional forms.
  int AddList(std::string_view name, std::vector<std::string> words);
  // Parses a template; fails on an unknown slot name or an unclosed brace.
  Result<int> AddTemplate(std::string_view text);
  // Converts every word and literal to traditional. REQUIRES: called once, after all Add*.
  void Finalize(const ScriptConverter& conv);

  int ListId(std::string_view name) const;  // -1 when unknown
  size_t ListSize(int list) const { return lists_[list][0].size(); }
  const std::string& Word(int list, uint32_t index, Script s) const {
    return lists_[list][static_cast<int>(s)][index];
  }
  const std::string& Emoji(Rng& rng) const;

  void Render(int tmpl, Script s, Rng& rng, const FixedWords& fixed, std::string* out) const;
  void Render(int tmpl, Script s, Rng& rng, std::string* out) const {
    Render(tmpl, s, rng, FixedWords{}, out);
  }

 private:
  enum Builtin : int { kNum = -2, kNum2 = -3, kClock = -4, kPct = -5, kEmoji = -6 };
  struct Piece {
    int slot;  // >= 0 a list id, < 0 a Builtin, kLiteral for text
    std::array<std::string, 2> text;
  };
  static constexpr int kLiteral = -1;

  std::vector<std::array<std::vector<std::string>, 2>> lists_;
  std::map<std::string, int, std::less<>> names_;
  std::vector<std::vector<Piece>> templates_;
  int emoji_list_ = -1;
};

}  // namespace sluice::sim
