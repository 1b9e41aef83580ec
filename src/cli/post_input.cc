#include "cli/post_input.h"

#include <optional>

namespace sluice::cli {

using simdjson::dom::element;
using simdjson::dom::element_type;

Result<std::unique_ptr<PostInput>> PostInput::Open(const std::string& path) {
  Result<std::unique_ptr<LineReader>> r = LineReader::Open(path, 1 << 20);
  if (!r.ok()) return r.status();
  return std::unique_ptr<PostInput>(new PostInput(path, std::move(r).value()));
}

Status PostInput::Next(Item* item) {
  Line line;
  for (;;) {
    Result<bool> more = reader_->Next(&line);
    if (!more.ok()) return more.status();
    *item = Item{};
    if (!more.value()) return Status::Ok();
    item->line = line.number;
    std::string_view b = line.bytes;
    size_t first = b.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    if (line.too_long) {
      item->kind = Kind::kProblem;
      item->problem = "line longer than 1 MiB";
      return Status::Ok();
    }
    if (b[first] != '{') {
      id_buf_ = path_ + ":" + std::to_string(line.number);
      item->kind = Kind::kPost;
      item->id = id_buf_;
      item->text = b;
      return Status::Ok();
    }
    element doc;
    auto problem = [&](std::string why) {
      item->kind = Kind::kProblem;
      item->problem = std::move(why);
      return Status::Ok();
    };
    if (auto err = parser_.parse(b.data(), b.size(), LineReader::kPadding < simdjson::SIMDJSON_PADDING)
                       .get(doc);
        err != simdjson::SUCCESS)
      return problem(std::string("not valid JSON: ") + simdjson::error_message(err));
    if (doc.type() != element_type::OBJECT) return problem("not a JSON object");
    element type, id, text;
    if (doc["type"].get(type) == simdjson::SUCCESS && !type.is_null()) {
      if (type.type() != element_type::STRING) return problem("field 'type' must be a string");
      if (type.get_string().value_unsafe() != "post") {
        item->kind = Kind::kSkipped;
        return Status::Ok();
      }
    }
    if (doc["id"].get(id) != simdjson::SUCCESS || id.is_null()) return problem("missing field 'id'");
    if (id.type() == element_type::STRING) {
      id_buf_ = std::string(id.get_string().value_unsafe());
    } else if (id.type() == element_type::INT64) {
      id_buf_ = std::to_string(id.get_int64().value_unsafe());
    } else if (id.type() == element_type::UINT64) {
      id_buf_ = std::to_string(id.get_uint64().value_unsafe());
    } else {
      return problem("field 'id' must be a string or an integer");
    }
    if (id_buf_.empty()) return problem("field 'id' is empty");
    if (doc["text"].get(text) != simdjson::SUCCESS || text.is_null())
      return problem("missing field 'text'");
    if (text.type() != element_type::STRING) return problem("field 'text' must be a string");
    element time;
    if (doc["time"].get(time) == simdjson::SUCCESS && !time.is_null()) {
      std::optional<UnixSeconds> t;
      if (time.type() == element_type::STRING) t = ParseRfc3339(time.get_string().value_unsafe());
      else if (time.type() == element_type::INT64) t = time.get_int64().value_unsafe();
      else if (time.type() == element_type::UINT64 || time.type() == element_type::DOUBLE)
        t = static_cast<UnixSeconds>(time.get_double().value_unsafe());
      if (!t || *t < kMinTime || *t > kMaxTime)
        return problem("field 'time' is not an RFC 3339 time or Unix seconds between 1970 and 2100");
      item->time = *t;
    }
    item->kind = Kind::kPost;
    item->id = id_buf_;
    item->text = text.get_string().value_unsafe();
    return Status::Ok();
  }
}

}  // namespace sluice::cli
