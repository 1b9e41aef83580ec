#include "rumor/claims_file.h"

#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <unordered_set>

#include "core/time.h"
#include "ingest/line_reader.h"
#include "rumor/claim_store.h"

namespace sluice::rumor {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool IsSqlite(const std::string& path) {
  if (path == "-") return false;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char head[16] = {};
  size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == sizeof head && std::memcmp(head, "SQLite format 3", 16) == 0;
}

// Reads an id given as a string or an integer.
bool ReadId(element v, std::string* out) {
  if (v.type() == element_type::STRING) {
    *out = std::string(v.get_string().value_unsafe());
    return !out->empty();
  }
  if (v.type() == element_type::INT64) {
    *out = std::to_string(v.get_int64().value_unsafe());
    return true;
  }
  if (v.type() == element_type::UINT64) {
    *out = std::to_string(v.get_uint64().value_unsafe());
    return true;
  }
  return false;
}

// Parses one line into *c, or returns the reason it cannot.
std::string ParseLine(simdjson::dom::parser& parser, std::string_view line, Claim* c) {
  element doc;
  if (auto err = parser.parse(line.data(), line.size(), true).get(doc); err != simdjson::SUCCESS)
    return std::string("not valid JSON: ") + simdjson::error_message(err);
  if (doc.type() != element_type::OBJECT) return "a claim must be a JSON object";
  simdjson::dom::object obj = doc.get_object().value_unsafe();
  bool has_id = false, has_text = false;
  for (auto field : obj) {
    std::string_view k = field.key;
    element v = field.value;
    if (v.type() == element_type::NULL_VALUE) continue;
    auto str = [&](std::string* out) {
      if (v.type() != element_type::STRING) return false;
      *out = std::string(v.get_string().value_unsafe());
      return true;
    };
    if (k == "type") {
      if (v.type() != element_type::STRING || v.get_string().value_unsafe() != "claim")
        return "field 'type' must be \"claim\"";
    } else if (k == "id") {
      if (!ReadId(v, &c->id)) return "field 'id' must be a non-empty string or an integer";
      has_id = true;
    } else if (k == "text") {
      if (!str(&c->text)) return "field 'text' must be a string";
      has_text = true;
    } else if (k == "source") {
      if (!str(&c->source)) return "field 'source' must be a string";
    } else if (k == "verdict") {
      if (!str(&c->verdict)) return "field 'verdict' must be a string";
    } else if (k == "published") {
      if (v.type() == element_type::STRING) {
        std::optional<UnixSeconds> t = ParseRfc3339(v.get_string().value_unsafe());
        if (!t) return "field 'published' is not an RFC 3339 time";
        c->published = *t;
      } else if (v.type() == element_type::INT64) {
        c->published = v.get_int64().value_unsafe();
      } else {
        return "field 'published' must be an RFC 3339 string or Unix seconds";
      }
    }
  }
  if (!has_id) return "missing field 'id'";
  if (!has_text) return "missing field 'text'";
  return "";
}

Result<std::vector<Claim>> ReadJsonl(const std::string& path) {
  Result<std::unique_ptr<LineReader>> opened = LineReader::Open(path, 1 << 20);
  if (!opened.ok()) return opened.status();
  LineReader& reader = *opened.value();
  simdjson::dom::parser parser;
  std::vector<Claim> claims;
  std::unordered_set<std::string> ids;
  Line line;
  for (;;) {
    Result<bool> more = reader.Next(&line);
    if (!more.ok()) return more.status();
    if (!more.value()) break;
    auto where = [&] { return path + ":" + std::to_string(line.number) + ": "; };
    if (line.too_long) return Status::InvalidInput(where() + "line longer than 1 MiB");
    if (line.bytes.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Claim c;
    std::string why = ParseLine(parser, line.bytes, &c);
    if (!why.empty()) return Status::InvalidInput(where() + why);
    if (!ids.insert(c.id).second)
      return Status::InvalidInput(where() + "duplicate claim id '" + c.id + "'");
    claims.push_back(std::move(c));
  }
  return claims;
}

}  // namespace

Result<std::vector<Claim>> ReadClaims(const std::string& path) {
  if (!IsSqlite(path)) return ReadJsonl(path);
  Result<std::unique_ptr<ClaimStore>> store = ClaimStore::Open(path);
  if (!store.ok()) return store.status();
  std::vector<Claim> claims;
  SLUICE_RETURN_IF_ERROR(store.value()->ForEach([&](Claim&& c) { claims.push_back(std::move(c)); }));
  return claims;
}

}  // namespace sluice::rumor
