#include "text/pinyin_table.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>

namespace sluice::text {

struct PinyinTable::Transliterator {
  std::unique_ptr<icu::Transliterator> tr;
  const icu::Normalizer2* nfd = nullptr;
  std::map<std::string, uint16_t> ids;
};

Status PinyinTable::Open() {
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> tr(
      icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, ec));
  if (U_FAILURE(ec) || tr == nullptr)
    return Status::Internal(std::string("ICU has no Han-Latin transliterator: ") + u_errorName(ec));
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  if (U_FAILURE(ec)) return Status::Internal("ICU has no NFD data");
  tr_ = std::make_shared<Transliterator>();
  tr_->tr = std::move(tr);
  tr_->nfd = nfd;
  return Status::Ok();
}

void PinyinTable::Read(char32_t cp) {
  icu::UnicodeString u(static_cast<UChar32>(cp));
  tr_->tr->transliterate(u);
  // Tone marks (and the diaeresis of ü) are combining marks after NFD: dropping them gives the
  // toneless syllable (zhōng → zhong, lǜ → lu). Cheaper than chaining ICU's Latin-ASCII.
  UErrorCode ec = U_ZERO_ERROR;
  icu::UnicodeString d = tr_->nfd->normalize(u, ec);
  if (U_FAILURE(ec)) return;
  icu::UnicodeString bare;
  for (int32_t i = 0; i < d.length(); ++i)
    if (u_charType(d.charAt(i)) != U_NON_SPACING_MARK) bare.append(d.charAt(i));
  std::string s;
  bare.toUTF8String(s);
  // Only a plain lower-case syllable is a reading; anything else (the character unchanged, a
  // multi-syllable gloss with spaces) is not.
  if (s.empty() || s.size() > 8) return;
  for (char& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch < 'a' || ch > 'z') return;
  }
  auto [it, added] = tr_->ids.emplace(s, static_cast<uint16_t>(names_.size() + 1));
  if (added) names_.push_back(s);
  ids_[cp - kFirst] = it->second;
}

void PinyinTable::Close() { tr_.reset(); }

}  // namespace sluice::text
