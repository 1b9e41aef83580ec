// The table of Chinese look-alike characters (形近字), from data/text/lookalike_han.tsv, which is
// compiled into the library (see src/text/CMakeLists.txt) so no run depends on finding a data
// file. Each line of the table is a group; every member folds to the group's first character.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace sluice::text {

class LookalikeHan {
 public:
  // Parses a table in the format of data/text/lookalike_han.tsv. `name` is used in errors, which
  // give the line and the reason ("lookalike_han.tsv:12: '己' is already in the group of line 3").
  static Result<LookalikeHan> Parse(std::string_view tsv, std::string_view name);
  // The table compiled into the library.
  static std::string_view BuiltinTsv();

  // The group's first character for a member, or `cp` itself.
  char32_t Canonical(char32_t cp) const {
    auto it = canonical_.find(cp);
    return it == canonical_.end() ? cp : it->second;
  }
  size_t groups() const { return groups_; }
  size_t members() const { return canonical_.size(); }

 private:
  std::unordered_map<char32_t, char32_t> canonical_;  // every member, the first included
  size_t groups_ = 0;
};

}  // namespace sluice::text
