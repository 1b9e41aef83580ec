#include "sim/vocabulary.h"

#include <cstdio>

namespace sluice::sim {

namespace {
// Emoji and the bracketed emoticon codes that Chinese platforms render as pictures.
const std::vector<std::string>& EmojiWords() {
  static const std::vector<std::string> kEmoji = {
      "😂", "😭", "👍", "🙏", "❤️", "🔥", "😅", "🤔", "😡", "😱", "🎉", "☀️", "🌧️", "🍜", "🐱",
      "🐶", "💪", "😴", "🤣", "😍", "🥺", "🙄", "✨", "👏", "🌸", "🍉", "🚇", "📷",
      "[哈哈]", "[泪]", "[赞]", "[doge]", "[允悲]", "[心]", "[笑cry]", "[抱抱]"};
  return kEmoji;
}
}  // namespace

Vocabulary::Vocabulary() { emoji_list_ = AddList("emoji", EmojiWords()); }

int Vocabulary::AddList(std::string_view name, std::vector<std::string> words) {
  int id = static_cast<int>(lists_.size());
  lists_.push_back({std::move(words), {}});
  names_.emplace(std::string(name), id);
  return id;
}

int Vocabulary::ListId(std::string_view name) const {
  auto it = names_.find(name);
  return it == names_.end() ? -1 : it->second;
}

Result<int> Vocabulary::AddTemplate(std::string_view text) {
  std::vector<Piece> pieces;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) open = text.size();
    if (open > i) pieces.push_back({kLiteral, {std::string(text.substr(i, open - i)), ""}});
    if (open == text.size()) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos)
      return Status::Internal("template has an unclosed '{': " + std::string(text));
    std::string_view name = text.substr(open + 1, close - open - 1);
    int slot;
    if (name == "n") slot = kNum;
    else if (name == "n2") slot = kNum2;
    else if (name == "clock") slot = kClock;
    else if (name == "pct") slot = kPct;
    else if (name == "emoji") slot = kEmoji;
    else slot = ListId(name);
    if (slot == kLiteral)
      return Status::Internal("template uses unknown slot {" + std::string(name) + "}: " +
                              std::string(text));
    pieces.push_back({slot, {}});
    i = close + 1;
  }
  templates_.push_back(std::move(pieces));
  return static_cast<int>(templates_.size() - 1);
}

void Vocabulary::Finalize(const ScriptConverter& conv) {
  for (auto& list : lists_) {
    list[1].clear();
    list[1].reserve(list[0].size());
    for (const std::string& w : list[0]) list[1].push_back(conv.ToTraditional(w));
  }
  for (auto& t : templates_)
    for (Piece& p : t)
      if (p.slot == kLiteral) p.text[1] = conv.ToTraditional(p.text[0]);
}

const std::string& Vocabulary::Emoji(Rng& rng) const {
  const auto& l = lists_[emoji_list_][0];
  return l[rng.Below(l.size())];
}

void Vocabulary::Render(int tmpl, Script s, Rng& rng, const FixedWords& fixed,
                        std::string* out) const {
  int si = static_cast<int>(s);
  char buf[16];
  for (const Piece& p : templates_[tmpl]) {
    switch (p.slot) {
      case kLiteral: *out += p.text[si]; break;
      case kNum: *out += std::to_string(rng.Between(2, 60)); break;
      case kNum2: *out += std::to_string(rng.Between(3, 999)); break;
      case kClock: *out += std::to_string(rng.Between(1, 12)); break;
      case kPct:
        std::snprintf(buf, sizeof buf, "%d.%d", static_cast<int>(rng.Between(0, 9)),
                      static_cast<int>(rng.Between(1, 9)));
        *out += buf;
        break;
      case kEmoji: *out += Emoji(rng); break;
      default: {
        const FixedWords::Entry* f = fixed.Find(p.slot);
        const auto& words = lists_[p.slot][si];
        *out += words[f != nullptr ? f->word : rng.Below(words.size())];
      }
    }
  }
}

}  // namespace sluice::sim
