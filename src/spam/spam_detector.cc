#include "spam/spam_detector.h"

#include <algorithm>

#include "spam/block_scorer.h"
#include "spam/segmenter.h"

namespace sluice::spam {

namespace {

using Range = std::pair<uint32_t, uint32_t>;  // items [first, last]

// Characters of someone talking rather than of a keyword list: emoji, mentions, hashtags,
// sentence-final particles, the first person.
bool IsChatty(char32_t c) {
  switch (c) {
    case '@': case '#': case U'了': case U'吧': case U'啊': case U'呢': case U'吗': case U'呀':
    case U'哦': case U'嘛': case U'啦': case U'哇': case U'我': case U'的':
      return true;
    default:
      return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF);
  }
}

struct Candidate {
  Range items;
  BlockScore score;
};

// One page's way from candidates to spam ranges (see spam_detector.h for the steps).
class PageRun {
 public:
  PageRun(const SpamConfig& c, const Lexicon& lexicon, const PageFeatures& f)
      : c_(c), lexicon_(lexicon), f_(f), seg_(*f.seg) {}

  std::vector<Range> SpamRanges() {
    std::vector<Candidate> runs;
    for (Range r : f_.runs) runs.push_back({r, Score(r)});
    run_of_item_.assign(seg_.items.size(), -1);
    for (size_t k = 0; k < runs.size(); ++k)
      for (uint32_t i = runs[k].items.first; i <= runs[k].items.second; ++i)
        run_of_item_[i] = static_cast<int>(k);

    std::vector<Candidate> spam;
    for (const Candidate& r : runs) {
      if (IsSpam(r)) {
        spam.push_back(r);
        continue;
      }
      // The run's evident core, from its first to its last item with a lexicon hit or a link:
      // a spam tail on a post shares its run with the post's own words, which dilute it.
      if (r.score.prose || f_.items[r.items.first].body) continue;  // a sentence stays whole
      Range core = r.items;
      while (core.first < core.second && !Evident(core.first)) ++core.first;
      while (core.second > core.first && !Evident(core.second)) --core.second;
      if (core != r.items && Evident(core.first)) {
        // The core decides; Trim then cuts the whole run back to the block, so spam phrases
        // the lexicon does not know, at the core's edges, stay in it.
        Candidate c{core, Score(core)};
        if (IsSpam(c)) spam.push_back(Candidate{r.items, c.score});
      }
    }
    // A group of list lines is a block only when nearly every line carries evidence: a one-link-
    // a-line list is, a run of spam lines under related-article titles is not (its spam lines
    // are blocks of their own).
    for (Range g : LineGroups()) {
      uint32_t lines = 0, evident_lines = 0;
      for (uint32_t l = seg_.items[g.first].line; l <= seg_.items[g.second].line; ++l) {
        ++lines;
        for (uint32_t i = seg_.lines[l].first_item; i < seg_.lines[l].end_item; ++i)
          if (Evident(i)) {
            ++evident_lines;
            break;
          }
      }
      if (evident_lines < c_.blocks.min_evident_line_share * lines) continue;
      Candidate cand{g, Score(g)};
      if (IsSpam(cand)) spam.push_back(cand);
    }
    if (spam.empty()) return {};

    std::vector<Range> ranges;
    std::sort(spam.begin(), spam.end(),
              [](const Candidate& a, const Candidate& b) { return a.items < b.items; });
    for (Candidate& s : spam) {
      // A candidate inside a block already grown adds nothing (one-entry lines of a long list).
      if (!ranges.empty() && s.items.first >= ranges.back().first &&
          s.items.second <= ranges.back().second)
        continue;
      SepKind dominant = DominantSeparator(f_, s.items.first, s.items.second);
      Range r = Trim(s.items, dominant);
      r = Grow(r, dominant, runs);
      ranges.push_back(r);
    }
    std::sort(ranges.begin(), ranges.end());
    std::vector<Range> merged;
    std::vector<bool> joined;  // whether merged[k] joined several ranges (and needs a new trim)
    for (Range r : ranges) {
      if (!merged.empty() && r.first <= merged.back().second + 1) {
        if (r.second > merged.back().second || r.first != merged.back().first) joined.back() = true;
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
        joined.push_back(false);
      }
    }
    for (size_t k = 0; k < merged.size(); ++k)
      if (joined[k])
        merged[k] = Trim(merged[k], DominantSeparator(f_, merged[k].first, merged[k].second));
    return merged;
  }

  // Scores exactly enough to compare with `floor` (the threshold unless said otherwise).
  BlockScore Score(Range r, bool evidence = false) const {
    return ScoreBlock(f_, c_, lexicon_, r.first, r.second, evidence, c_.threshold);
  }

 private:
  bool Evident(uint32_t i) const { return f_.items[i].categories != 0 || f_.items[i].link; }

  // Past the threshold, with spam vocabulary in enough items: structure alone (a row of
  // @mentions, a list of source links) says "list", not "spam".
  bool IsSpam(const Candidate& c) const {
    if (c.score.score < c_.threshold) return false;
    int with_hits = 0;
    for (uint32_t i = c.items.first; i <= c.items.second; ++i) with_hits += f_.items[i].categories != 0;
    return with_hits >= c_.blocks.min_lexicon_items;
  }
  bool Chatty(uint32_t i) const {
    for (uint32_t k = seg_.items[i].begin; k < seg_.items[i].end; ++k)
      if (IsChatty(f_.cps[k])) return true;
    return false;
  }

  // Groups of two or more consecutive lines (no blank line between) made only of phrase items
  // with no sentence end: one-entry-per-line link lists and keyword lists.
  std::vector<Range> LineGroups() const {
    std::vector<Range> groups;
    const auto& lines = seg_.lines;
    auto list_line = [&](const Line& l) {
      for (uint32_t i = l.first_item; i < l.end_item; ++i)
        if (!f_.items[i].phrase || seg_.items[i].sep == SepKind::kTerminator) return false;
      return true;
    };
    size_t a = 0;
    while (a < lines.size()) {
      if (!list_line(lines[a])) {
        ++a;
        continue;
      }
      size_t b = a;
      while (b + 1 < lines.size() && lines[b + 1].blank_lines_before == 0 && list_line(lines[b + 1]))
        ++b;
      if (b > a) groups.push_back({lines[a].first_item, lines[b].end_item - 1});
      a = b + 1;
    }
    return groups;
  }

  // Blocks this short must be made of evident items only (see Trim).
  static constexpr uint32_t kShortBlockItems = 6;

  // A label that opens a keyword block: an item before a colon ("热门搜索："), or a link-farm
  // phrase that starts a line ("友情链接").
  bool IsLabel(uint32_t i) const {
    if (Between(seg_, i) == SepKind::kColon) return true;
    bool line_first = seg_.lines[seg_.items[i].line].first_item == i;
    return line_first &&
           (f_.items[i].categories & (1u << static_cast<int>(SpamCategory::kLinkFarm))) != 0;
  }

  // Drops edge material that reads as article text, never an item with a lexicon hit or a link:
  //  - everything before the label that opens the block;
  //  - whole edge lines of a multi-line block whose shape (items per line) differs from the
  //    block's evident lines, or that share the body's vocabulary (a title, a byline);
  //  - edge items with a separator unlike the block's own, or the body's vocabulary.
  Range Trim(Range r, SepKind dominant) const {
    uint32_t first_evident = r.first;
    while (first_evident < r.second && !Evident(first_evident)) ++first_evident;
    if (first_evident > r.first && Evident(first_evident) && IsLabel(first_evident))
      r.first = first_evident;

    const auto& items = seg_.items;
    if (items[r.first].line != items[r.second].line) {
      // Items of the block on line `l`, and whether any of them is evident.
      auto portion = [&](uint32_t l) {
        const Line& line = seg_.lines[l];
        return Range{std::max(line.first_item, r.first), std::min(line.end_item - 1, r.second)};
      };
      auto evident = [&](Range p) {
        for (uint32_t i = p.first; i <= p.second; ++i)
          if (Evident(i)) return true;
        return false;
      };
      std::vector<uint32_t> counts;
      for (uint32_t l = items[r.first].line; l <= items[r.second].line; ++l) {
        Range p = portion(l);
        if (evident(p)) counts.push_back(p.second - p.first + 1);
      }
      if (!counts.empty()) {
        std::sort(counts.begin(), counts.end());
        uint32_t typical = counts[counts.size() / 2];
        auto article_line = [&](Range p) {
          if (evident(p)) return false;
          if (p.second - p.first + 1 != typical) return true;
          uint32_t bigrams = 0;
          double overlap = BodyOverlap(f_, p.first, p.second, &bigrams);
          return bigrams > 0 && overlap >= c_.blocks.trim_overlap;
        };
        while (items[r.first].line < items[r.second].line) {
          Range p = portion(items[r.first].line);
          if (!article_line(p)) break;
          r.first = p.second + 1;
        }
        while (items[r.second].line > items[r.first].line) {
          Range p = portion(items[r.second].line);
          if (!article_line(p)) break;
          r.second = p.first - 1;
        }
      }
    }

    auto article_like = [&](uint32_t i, SepKind edge_sep, bool leading) {
      const ItemFeatures& it = f_.items[i];
      if (leading && it.link && it.categories == 0 && i + 2 <= r.second && !f_.items[i + 1].link)
        return true;  // a post's own link before the spam it carries, not a link list
      if (Evident(i)) return false;
      if (leading && edge_sep == SepKind::kColon && i + 1 <= r.second &&
          (Evident(i + 1) || (i + 1 < r.second && Between(seg_, i + 1) == dominant)))
        return false;  // a header: "热门搜索：" before the list it names
      if (edge_sep != dominant || Chatty(i)) return true;
      // Where spaces separate both the block's items and the words before it, the separator
      // cannot tell them apart: a leading item without evidence at the head of a short block
      // whose other items are all evident is the post the tail was appended to. So is an item in
      // another script than the rest.
      uint32_t others = 0, evident = 0, trad = 0;
      for (uint32_t k = r.first; k <= r.second; ++k) {
        if (k == i) continue;
        ++others;
        evident += Evident(k);
        trad += f_.items[k].trad;
      }
      if (leading && dominant == SepKind::kSpace && others >= 2 && others < kShortBlockItems &&
          evident == others)
        return true;
      if (it.trad > 0 && trad == 0) return true;
      uint32_t bigrams = 0;
      double overlap = BodyOverlap(f_, i, i, &bigrams);
      return bigrams > 0 && overlap >= c_.blocks.trim_overlap;
    };
    // A comma after a trimmed item continues its sentence: the next item goes too, unless it
    // carries evidence ("我想回家，午夜影院…" keeps the second item).
    bool comma = false;
    while (r.first < r.second) {
      SepKind sep = Between(seg_, r.first);
      if (!(comma && !Evident(r.first)) && !article_like(r.first, sep, true)) break;
      comma = sep == SepKind::kComma;
      ++r.first;
    }
    comma = false;
    while (r.second > r.first) {
      SepKind sep = Between(seg_, r.second - 1);
      if (!(comma && !Evident(r.second)) && !article_like(r.second, sep, false)) break;
      comma = sep == SepKind::kComma;
      --r.second;
    }
    return r;
  }

  // Absorbs neighbouring in-line runs (nothing but separators and line breaks between) that are
  // not article body, score at least grow_threshold and share evidence with the block.
  Range Grow(Range r, SepKind dominant, const std::vector<Candidate>& runs) const {
    auto joins = [&](int k) {
      if (k < 0) return false;
      const Candidate& n = runs[static_cast<size_t>(k)];
      if (n.score.prose) return false;
      for (uint32_t i = n.items.first; i <= n.items.second; ++i)
        if (f_.items[i].body) return false;
      bool shared = false;
      for (uint32_t i = n.items.first; i <= n.items.second && !shared; ++i) shared = Evident(i);
      if (!shared && DominantSeparator(f_, n.items.first, n.items.second) != dominant) return false;
      if (!n.score.pruned) return n.score.score >= c_.grow_threshold;
      return ScoreBlock(f_, c_, lexicon_, n.items.first, n.items.second, false, c_.grow_threshold)
                 .score >= c_.grow_threshold;
    };
    for (bool changed = true; changed;) {
      changed = false;
      // Only whole runs beside the block: what Trim cut from the block's own run stays cut.
      if (r.first > 0) {
        int k = run_of_item_[r.first - 1];
        if (k >= 0 && runs[static_cast<size_t>(k)].items.second >= r.first) k = -1;
        if (joins(k)) {
          r.first = runs[static_cast<size_t>(k)].items.first;
          changed = true;
        }
      }
      if (r.second + 1 < seg_.items.size()) {
        int k = run_of_item_[r.second + 1];
        if (k >= 0 && runs[static_cast<size_t>(k)].items.first <= r.second) k = -1;
        if (joins(k)) {
          r.second = runs[static_cast<size_t>(k)].items.second;
          changed = true;
        }
      }
    }
    return r;
  }

  const SpamConfig& c_;
  const Lexicon& lexicon_;
  const PageFeatures& f_;
  const Segmentation& seg_;
  std::vector<int> run_of_item_;
};

// Code point span of items [first, last]: from the list separators that open the first item
// (a leading "|" or "【") to the separators that close the last one.
std::pair<uint32_t, uint32_t> SpanOf(std::span<const char32_t> cps, const Segmentation& seg,
                                     Range r) {
  const Item& a = seg.items[r.first];
  const Line& line = seg.lines[a.line];
  // Separators before the first item belong to the block only when nothing precedes them on
  // the line ("| a | b", "【a】【b】"); after the last item, only when nothing follows.
  auto closing = [](char32_t c) { return c == U'】' || c == ']' || c == U'〗'; };
  auto opening = [](char32_t c) { return c == U'【' || c == '[' || c == U'〖'; };
  uint32_t b = a.begin;
  bool line_first = line.first_item == r.first;
  while (line_first && b > line.begin && !closing(cps[b - 1]) &&
         (IsHorizontalSpace(cps[b - 1]) ||
          IsListSeparator(SeparatorAt(cps, b - 1, line.begin, line.end))))
    --b;
  while (b < a.begin && IsHorizontalSpace(cps[b])) ++b;
  const Item& z = seg.items[r.second];
  uint32_t e = z.end;
  for (uint32_t k = z.end; z.line_end && k < z.sep_end && !opening(cps[k]); ++k)
    if (!IsHorizontalSpace(cps[k])) e = k + 1;
  return {b, e};
}

}  // namespace

Result<std::unique_ptr<SpamDetector>> SpamDetector::Create(const SpamConfig& config) {
  Result<std::unique_ptr<Normalizer>> norm = MakeIcuNormalizer();
  if (!norm.ok()) return norm.status();
  std::vector<LexiconSource> sources;
  if (config.lexicon_dir.empty()) {
    sources = Lexicon::EmbeddedSources();
  } else {
    Result<std::vector<LexiconSource>> read = Lexicon::ReadDir(config.lexicon_dir);
    if (!read.ok()) return read.status();
    sources = std::move(read).value();
  }
  Result<std::unique_ptr<Lexicon>> lex = Lexicon::Build(sources, *norm.value());
  if (!lex.ok()) return lex.status();
  return Create(config, std::shared_ptr<const Normalizer>(std::move(norm).value()),
                std::shared_ptr<const Lexicon>(std::move(lex).value()));
}

Result<std::unique_ptr<SpamDetector>> SpamDetector::Create(
    const SpamConfig& config, std::shared_ptr<const Normalizer> normalizer,
    std::shared_ptr<const Lexicon> lexicon) {
  if (normalizer == nullptr || lexicon == nullptr)
    return Status::Internal("spam detector: normalizer and lexicon are required");
  return std::unique_ptr<SpamDetector>(
      new SpamDetector(config, std::move(normalizer), std::move(lexicon)));
}

// Buffers reused from one call to the next on the same thread, so a page costs no allocation
// once the buffers have grown to its size.
struct Workspace {
  std::vector<char32_t> cps;
  Segmentation seg;
  NormalizedText nt;
  std::vector<LexiconHit> hits;
  PageFeatures f;
};

Workspace& ThreadWorkspace() {
  thread_local Workspace ws;
  return ws;
}

Result<SpamReport> SpamDetector::Detect(std::string_view utf8) const {
  if (utf8.size() >= UINT32_MAX / 8) return Status::InvalidInput("text too long for one page");
  // The buffer only grows, so decoding never pays for clearing it.
  Workspace& ws = ThreadWorkspace();
  if (ws.cps.size() < utf8.size()) ws.cps.resize(utf8.size());
  size_t n = normalizer_->DecodeAndNormalize(utf8, ws.cps.data(), &ws.nt);
  return DetectNormalized(std::span<const char32_t>(ws.cps.data(), n), {}, &ws.nt);
}

Result<SpamReport> SpamDetector::Detect(std::span<const char32_t> cps,
                                        std::span<const uint8_t> in_link) const {
  return DetectNormalized(cps, in_link, nullptr);
}

Result<SpamReport> SpamDetector::DetectNormalized(std::span<const char32_t> cps,
                                                  std::span<const uint8_t> in_link,
                                                  const NormalizedText* normalized) const {
  if (cps.size() >= UINT32_MAX / 8) return Status::InvalidInput("text too long for one page");
  if (!in_link.empty() && in_link.size() != cps.size())
    return Status::Internal("spam detector: link mask does not match the text");
  SpamReport report;
  report.code_points = static_cast<uint32_t>(cps.size());

  Workspace& ws = ThreadWorkspace();
  if (normalized == nullptr) normalizer_->Normalize(cps, &ws.nt);
  const NormalizedText& nt = ws.nt;
  std::vector<LexiconHit>& hits = ws.hits;
  hits.clear();
  SLUICE_RETURN_IF_ERROR(lexicon_->Scan(nt.view(), &hits));
  // Every block must hold spam vocabulary (IsSpam), so a text without a single lexicon hit has
  // none; most pages and nearly all posts end here, before segmentation and features.
  if (hits.empty() && config_.blocks.min_lexicon_items > 0) return report;
  Segmentation& seg = ws.seg;
  Segment(cps, &seg);
  if (seg.items.empty()) return report;

  PageFeatures& f = ws.f;
  f.cps = cps;
  f.folded = std::span<const char32_t>(nt.folded.data(), nt.n);
  f.seg = &seg;
  f.items.assign(seg.items.size(), ItemFeatures{});
  f.item_hits.clear();
  const uint8_t* trad_flags = nt.traditional.data();
  for (size_t i = 0; i < seg.items.size(); ++i) {
    const Item& it = seg.items[i];
    ItemFeatures& x = f.items[i];
    uint32_t han = 0, trad = 0, linked = 0;
    for (uint32_t k = it.begin; k < it.end; ++k) {
      han += IsHan(cps[k]);
      trad += trad_flags[k];
    }
    if (!in_link.empty())
      for (uint32_t k = it.begin; k < it.end; ++k) linked += in_link[k] != 0;
    x.han = static_cast<uint16_t>(std::min<uint32_t>(han, UINT16_MAX));
    x.trad = static_cast<uint16_t>(std::min<uint32_t>(trad, UINT16_MAX));
    x.link = it.url || (linked > 0 && 2 * linked >= it.length());
    x.phrase = static_cast<int>(it.length()) <= config_.blocks.max_phrase_cps ||
               (it.url && static_cast<int>(it.length()) <= config_.blocks.max_link_cps);
  }

  // Attribute each hit to the item that contains it; a hit across a separator belongs to none.
  // Phrases that overlap one counted before them ("蜘蛛池" inside "蜘蛛池模板") add no count.
  size_t item = 0;
  uint32_t counted_end = 0;  // end of the last counted hit, in normalized bytes
  // Hits come sorted by begin, so the code point of each start is found by walking forward from
  // the last one (a binary search per hit was a tenth of the time on spam pages).
  const uint32_t* starts = nt.starts.data();
  uint32_t cb = 0;
  for (const LexiconHit& h : hits) {
    while (cb < nt.n && starts[cb + 1] <= h.begin) ++cb;  // the last code point starting ≤ begin
    uint32_t ce = cb;
    while (ce <= nt.n && starts[ce] < h.end) ++ce;        // the first code point starting ≥ end
    while (item < seg.items.size() && seg.items[item].end <= cb) ++item;
    if (item == seg.items.size()) break;
    const Item& it = seg.items[item];
    if (cb < it.begin || ce > it.end) continue;
    int cat = static_cast<int>(lexicon_->category(h.phrase));
    ItemFeatures& x = f.items[item];
    x.categories |= static_cast<uint8_t>(1u << cat);
    if (h.begin >= counted_end) {
      if (x.hits[cat] < 2) ++x.hits[cat];
      counted_end = h.end;
    }
    f.item_hits.push_back({static_cast<uint32_t>(item), h.phrase});
  }
  std::sort(f.item_hits.begin(), f.item_hits.end());
  BuildPageFeatures(&f);

  PageRun run(config_, *lexicon_, f);
  for (Range r : run.SpamRanges()) {
    // The block as finally cut must stand on its own: its own signals past the threshold.
    BlockScore s = run.Score(r, /*evidence=*/true);
    if (s.score < config_.threshold) continue;
    SpamSpan span;
    std::tie(span.begin, span.end) = SpanOf(cps, seg, r);
    span.score = s.score;
    int best = -1;
    for (int k = 0; k < kSpamCategoryCount; ++k)
      if (s.category_hits[k] > 0 && (best < 0 || s.category_hits[k] > s.category_hits[best]))
        best = k;
    span.category = best < 0 ? SpamCategory::kLinkFarm : static_cast<SpamCategory>(best);
    span.signals = std::move(s.signals);
    report.spans.push_back(std::move(span));
  }
  return report;
}

}  // namespace sluice::spam
