#include "sim/page_maker.h"

#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/time.h"
#include "core/utf8.h"
#include "sim/spam_block.h"

namespace sluice::sim {
namespace {

constexpr uint64_t kTagPages = 0x9a9e;

// Appends text while counting code points, so spans come out in the contract's unit.
struct PageText {
  std::string s;
  uint64_t cps = 0;
  void Add(std::string_view t) {
    s.append(t);
    cps += CountCodePoints(t);
  }
};

std::string LocalDateTime(int64_t t) {
  std::string iso = FormatRfc3339(t + 8 * 3600);  // the platform's local time, UTC+8
  iso[10] = ' ';
  iso.pop_back();  // the trailing Z
  return iso;
}

}  // namespace

PagePlan::PagePlan(const SimParams& p, uint64_t seed) {
  pages_ = static_cast<uint64_t>(p.pages);
  spam_ = static_cast<uint64_t>(std::llround(p.pages * p.spam_page_fraction));
  mid_ = static_cast<uint64_t>(std::llround(static_cast<double>(spam_) * p.spam_midpage_fraction));
  if (pages_ > 1) {
    Rng rng(StreamSeed(seed, kTagPages, 0xffff));
    a_ = 1 + rng.Below(pages_ - 1);
    while (std::gcd(a_, pages_) != 1) a_ = a_ % (pages_ - 1) + 1;
    b_ = rng.Below(pages_);
  }
}

uint64_t PagePlan::Slot(uint64_t i) const {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(a_) * i + b_) % pages_);
}

Page MakePage(uint64_t index, const PagePlan& plan, const SimParams& p, uint64_t seed,
              const Lexicon& lex) {
  Rng rng(StreamSeed(seed, kTagPages, index));
  const Vocabulary& v = lex.vocab;
  Page page;
  char name[32];
  std::snprintf(name, sizeof name, "p%06llu.txt", static_cast<unsigned long long>(index + 1));
  page.name = name;

  Script s = rng.Chance(0.5) ? Script::kTraditional : Script::kSimplified;
  FixedWords fixed;
  fixed.Set(lex.city_list, static_cast<uint32_t>(rng.Below(v.ListSize(lex.city_list))));
  fixed.Set(lex.site_list, static_cast<uint32_t>(rng.Below(v.ListSize(lex.site_list))));
  const std::string& site = v.Word(lex.site_list, fixed.Find(lex.site_list)->word, s);
  const std::string indent = "      ", para_indent = "        ";

  PageText t;
  t.Add(site + " > ");
  t.Add(v.Word(lex.section_list, static_cast<uint32_t>(rng.Below(v.ListSize(lex.section_list))), s));
  t.Add(" > ");
  t.Add(v.Word(lex.section_list, static_cast<uint32_t>(rng.Below(v.ListSize(lex.section_list))), s));
  t.Add("\n\n" + indent);
  std::string line;
  v.Render(lex.page_titles[rng.Below(lex.page_titles.size())], s, rng, fixed, &line);
  t.Add(line + "\n\n" + indent);
  int64_t when = p.start + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(p.days) * 86400));
  t.Add((s == Script::kTraditional ? "發布時間:" : "发布时间:") + LocalDateTime(when) +
        (s == Script::kTraditional ? "來源: " : "来源: ") + site + "\n\n");

  bool spam = plan.IsSpam(index);
  bool mid = plan.HasMidBlock(index);
  bool trailer = spam && (!mid || rng.Chance(0.5));
  bool flagged = !spam && rng.Chance(0.5);
  int paragraphs = static_cast<int>(rng.Between(3, 6));
  int mid_after = static_cast<int>(rng.Between(1, paragraphs - 1));
  int flagged_in = static_cast<int>(rng.Below(static_cast<uint64_t>(paragraphs)));
  auto block = [&]() {
    BlockLayout layout = static_cast<BlockLayout>(rng.Below(kBlockLayoutCount));
    return SpamBlock(layout, static_cast<int>(rng.Between(8, 40)), rng, lex);
  };
  for (int i = 0; i < paragraphs; ++i) {
    line.clear();
    int sentences = static_cast<int>(rng.Between(2, 4));
    for (int k = 0; k < sentences; ++k)
      v.Render(lex.page_sentences[rng.Below(lex.page_sentences.size())], s, rng, fixed, &line);
    if (flagged && i == flagged_in)
      v.Render(lex.page_flagged_sentences[rng.Below(lex.page_flagged_sentences.size())], s, rng,
               fixed, &line);
    t.Add(para_indent + line + "\n\n");
    if (mid && i + 1 == mid_after) {
      t.Add(para_indent);
      uint64_t start = t.cps;
      t.Add(block());
      page.spans.push_back({start, t.cps});
      t.Add("\n\n");
    }
  }
  line.clear();
  v.Render(lex.page_person, s, rng, &line);
  t.Add(indent + (s == Script::kTraditional ? "(責編:" : "(责编:") + line + ")\n\n");
  line.clear();
  v.Render(lex.page_copyrights[rng.Below(lex.page_copyrights.size())], s, rng, fixed, &line);
  t.Add(indent + line + "\n");
  if (trailer) {
    t.Add("\n" + indent);
    uint64_t start = t.cps;
    t.Add(block());
    page.spans.push_back({start, t.cps});
    t.Add("\n");
  }
  page.text = std::move(t.s);
  return page;
}

}  // namespace sluice::sim
