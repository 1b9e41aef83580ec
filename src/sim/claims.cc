#include "sim/claims.h"

#include <cstdio>
#include <set>

#include "core/json_writer.h"
#include "sim/unicode_text.h"

namespace sluice::sim {
namespace {

constexpr uint64_t kTagClaim = 0xc1a1;
constexpr size_t kMinClaimLength = 16;

bool SupportsEveryEdit(const std::u32string& base, const std::string& utf8,
                       const ScriptConverter& conv) {
  for (EditKind k : {EditKind::kLookalikeHan, EditKind::kHomophone, EditKind::kHomoglyph,
                     EditKind::kFullwidth})
    if (!CanSubstitute(k, base)) return false;
  bool digit = false;
  for (char32_t c : base) digit |= c >= U'0' && c <= U'9';
  return digit && base.size() >= kMinClaimLength && conv.ToTraditional(utf8) != utf8;
}

// Whether every substitution in `edits` finds something to change in `t` (simplified).
bool EditsApply(EditSet edits, const std::u32string& t, const ScriptConverter& conv) {
  for (EditKind k : {EditKind::kLookalikeHan, EditKind::kHomophone, EditKind::kHomoglyph,
                     EditKind::kFullwidth})
    if (Has(edits, k) && !CanSubstitute(k, t)) return false;
  if (Has(edits, EditKind::kHomoglyph) && Has(edits, EditKind::kFullwidth)) {
    bool digit = false;
    for (char32_t ch : t) digit |= ch >= U'0' && ch <= U'9';
    if (!digit) return false;
  }
  if (Has(edits, EditKind::kTradSimp)) {
    std::string s = EncodeUtf8(t);
    if (conv.ToTraditional(s) == s) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Claim>> MakeClaims(const SimParams& p, const Lexicon& lex,
                                      const ScriptConverter& conv, uint64_t seed) {
  std::vector<Claim> claims;
  std::set<std::string> seen;
  const Vocabulary& v = lex.vocab;
  const int64_t period = p.days * 86400;
  for (int64_t i = 0; i < p.claims; ++i) {
    Rng rng(StreamSeed(seed, kTagClaim, static_cast<uint64_t>(i)));
    Claim c;
    char id[24];
    std::snprintf(id, sizeof id, "c%04lld", static_cast<long long>(i + 1));
    c.id = id;
    c.kind = static_cast<int>(i % static_cast<int64_t>(lex.claim_kinds.size()));
    const Lexicon::ClaimKind& kind = lex.claim_kinds[c.kind];
    bool made = false;
    for (int attempt = 0; attempt < 500 && !made; ++attempt) {
      c.topic.entries.clear();
      for (int list : kind.fixed_lists)
        c.topic.Set(list, static_cast<uint32_t>(rng.Below(v.ListSize(list))));
      std::string text;
      v.Render(kind.text, Script::kSimplified, rng, c.topic, &text);
      c.base = DecodeUtf8(text);
      if (seen.count(text) || !SupportsEveryEdit(c.base, text, conv)) continue;
      seen.insert(text);
      c.script = rng.Chance(p.traditional_claim_fraction) ? Script::kTraditional
                                                          : Script::kSimplified;
      c.text = c.script == Script::kTraditional ? conv.ToTraditional(text) : text;
      made = true;
    }
    if (!made)
      return Status::Config("cannot make " + std::to_string(p.claims) +
                            " distinct claims from the templates; lower 'claims'");
    c.source.clear();
    v.Render(lex.claim_sources[rng.Below(lex.claim_sources.size())], c.script, rng, c.topic,
             &c.source);
    // Debunks are published across the middle 70% of the period, in claim order.
    double at = 0.15 + 0.7 * (static_cast<double>(i) + rng.Uniform()) / static_cast<double>(p.claims);
    c.published = p.start + static_cast<int64_t>(at * static_cast<double>(period));
    claims.push_back(std::move(c));
  }
  return claims;
}

std::string ClaimJson(const Claim& c) {
  std::string s = "{\"type\":\"claim\",\"id\":";
  AppendJsonString(&s, c.id);
  s += ",\"text\":";
  AppendJsonString(&s, c.text);
  s += ",\"verdict\":\"false\",\"source\":";
  AppendJsonString(&s, c.source);
  s += ",\"published\":" + std::to_string(c.published) + "}\n";
  return s;
}

EditSet ChooseEdits(uint64_t ordinal, bool multi, Rng& rng) {
  EditKind primary = static_cast<EditKind>(ordinal % kEditKindCount);
  EditSet set = EditBit(primary);
  if (!multi || primary == EditKind::kExact) return set;
  int extra = static_cast<int>(rng.Between(1, 2));
  while (extra > 0) {
    EditKind k = static_cast<EditKind>(1 + rng.Below(kEditKindCount - 1));  // never exact
    if (Has(set, k)) continue;
    set |= EditBit(k);
    --extra;
  }
  return set;
}

std::string ComposeRumor(const Claim& c, EditSet edits, Rng& rng, const Lexicon& lex,
                         const ScriptConverter& conv) {
  if (Has(edits, EditKind::kExact)) return c.text;
  std::u32string t = c.base;
  if (Has(edits, EditKind::kPartial)) {
    // A part that still lets every other edit in the set change something.
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::u32string part = PartialCopy(c.base, rng, 12);
      if (EditsApply(edits, part, conv)) {
        t = std::move(part);
        break;
      }
    }
  }
  if (Has(edits, EditKind::kLookalikeHan)) SubstituteLookalikeHan(&t, rng, 2);
  if (Has(edits, EditKind::kHomophone)) SubstituteHomophones(&t, rng, 3);
  Script target = c.script;
  if (Has(edits, EditKind::kTradSimp))
    target = target == Script::kTraditional ? Script::kSimplified : Script::kTraditional;
  if (target == Script::kTraditional) t = DecodeUtf8(conv.ToTraditional(EncodeUtf8(t)));
  // Homoglyphs first: full-width letters have no Cyrillic look-alike.
  if (Has(edits, EditKind::kHomoglyph)) SubstituteHomoglyphs(&t, rng, 3);
  if (Has(edits, EditKind::kFullwidth)) ToFullwidth(&t);
  if (Has(edits, EditKind::kPunctuation)) InsertPunctuation(&t, rng);
  if (Has(edits, EditKind::kEmoji)) InsertEmoji(&t, rng);
  if (Has(edits, EditKind::kZeroWidth)) InsertZeroWidth(&t, rng);
  std::string body = EncodeUtf8(t);
  if (!Has(edits, EditKind::kEmbedded)) return body;
  const Lexicon::Wrapper& w = lex.rumor_wrappers[rng.Below(lex.rumor_wrappers.size())];
  std::string out;
  lex.vocab.Render(w.prefix, target, rng, c.topic, &out);
  out += body;
  lex.vocab.Render(w.suffix, target, rng, c.topic, &out);
  if (out == body) out = body + (target == Script::kTraditional ? "，大家轉起來" : "，大家转起来");
  return out;
}

std::string ComposeDebunk(const Claim& c, Script s, Rng& rng, const Lexicon& lex,
                          const ScriptConverter& conv) {
  std::string quoted = c.script == s ? c.text
                       : s == Script::kTraditional ? conv.ToTraditional(EncodeUtf8(c.base))
                                                   : EncodeUtf8(c.base);
  const Lexicon::Wrapper& w = lex.debunk_wrappers[rng.Below(lex.debunk_wrappers.size())];
  std::string out;
  lex.vocab.Render(w.prefix, s, rng, c.topic, &out);
  out += quoted;
  lex.vocab.Render(w.suffix, s, rng, c.topic, &out);
  return out;
}

std::string ComposeSameTopic(const Claim& c, Script s, Rng& rng, const Lexicon& lex) {
  const Lexicon::ClaimKind& kind = lex.claim_kinds[c.kind];
  std::string out;
  lex.vocab.Render(kind.same_topic[rng.Below(kind.same_topic.size())], s, rng, c.topic, &out);
  return out;
}

std::string ClaimTag(const Claim& c, Script s, Rng& rng, const Lexicon& lex) {
  std::string out;
  lex.vocab.Render(lex.claim_kinds[c.kind].tag, s, rng, c.topic, &out);
  return out;
}

}  // namespace sluice::sim
