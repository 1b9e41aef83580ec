#include "sim/spam_block.h"

namespace sluice::sim {
namespace {
constexpr const char* kTlds[] = {".com", ".cn", ".net", ".top", ".xyz", ".cc", ".vip"};
}  // namespace

std::string SpamPhrase(int category, Rng& rng, const Lexicon& lex) {
  const std::vector<int>& cat = lex.spam_phrases[static_cast<size_t>(category)];
  std::string s;
  lex.vocab.Render(cat[rng.Below(cat.size())], Script::kSimplified, rng, &s);
  return s;
}

std::string SpamUrl(Rng& rng) {
  std::string url = rng.Chance(0.5) ? "http://www." : "https://";
  int n = static_cast<int>(rng.Between(4, 9));
  for (int i = 0; i < n; ++i) url.push_back(static_cast<char>('a' + rng.Below(26)));
  if (rng.Chance(0.5)) url += std::to_string(rng.Between(1, 999));
  url += kTlds[rng.Below(std::size(kTlds))];
  url += '/';
  url += std::to_string(rng.Between(100, 99999));
  url += ".html";
  return url;
}

std::string SpamBlock(BlockLayout layout, int phrases, Rng& rng, const Lexicon& lex) {
  int main = static_cast<int>(rng.Below(lex.spam_phrases.size()));
  std::string s;
  if (layout == BlockLayout::kPipes) {
    lex.vocab.Render(lex.spam_headers[rng.Below(lex.spam_headers.size())], Script::kSimplified,
                     rng, &s);
    s += rng.Chance(0.5) ? "：" : ": ";
  }
  for (int i = 0; i < phrases; ++i) {
    int cat = rng.Chance(0.7) ? main : static_cast<int>(rng.Below(lex.spam_phrases.size()));
    if (i > 0) {
      switch (layout) {
        case BlockLayout::kPipes: s += rng.Chance(0.8) ? "| " : "|"; break;
        case BlockLayout::kSpaces: s += rng.Chance(0.8) ? " " : "  "; break;
        case BlockLayout::kEnumComma: s += "、"; break;
        case BlockLayout::kLinkList: s += rng.Chance(0.5) ? " | " : "\n"; break;
      }
    }
    s += SpamPhrase(cat, rng, lex);
    if (layout == BlockLayout::kLinkList) {
      s += ' ';
      s += SpamUrl(rng);
    }
  }
  return s;
}

std::string SpamTail(Rng& rng, const Lexicon& lex, std::string* url) {
  int cat = static_cast<int>(rng.Below(lex.spam_phrases.size()));
  int n = static_cast<int>(rng.Between(2, 4));
  static constexpr const char* kSeps[] = {" ", "|", "、", "｜", " | ", "~"};
  const char* sep = kSeps[rng.Below(std::size(kSeps))];
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += sep;
    s += SpamPhrase(rng.Chance(0.8) ? cat : static_cast<int>(rng.Below(lex.spam_phrases.size())),
                    rng, lex);
  }
  url->clear();
  if (rng.Chance(0.7)) {
    *url = SpamUrl(rng);
    s += ' ';
    s += *url;
  }
  return s;
}

}  // namespace sluice::sim
