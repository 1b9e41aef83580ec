#include "sim/text_edits.h"

#include <set>

#include <gtest/gtest.h>

#include "sim/claims.h"
#include "sim/lexicon.h"
#include "sim/script_converter.h"
#include "sim/unicode_text.h"

namespace sluice::sim {
namespace {

TEST(TextEdits, NamesAreTheContractNames) {
  std::set<std::string_view> names;
  for (int k = 0; k < kEditKindCount; ++k) names.insert(EditKindName(static_cast<EditKind>(k)));
  EXPECT_EQ(names, (std::set<std::string_view>{"exact", "trad_simp", "punctuation", "emoji",
                                               "zero_width", "fullwidth", "homoglyph",
                                               "lookalike_han", "homophone", "partial",
                                               "embedded"}));
  EXPECT_EQ(EditNames(EditBit(EditKind::kEmoji) | EditBit(EditKind::kExact)),
            (std::vector<std::string_view>{"exact", "emoji"}));
}

TEST(TextEdits, SubstitutionTablesAreSymmetricOrDistinct) {
  EXPECT_EQ(LookalikeHan(U'己'), U'已');
  EXPECT_EQ(LookalikeHan(U'已'), U'己');
  EXPECT_EQ(Homophone(U'是'), U'事');
  EXPECT_EQ(CyrillicHomoglyph(U'A'), U'\u0410');
  EXPECT_EQ(CyrillicHomoglyph(U'G'), 0u);
  for (char32_t c = 0x4E00; c < 0x9FFF; ++c) {
    if (char32_t l = LookalikeHan(c)) {
      EXPECT_NE(l, c);
    }
    if (char32_t h = Homophone(c)) {
      EXPECT_NE(h, c);
    }
  }
}

TEST(TextEdits, EachEditChangesTheText) {
  const std::u32string claim = U"某市ICU已经住满，医院发现病毒，已有12人被困";
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Rng rng(seed);
    std::u32string t = claim;
    SubstituteLookalikeHan(&t, rng, 2);
    EXPECT_NE(t, claim);
    EXPECT_EQ(t.size(), claim.size());
    t = claim;
    SubstituteHomophones(&t, rng, 3);
    EXPECT_NE(t, claim);
    t = claim;
    SubstituteHomoglyphs(&t, rng, 3);
    EXPECT_NE(t, claim);
    EXPECT_EQ(t.find(U"ICU"), std::u32string::npos);
    t = claim;
    ToFullwidth(&t);
    EXPECT_NE(t.find(U"ＩＣＵ"), std::u32string::npos);
    EXPECT_NE(t.find(U"１２"), std::u32string::npos);
    for (auto insert : {InsertPunctuation, InsertEmoji, InsertZeroWidth}) {
      t = claim;
      insert(&t, rng);
      EXPECT_GE(t.size(), claim.size() + 2);
      EXPECT_EQ(t.front(), claim.front());  // never before the first character...
      EXPECT_EQ(t.back(), claim.back());    // ...nor after the last
    }
    std::u32string part = PartialCopy(claim, rng, 12);
    EXPECT_GE(part.size(), claim.size() * 6 / 10);
    EXPECT_LT(part.size(), claim.size());
    EXPECT_NE(claim.find(part), std::u32string::npos);
  }
}

TEST(TextEdits, ChooseEditsCyclesEveryKindAndAddsExtras) {
  Rng rng(3);
  std::set<EditKind> primary;
  for (uint64_t i = 0; i < kEditKindCount; ++i) {
    EditSet s = ChooseEdits(i, false, rng);
    EXPECT_EQ(EditNames(s).size(), 1u);
    primary.insert(static_cast<EditKind>(i));
    EXPECT_TRUE(Has(s, static_cast<EditKind>(i)));
  }
  EXPECT_EQ(primary.size(), static_cast<size_t>(kEditKindCount));
  for (uint64_t i = 1; i < 50; ++i) {
    if (i % kEditKindCount == 0) continue;  // exact never combines
    EditSet s = ChooseEdits(i, true, rng);
    size_t n = EditNames(s).size();
    EXPECT_GE(n, 2u);
    EXPECT_LE(n, 3u);
    EXPECT_FALSE(Has(s, EditKind::kExact));
  }
  EXPECT_EQ(ChooseEdits(0, true, rng), EditBit(EditKind::kExact));
}

class ClaimsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto conv = ScriptConverter::Open();
    ASSERT_TRUE(conv.ok()) << conv.status().message();
    conv_ = conv.value();
    auto lex = Lexicon::Build(*conv_);
    ASSERT_TRUE(lex.ok()) << lex.status().message();
    lex_ = lex.value();
  }
  static inline std::shared_ptr<ScriptConverter> conv_;
  static inline std::shared_ptr<const Lexicon> lex_;
};

TEST_F(ClaimsTest, ClaimsAreDistinctAndSupportEveryEdit) {
  SimParams p = DefaultParams(Scale::kSmall);
  p.claims = 60;
  auto claims = MakeClaims(p, *lex_, *conv_, 7);
  ASSERT_TRUE(claims.ok()) << claims.status().message();
  std::set<std::string> texts;
  for (const Claim& c : claims.value()) {
    EXPECT_TRUE(texts.insert(c.text).second) << c.text;
    EXPECT_GE(c.base.size(), 16u);
    for (EditKind k : {EditKind::kLookalikeHan, EditKind::kHomophone, EditKind::kHomoglyph,
                       EditKind::kFullwidth})
      EXPECT_TRUE(CanSubstitute(k, c.base)) << EditKindName(k) << " " << c.text;
    EXPECT_GE(c.published, p.start);
    EXPECT_LT(c.published, p.start + p.days * 86400);
  }
}

TEST_F(ClaimsTest, RumorTextsFollowTheirEdits) {
  SimParams p = DefaultParams(Scale::kTiny);
  p.claims = 14;
  p.traditional_claim_fraction = 0.5;
  auto claims = MakeClaims(p, *lex_, *conv_, 3);
  ASSERT_TRUE(claims.ok());
  for (const Claim& c : claims.value()) {
    for (uint64_t i = 0; i < 40; ++i) {
      Rng rng(i);
      EditSet edits = ChooseEdits(i, i % 3 == 0, rng);
      std::string text = ComposeRumor(c, edits, rng, *lex_, *conv_);
      if (Has(edits, EditKind::kExact)) {
        EXPECT_EQ(text, c.text);
        continue;
      }
      EXPECT_NE(text, c.text);
      std::u32string cps = DecodeUtf8(text);
      if (Has(edits, EditKind::kEmbedded) && !Has(edits, EditKind::kPartial)) {
        EXPECT_GT(cps.size(), c.base.size());
      }
      if (Has(edits, EditKind::kZeroWidth)) {
        EXPECT_NE(cps.find_first_of(U"\u200B\u200C\u200D\u2060\uFEFF"), std::u32string::npos);
      }
      if (Has(edits, EditKind::kFullwidth)) {
        bool wide = false;
        for (char32_t ch : cps) wide |= ch >= 0xFF10 && ch <= 0xFF5A;
        EXPECT_TRUE(wide) << text;
      }
      if (Has(edits, EditKind::kHomoglyph)) {
        bool cyr = false;
        for (char32_t ch : cps) cyr |= ch >= 0x0400 && ch <= 0x04FF;
        EXPECT_TRUE(cyr) << text;
      }
      if (edits == EditBit(EditKind::kTradSimp)) {
        // Only the script changed: converting back gives the registered text.
        std::string back = c.script == Script::kTraditional ? conv_->ToTraditional(text)
                                                             : conv_->ToSimplified(text);
        EXPECT_EQ(back, c.text);
      }
    }
    Rng rng(1);
    std::string debunk = ComposeDebunk(c, c.script, rng, *lex_, *conv_);
    EXPECT_NE(debunk.find(c.text), std::string::npos) << debunk;
    std::string same = ComposeSameTopic(c, Script::kSimplified, rng, *lex_);
    EXPECT_EQ(same.find(c.text), std::string::npos);
  }
}

}  // namespace
}  // namespace sluice::sim
