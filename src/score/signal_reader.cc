#include "score/signal_reader.h"

#include <cstring>
#include <fstream>

#include <simdjson.h>

namespace sluice {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

Status ReadString(element v, const char* key, std::string* out) {
  if (v.type() != element_type::STRING)
    return Status::InvalidInput(std::string("'") + key + "' must be a string");
  *out = std::string(v.get_string().value_unsafe());
  return Status::Ok();
}

Status ParseLine(simdjson::dom::parser* parser, const std::string& line, Signal* s) {
  element doc;
  auto err = parser->parse(line).get(doc);
  if (err != simdjson::SUCCESS)
    return Status::InvalidInput(std::string("not valid JSON: ") + simdjson::error_message(err));
  if (doc.type() != element_type::OBJECT) return Status::InvalidInput("a signal must be a JSON object");
  bool have_subject = false, have_id = false, have_name = false;
  simdjson::dom::object obj = doc.get_object().value_unsafe();
  for (auto f : obj) {
    std::string key(f.key);
    if (key == "subject") {
      std::string v;
      SLUICE_RETURN_IF_ERROR(ReadString(f.value, "subject", &v));
      std::optional<SubjectKind> k = ParseSubjectKind(v);
      if (!k) return Status::InvalidInput("'subject' must be account, post or page");
      s->subject = *k;
      have_subject = true;
    } else if (key == "id") {
      SLUICE_RETURN_IF_ERROR(ReadString(f.value, "id", &s->id));
      have_id = true;
    } else if (key == "name") {
      SLUICE_RETURN_IF_ERROR(ReadString(f.value, "name", &s->name));
      have_name = true;
    } else if (key == "evidence") {
      if (f.value.type() != element_type::OBJECT)
        return Status::InvalidInput("'evidence' must be a JSON object");
      s->evidence = simdjson::minify(f.value);
    } else if (key == "claim") {
      SLUICE_RETURN_IF_ERROR(ReadString(f.value, "claim", &s->claim));
    } else if (key == "group") {
      SLUICE_RETURN_IF_ERROR(ReadString(f.value, "group", &s->group));
    } else if (key == "tactic") {
      SLUICE_RETURN_IF_ERROR(ReadString(f.value, "tactic", &s->tactic));
    } else if (key == "edits") {
      if (f.value.type() != element_type::ARRAY) return Status::InvalidInput("'edits' must be an array of strings");
      simdjson::dom::array arr = f.value.get_array().value_unsafe();
      for (element e : arr) {
        std::string v;
        SLUICE_RETURN_IF_ERROR(ReadString(e, "edits[]", &v));
        s->edits.push_back(std::move(v));
      }
    } else if (key == "spans") {
      const Status bad = Status::InvalidInput("'spans' must be an array of [begin, end] integer pairs");
      if (f.value.type() != element_type::ARRAY) return bad;
      simdjson::dom::array arr = f.value.get_array().value_unsafe();
      for (element e : arr) {
        if (e.type() != element_type::ARRAY) return bad;
        simdjson::dom::array pair = e.get_array().value_unsafe();
        if (pair.size() != 2) return bad;
        uint64_t b, en;
        if (pair.at(0).get_uint64().get(b) != simdjson::SUCCESS ||
            pair.at(1).get_uint64().get(en) != simdjson::SUCCESS || b > UINT32_MAX || en > UINT32_MAX)
          return bad;
        s->spans.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(en));
      }
    } else {
      return Status::InvalidInput("unknown key '" + key + "'");
    }
  }
  if (!have_subject) return Status::InvalidInput("missing 'subject'");
  if (!have_id) return Status::InvalidInput("missing 'id'");
  if (!have_name) return Status::InvalidInput("missing 'name'");
  return Status::Ok();
}

}  // namespace

Result<std::vector<Signal>> ReadSignalsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read: " + std::strerror(errno));
  simdjson::dom::parser parser;
  std::vector<Signal> out;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Signal s;
    Status st = ParseLine(&parser, line, &s);
    if (!st.ok()) return Status::InvalidInput(path + ":" + std::to_string(n) + ": " + st.message());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sluice
