#include "text/lookalike_han.h"

#include <unordered_map>
#include <vector>

#include "text/code_points.h"

namespace sluice::text {

Result<LookalikeHan> LookalikeHan::Parse(std::string_view tsv, std::string_view name) {
  LookalikeHan t;
  std::unordered_map<char32_t, size_t> line_of;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    std::string_view line = tsv.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&] { return std::string(name) + ":" + std::to_string(line_no) + ": "; };
    std::vector<char32_t> group;
    size_t i = 0;
    bool separated = true;  // a member must be one code point between separators
    while (i < line.size()) {
      if (line[i] == '\t' || line[i] == ' ') {
        separated = true;
        ++i;
        continue;
      }
      size_t start = i;
      char32_t cp = DecodeUtf8(line, &i);
      std::string text(line.substr(start, i - start));
      if (cp == kReplacementChar) return Status::Corrupt(where() + "not well-formed UTF-8");
      if (!separated)
        return Status::Corrupt(where() + "members must be single characters separated by tabs");
      if (cp < 0x3400) return Status::Corrupt(where() + "'" + text + "' is not a Han character");
      auto [it, added] = line_of.emplace(cp, line_no);
      if (!added)
        return Status::Corrupt(where() + "'" + text + "' is already in the group of line " +
                               std::to_string(it->second));
      group.push_back(cp);
      separated = false;
    }
    if (group.size() < 2)
      return Status::Corrupt(where() + "a group needs at least two characters");
    for (char32_t cp : group) t.canonical_[cp] = group[0];
    ++t.groups_;
  }
  return t;
}

}  // namespace sluice::text
