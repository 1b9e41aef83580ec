// Reading a JSON configuration object whose errors name the file and the key, the way every
// room's config loader reports them ("config/narr.json: 'similarity' must be a number between 0
// and 1"). Header-only: a room includes it in the .cc that parses its configuration.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/status.h"

namespace sluice {

class JsonConfigReader {
 public:
  using element = simdjson::dom::element;

  // `name` is what errors call the input (a file path); it must outlive the reader.
  explicit JsonConfigReader(const std::string& name) : name_(name) {}

  // Parses `json`, which must be one JSON object, into *root. The reader keeps the parsed
  // document: *root is valid as long as the reader lives.
  Status Parse(std::string_view json, simdjson::dom::object* root) {
    padded_ = simdjson::padded_string(json);
    element doc;
    if (auto err = parser_.parse(padded_).get(doc); err != simdjson::SUCCESS)
      return Status::Config(name_ + ": not valid JSON: " + simdjson::error_message(err));
    if (doc.type() != simdjson::dom::element_type::OBJECT)
      return Status::Config(name_ + ": the configuration must be a JSON object");
    *root = doc.get_object().value_unsafe();
    return Status::Ok();
  }

  Status Error(const std::string& key, const std::string& what) const {
    return Status::Config(name_ + ": '" + key + "' " + what);
  }
  Status Fraction(element v, const std::string& key, double* out) const {
    double d;
    if (v.get(d) != simdjson::SUCCESS || !(d >= 0 && d <= 1))
      return Error(key, "must be a number between 0 and 1");
    *out = d;
    return Status::Ok();
  }
  Status Count(element v, const std::string& key, int64_t lo, int64_t hi, int* out) const {
    int64_t n;
    if (v.type() != simdjson::dom::element_type::INT64 || v.get(n) != simdjson::SUCCESS || n < lo ||
        n > hi)
      return Error(key, "must be an integer between " + std::to_string(lo) + " and " +
                            std::to_string(hi));
    *out = static_cast<int>(n);
    return Status::Ok();
  }
  Status Number(element v, const std::string& key, double* out) const {
    double d;
    if (v.get(d) != simdjson::SUCCESS || !std::isfinite(d)) return Error(key, "must be a number");
    *out = d;
    return Status::Ok();
  }

 private:
  const std::string& name_;
  simdjson::dom::parser parser_;
  simdjson::padded_string padded_;
};

}  // namespace sluice
