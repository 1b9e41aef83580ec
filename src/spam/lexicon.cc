#include "spam/lexicon.h"

#include <hs/hs.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "spam/lexicon_data.h"

namespace sluice::spam {

namespace {

constexpr std::string_view kCategoryNames[kSpamCategoryCount] = {
    "pornography", "gambling", "piracy", "advertising", "link_farm"};

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct ScanContext {
  const std::vector<std::string>* phrases;
  const std::vector<uint8_t>* boundary;
  std::string_view text;
  std::vector<LexiconHit>* hits;
};

int OnMatch(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
            void* ctx_ptr) {
  auto* ctx = static_cast<ScanContext*>(ctx_ptr);
  uint32_t end = static_cast<uint32_t>(to);
  uint32_t begin = end - static_cast<uint32_t>((*ctx->phrases)[id].size());
  if ((*ctx->boundary)[id]) {
    if (begin > 0 && IsAsciiAlnum(ctx->text[begin - 1])) return 0;
    if (end < ctx->text.size() && IsAsciiAlnum(ctx->text[end])) return 0;
  }
  ctx->hits->push_back(LexiconHit{begin, end, id});
  return 0;
}

}  // namespace

std::string_view SpamCategoryName(SpamCategory c) {
  return kCategoryNames[static_cast<int>(c)];
}

std::optional<SpamCategory> ParseSpamCategory(std::string_view name) {
  for (int i = 0; i < kSpamCategoryCount; ++i)
    if (kCategoryNames[i] == name) return static_cast<SpamCategory>(i);
  return std::nullopt;
}

Lexicon::~Lexicon() {
  for (hs_scratch* s : pool_) hs_free_scratch(s);
  if (prototype_ != nullptr) hs_free_scratch(prototype_);
  if (db_ != nullptr) hs_free_database(db_);
}

std::vector<LexiconSource> Lexicon::EmbeddedSources() {
  std::vector<LexiconSource> out;
  for (size_t i = 0; i < kEmbeddedLexiconCount; ++i) {
    const EmbeddedFile& f = kEmbeddedLexicon[i];
    out.push_back(LexiconSource{f.name, std::string(reinterpret_cast<const char*>(f.data), f.size)});
  }
  return out;
}

Result<std::vector<LexiconSource>> Lexicon::ReadDir(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  if (ec) return Status::NotFound(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<LexiconSource> out;
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Status::IoError(p.string() + ": cannot read");
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(LexiconSource{p.filename().string(), ss.str()});
  }
  if (out.empty()) return Status::NotFound(dir + ": no *.txt phrase lists");
  return out;
}

Result<std::unique_ptr<Lexicon>> Lexicon::Build(const std::vector<LexiconSource>& sources,
                                                const Normalizer& normalizer) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  std::map<std::string, std::string> seen;  // normalized phrase -> "file:line"
  for (const LexiconSource& src : sources) {
    std::string_view stem(src.name);
    if (size_t slash = stem.rfind('/'); slash != std::string_view::npos) stem.remove_prefix(slash + 1);
    if (size_t dot = stem.rfind('.'); dot != std::string_view::npos) stem = stem.substr(0, dot);
    std::optional<SpamCategory> cat = ParseSpamCategory(stem);
    if (!cat) {
      return Status::Config(src.name + ": unknown spam category '" + std::string(stem) +
                            "' (pornography, gambling, piracy, advertising or link_farm)");
    }
    std::string_view rest(src.text);
    size_t line_no = 0;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      ++line_no;
      line = Trim(line);
      if (line.empty() || line.front() == '#') continue;
      std::string where = src.name + ":" + std::to_string(line_no);
      std::string norm = normalizer.NormalizeUtf8(line);
      if (Trim(norm).empty()) return Status::Config(where + ": phrase normalizes to nothing");
      auto [it, inserted] = seen.emplace(norm, where);
      if (!inserted)
        return Status::Config(where + ": phrase '" + std::string(line) + "' repeats " + it->second);
      bool ascii = std::all_of(norm.begin(), norm.end(), IsAsciiAlnum);
      lex->needs_word_boundary_.push_back(ascii && norm.size() <= 3);
      lex->phrases_.push_back(std::move(norm));
      lex->categories_.push_back(*cat);
    }
  }
  if (lex->phrases_.empty()) return lex;

  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> ids, flags(lex->phrases_.size(), 0);
  for (size_t i = 0; i < lex->phrases_.size(); ++i) {
    exprs.push_back(lex->phrases_[i].data());
    lens.push_back(lex->phrases_[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &lex->db_,
                           &err) != HS_SUCCESS) {
    std::string msg = "lexicon: Vectorscan compile failed";
    if (err != nullptr) {
      msg += std::string(": ") + err->message;
      if (err->expression >= 0) msg += " (phrase '" + lex->phrases_[err->expression] + "')";
      hs_free_compile_error(err);
    }
    return Status::Internal(msg);
  }
  if (hs_alloc_scratch(lex->db_, &lex->prototype_) != HS_SUCCESS)
    return Status::Internal("lexicon: cannot allocate Vectorscan scratch");
  return lex;
}

hs_scratch* Lexicon::AcquireScratch() const {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!pool_.empty()) {
      hs_scratch* s = pool_.back();
      pool_.pop_back();
      return s;
    }
  }
  hs_scratch* s = nullptr;
  if (hs_clone_scratch(prototype_, &s) != HS_SUCCESS) return nullptr;
  return s;
}

void Lexicon::ReleaseScratch(hs_scratch* s) const {
  std::lock_guard<std::mutex> lock(pool_mu_);
  pool_.push_back(s);
}

Status Lexicon::Scan(std::string_view normalized, std::vector<LexiconHit>* hits) const {
  if (db_ == nullptr || normalized.empty()) return Status::Ok();
  if (normalized.size() > UINT32_MAX) return Status::InvalidInput("text longer than 4 GiB");
  hs_scratch* scratch = AcquireScratch();
  if (scratch == nullptr) return Status::Internal("lexicon: cannot allocate Vectorscan scratch");
  size_t first = hits->size();
  ScanContext ctx{&phrases_, &needs_word_boundary_, normalized, hits};
  hs_error_t rc = hs_scan(db_, normalized.data(), static_cast<unsigned>(normalized.size()), 0,
                          scratch, OnMatch, &ctx);
  ReleaseScratch(scratch);
  if (rc != HS_SUCCESS) return Status::Internal("lexicon: Vectorscan scan failed");
  std::sort(hits->begin() + static_cast<std::ptrdiff_t>(first), hits->end(),
            [](const LexiconHit& a, const LexiconHit& b) {
              return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
            });
  return Status::Ok();
}

}  // namespace sluice::spam
