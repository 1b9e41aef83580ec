#include "cases/findings_reader.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include <simdjson.h>

#include "cases/sha256.h"

namespace sluice {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

Status Str(element v, const char* key, std::string* out) {
  if (v.type() != element_type::STRING) return Status::InvalidInput(std::string("'") + key + "' must be a string");
  *out = std::string(v.get_string().value_unsafe());
  return Status::Ok();
}

Status Count(element obj, const char* key, uint64_t* out) {
  element v;
  if (obj[key].get(v) != simdjson::SUCCESS) return Status::Ok();
  if (v.type() == element_type::INT64 && v.get_int64().value_unsafe() >= 0) {
    *out = static_cast<uint64_t>(v.get_int64().value_unsafe());
    return Status::Ok();
  }
  if (v.type() == element_type::UINT64) {
    *out = v.get_uint64().value_unsafe();
    return Status::Ok();
  }
  return Status::InvalidInput(std::string("'reach.") + key + "' must be a non-negative integer");
}

// REQUIRES: `line` has SIMDJSON_PADDING bytes of capacity beyond its size.
Status ParseFinding(simdjson::dom::parser* parser, const std::string& line, CaseFinding* f,
                    bool* organic) {
  element doc;
  auto err = parser->parse(line.data(), line.size(), false).get(doc);
  if (err != simdjson::SUCCESS)
    return Status::InvalidInput(std::string("not valid JSON: ") + simdjson::error_message(err));
  if (doc.type() != element_type::OBJECT) return Status::InvalidInput("a finding must be a JSON object");
  element v;
  std::string s;
  if (doc["subject"].get(v) != simdjson::SUCCESS) return Status::InvalidInput("missing 'subject'");
  SLUICE_RETURN_IF_ERROR(Str(v, "subject", &s));
  std::optional<SubjectKind> kind = ParseSubjectKind(s);
  if (!kind) return Status::InvalidInput("'subject' must be account, post or page");
  f->subject = *kind;
  if (doc["id"].get(v) != simdjson::SUCCESS) return Status::InvalidInput("missing 'id'");
  SLUICE_RETURN_IF_ERROR(Str(v, "id", &f->id));
  if (f->id.empty()) return Status::InvalidInput("'id' is empty");
  if (doc["label"].get(v) != simdjson::SUCCESS) return Status::InvalidInput("missing 'label'");
  SLUICE_RETURN_IF_ERROR(Str(v, "label", &f->label));
  *organic = f->label == "organic";
  if (!*organic && !IsFindingLabel(f->label))
    return Status::InvalidInput("'label' must be rumor, copy_paste, spam, water_army or organic");
  if (doc["score"].get(v) != simdjson::SUCCESS) return Status::InvalidInput("missing 'score'");
  if (v.get_double().get(f->score) != simdjson::SUCCESS || !std::isfinite(f->score))
    return Status::InvalidInput("'score' must be a number");
  if (doc["signals"].get(v) != simdjson::SUCCESS) return Status::InvalidInput("missing 'signals'");
  if (v.type() != element_type::ARRAY) return Status::InvalidInput("'signals' must be an array");
  simdjson::dom::array signals = v.get_array().value_unsafe();
  if (signals.size() == 0 && !*organic)
    return Status::InvalidInput("'signals' is empty: a finding must say why it was made");
  for (element sig : signals) {
    element x;
    if (sig.type() != element_type::OBJECT || sig["name"].get(x) != simdjson::SUCCESS ||
        x.type() != element_type::STRING || sig["weight"].get(x) != simdjson::SUCCESS ||
        !(x.type() == element_type::DOUBLE || x.type() == element_type::INT64 ||
          x.type() == element_type::UINT64) ||
        sig["evidence"].get(x) != simdjson::SUCCESS || x.type() != element_type::OBJECT)
      return Status::InvalidInput("each signal needs a 'name', a numeric 'weight' and an 'evidence' object");
  }
  struct Opt {
    const char* key;
    std::string* out;
  } opts[] = {{"claim", &f->claim}, {"group", &f->group}, {"tactic", &f->tactic},
              {"platform", &f->platform}, {"account", &f->account}};
  for (const Opt& o : opts)
    if (doc[o.key].get(v) == simdjson::SUCCESS && v.type() != element_type::NULL_VALUE)
      SLUICE_RETURN_IF_ERROR(Str(v, o.key, o.out));
  if (!f->tactic.empty() && !IsTactic(f->tactic))
    return Status::InvalidInput("'tactic' must be fake_engagement, lockstep, copy_paste or device_farm");
  if (doc["reach"].get(v) == simdjson::SUCCESS && v.type() != element_type::NULL_VALUE) {
    if (v.type() != element_type::OBJECT) return Status::InvalidInput("'reach' must be an object");
    SLUICE_RETURN_IF_ERROR(Count(v, "accounts", &f->reach.accounts));
    SLUICE_RETURN_IF_ERROR(Count(v, "reposts", &f->reach.reposts));
    SLUICE_RETURN_IF_ERROR(Count(v, "engagement", &f->reach.engagement));
  }
  return Status::Ok();
}

}  // namespace

Result<FindingsFile> ReadFindingsFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::InvalidInput(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot read: " + std::strerror(errno));
  FindingsFile out;
  Sha256 digest;
  simdjson::dom::parser parser;
  std::map<std::tuple<SubjectKind, std::string, std::string>, uint64_t> seen;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    digest.Update(line);
    if (!in.eof()) digest.Update("\n");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    CaseFinding f;
    bool organic = false;
    Status st = ParseFinding(&parser, line, &f, &organic);
    if (!st.ok()) return Status::InvalidInput(path + ":" + std::to_string(n) + ": " + st.message());
    if (organic) {
      ++out.organic;
      continue;
    }
    auto [it, fresh] = seen.emplace(std::make_tuple(f.subject, f.id, f.label), n);
    if (!fresh)
      return Status::InvalidInput(path + ":" + std::to_string(n) + ": a second finding for " +
                                  std::string(SubjectKindName(f.subject)) + " '" + f.id +
                                  "' labelled " + f.label + " (the first is on line " +
                                  std::to_string(it->second) + ")");
    f.line = n;
    f.text = line;  // a copy: `line` keeps its padded buffer for the next parse
    out.findings.push_back(std::move(f));
  }
  if (in.bad()) return Status::IoError(path + ": read failed: " + std::strerror(errno));
  out.sha256 = digest.HexDigest();
  return out;
}

}  // namespace sluice
