#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text/char_table.h"
#include "text/code_points.h"
#include "text/normalization.h"

namespace sluice::text {
namespace {

std::string DataPath(const std::string& name) {
  return std::string(SLUICE_SOURCE_DIR) + "/tests/data/text/" + name;
}

// Replaces every \u{HEX} with its code point.
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "\\u{") == 0) {
      size_t close = s.find('}', i);
      char32_t cp = static_cast<char32_t>(std::stoul(s.substr(i + 3, close - i - 3), nullptr, 16));
      AppendUtf8(&out, cp);
      i = close + 1;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

struct Row {
  int line;
  std::vector<std::string> cols;
};

std::vector<Row> ReadTsv(const std::string& name, size_t columns) {
  std::ifstream in(DataPath(name));
  EXPECT_TRUE(in.good()) << DataPath(name);
  std::vector<Row> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    Row r{n, {}};
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) r.cols.push_back(Unescape(col));
    EXPECT_EQ(r.cols.size(), columns) << name << ":" << n;
    if (r.cols.size() == columns) rows.push_back(r);
  }
  return rows;
}

std::string FlagNames(uint16_t mask) {
  std::vector<std::string_view> names = NormalizationNames(mask);
  if (names.empty()) return "-";
  std::string s;
  for (std::string_view n : names) {
    if (!s.empty()) s.push_back(',');
    s.append(n);
  }
  return s;
}

uint16_t ParseFlags(const std::string& s) {
  if (s == "-") return 0;
  uint16_t mask = 0;
  std::stringstream ss(s);
  std::string name;
  while (std::getline(ss, name, ',')) {
    bool found = false;
    for (int b = 0; b < kNormalizationCount; ++b)
      if (NormalizationName(static_cast<Normalization>(1u << b)) == name) mask |= 1u << b, found = true;
    EXPECT_TRUE(found) << "unknown normalization " << name;
  }
  return mask;
}

TEST(NormalizerTest, TableBuildsFromIcuAndOpenCC) {
  const CharTable& t = CharTable::Get();
  EXPECT_EQ(t.build_notes(), "");
  EXPECT_EQ(t.trad_simp_source(), "opencc");
}

TEST(NormalizerTest, CasesFromDataFile) {
  std::vector<Row> rows = ReadTsv("normalize.tsv", 4);
  ASSERT_GE(rows.size(), 30u);
  std::set<std::string> kinds;
  for (const Row& r : rows) {
    kinds.insert(r.cols[0]);
    NormalizedText n;
    Normalize(r.cols[1], &n);
    EXPECT_EQ(NormalizedString(r.cols[1]), r.cols[2]) << "normalize.tsv:" << r.line;
    EXPECT_EQ(FlagNames(n.all_flags), FlagNames(ParseFlags(r.cols[3]))) << "normalize.tsv:" << r.line;
    std::vector<uint32_t> chars, sounds;
    NormalizeTokens(r.cols[1], &chars, &sounds);
    EXPECT_EQ(chars, n.chars) << "normalize.tsv:" << r.line;
    EXPECT_EQ(sounds, n.sounds) << "normalize.tsv:" << r.line;
  }
  for (const char* k : {"exact", "trad_simp", "zero_width", "punctuation", "emoji", "fullwidth",
                        "homoglyph", "lookalike_han", "homophone", "partial", "embedded"})
    EXPECT_TRUE(kinds.count(k)) << "no case of kind " << k;
}

TEST(NormalizerTest, SoundPairsFromDataFile) {
  std::vector<Row> rows = ReadTsv("sound_pairs.tsv", 3);
  ASSERT_GE(rows.size(), 10u);
  for (const Row& r : rows) {
    bool same = SoundString(r.cols[0]) == SoundString(r.cols[1]);
    EXPECT_EQ(same, r.cols[2] == "same")
        << "sound_pairs.tsv:" << r.line << ": " << SoundString(r.cols[0]) << " vs "
        << SoundString(r.cols[1]);
  }
}

TEST(NormalizerTest, SoundChannelIsToneless) {
  EXPECT_EQ(SoundString("中国"), "zhong guo");
  EXPECT_EQ(SoundString("绿女"), "lu nu");
  EXPECT_EQ(SoundString("5G"), "5 g");
}

TEST(NormalizerTest, OriginsPointIntoTheOriginalText) {
  // 0:疫 1:ZWSP 2:苗 3:， 4:接 5:😷 6:種
  NormalizedText n;
  Normalize("疫\u200B苗，接😷種", &n);
  EXPECT_EQ(n.code_points, 7u);
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n.origin, (std::vector<uint32_t>{0, 2, 4, 6}));
  EXPECT_EQ(uint32_t{n.source[3]}, uint32_t{U'種'});
  EXPECT_EQ(n.chars[3], uint32_t{U'种'});
  EXPECT_EQ(n.flags[3], kTradSimp);
  EXPECT_EQ(n.dropped_origin, (std::vector<uint32_t>{1, 3, 5}));
  EXPECT_EQ(n.dropped_flags[0], kZeroWidth);
  EXPECT_TRUE(n.dropped_flags[1] & kPunctuation);
  EXPECT_EQ(n.dropped_flags[2], kEmoji);
  // Tokens 1..3 (苗 接 种) cover original code points [2, 7).
  EXPECT_EQ(n.OriginSpan(1, 4), (std::pair<uint32_t, uint32_t>{2, 7}));
}

TEST(NormalizerTest, ExpansionsShareTheirOrigin) {
  NormalizedText n;
  Normalize("a\uFB01b", &n);  // ﬁ becomes two tokens
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n.origin, (std::vector<uint32_t>{0, 1, 1, 2}));
  EXPECT_EQ(n.OriginSpan(1, 3), (std::pair<uint32_t, uint32_t>{1, 2}));
  // U+FDFA is 3 bytes and becomes 18 tokens: the fast path must grow past its first guess.
  std::string many;
  for (int i = 0; i < 50; ++i) many += "\uFDFA";
  Normalize(many, &n);
  std::vector<uint32_t> chars, sounds;
  NormalizeTokens(many, &chars, &sounds);
  EXPECT_GT(chars.size(), many.size());
  EXPECT_EQ(chars, n.chars);
  EXPECT_EQ(sounds, n.sounds);
}

// The key of each token of Normalize(), read from the table entry of its source code point.
std::vector<uint32_t> ReferenceKeys(const std::string& text) {
  const CharTable& table = CharTable::Get();
  NormalizedText n;
  Normalize(text, &n);
  std::vector<uint32_t> keys;
  for (size_t t = 0; t < n.size(); ++t) {
    const CharEntry& e = table.Lookup(n.source[t]);
    if (e.count == 1) {
      uint32_t tok = e.token != 0 ? e.token : n.source[t];
      uint32_t sound = e.sound != 0 ? e.sound : tok;
      keys.push_back(e.key != 0 ? e.key : sound);
    } else {
      size_t first = t;
      while (first > 0 && n.origin[first - 1] == n.origin[t]) --first;
      keys.push_back(table.pool()[e.token + (t - first)].key);
    }
  }
  return keys;
}

TEST(NormalizerTest, KeysFastPathAgreesWithTheTable) {
  std::vector<Row> rows = ReadTsv("normalize.tsv", 4);
  std::string all;
  for (char32_t c = 0x20; c <= 0x10FFFF; c += (c < 0x30000 ? 1 : 97))
    if (c < 0xD800 || c > 0xDFFF) AppendUtf8(&all, c);
  std::vector<std::string> texts = {all, "问文间 喝呵渴 已己", std::string("a\xFF[泪]http://x.y z")};
  for (const Row& r : rows) texts.push_back(r.cols[1]);
  for (const std::string& t : texts) {
    std::vector<uint32_t> keys;
    NormalizeKeys(t, &keys);
    EXPECT_EQ(keys, ReferenceKeys(t)) << t.substr(0, 60);
  }
  // 問/文 (諧音) and 问/间 (形近字) keep the key; 问 and 间 differ on the sound channel.
  std::vector<uint32_t> a, b, c;
  NormalizeKeys("问", &a);
  NormalizeKeys("文", &b);
  NormalizeKeys("间", &c);
  EXPECT_EQ(a, c);
  EXPECT_NE(SoundString("问"), SoundString("间"));
}

TEST(NormalizerTest, InvalidUtf8CountsOneCodePointPerBadByte) {
  NormalizedText n;
  Normalize(std::string("a\xFF\xC3" "b"), &n);
  EXPECT_EQ(n.code_points, 4u);
  // U+FFFD is a symbol: it is dropped like punctuation, and keeps its place in the origins.
  EXPECT_EQ(n.chars, (std::vector<uint32_t>{'a', 'b'}));
  EXPECT_EQ(n.origin, (std::vector<uint32_t>{0, 3}));
}

TEST(NormalizerTest, EveryCodePointNormalizesWithoutCrashAndIsStable) {
  // Normalizing the normalized text changes nothing more: claims and posts meet in one form.
  std::string all;
  for (char32_t c = 0x20; c <= 0x10FFFF; c += (c < 0x30000 ? 1 : 97)) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    AppendUtf8(&all, c);
  }
  NormalizedText n;
  Normalize(all, &n);
  std::string once;
  for (uint32_t t : n.chars) AppendUtf8(&once, t);
  std::string twice = NormalizedString(once);
  NormalizedText a, b;
  Normalize(once, &a);
  Normalize(twice, &b);
  EXPECT_EQ(a.chars.size(), b.chars.size());
  size_t differ = 0;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a.chars[i] == b.chars[i]) continue;
    ++differ;
    ADD_FAILURE() << "U+" << std::hex << a.chars[i] << " normalizes again to U+" << b.chars[i];
  }
  EXPECT_EQ(differ, 0u);
}

}  // namespace
}  // namespace sluice::text
