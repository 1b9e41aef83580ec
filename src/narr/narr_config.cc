#include "narr/narr_config.h"

#include <simdjson.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace sluice::narr {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

struct Reader {
  const std::string& name;
  Status Error(const std::string& key, const std::string& what) const {
    return Status::Config(name + ": '" + key + "' " + what);
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
    if (v.type() != element_type::INT64 || v.get(n) != simdjson::SUCCESS || n < lo || n > hi)
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
};

}  // namespace

Result<NarrConfig> ParseNarrConfig(std::string_view json, const std::string& name) {
  simdjson::dom::parser parser;
  element doc;
  simdjson::padded_string padded(json);
  if (auto err = parser.parse(padded).get(doc); err != simdjson::SUCCESS)
    return Status::Config(name + ": not valid JSON: " + simdjson::error_message(err));
  if (doc.type() != element_type::OBJECT)
    return Status::Config(name + ": the configuration must be a JSON object");
  NarrConfig c;
  Reader r{name};
  simdjson::dom::object root = doc.get_object().value_unsafe();
  for (auto field : root) {
    std::string key(field.key);
    element v = field.value;
    if (key == "shingle_size") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 16, &c.shingle_size));
    } else if (key == "num_perm") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 512, &c.num_perm));
    } else if (key == "bands") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 512, &c.bands));
    } else if (key == "rows") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 64, &c.rows));
    } else if (key == "seed") {
      int s;
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 0, 2147483647, &s));
      c.seed = static_cast<uint64_t>(s);
    } else if (key == "min_tokens") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 100000, &c.min_tokens));
    } else if (key == "similarity") {
      SLUICE_RETURN_IF_ERROR(r.Fraction(v, key, &c.similarity));
    } else if (key == "root_similarity") {
      SLUICE_RETURN_IF_ERROR(r.Fraction(v, key, &c.root_similarity));
    } else if (key == "min_posts") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 1000000000, &c.min_posts));
    } else if (key == "min_accounts") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 1000000000, &c.min_accounts));
    } else if (key == "max_clusters") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 0, 1000000000, &c.max_clusters));
    } else if (key == "baseline_hours") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 24 * 365, &c.baseline_hours));
    } else if (key == "w_burst") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.w_burst));
    } else if (key == "w_reach") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.w_reach));
    } else if (key == "w_engagement") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.w_engagement));
    } else if (key == "w_suspicious") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.w_suspicious));
    } else if (key == "copy_paste_window_s") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 365 * 86400, &c.copy_paste_window_s));
    } else if (key == "copy_paste_context_s") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 365 * 86400, &c.copy_paste_context_s));
    } else if (key == "copy_paste_exclusive") {
      SLUICE_RETURN_IF_ERROR(r.Fraction(v, key, &c.copy_paste_exclusive));
    } else if (key == "copy_paste_accounts") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 2, 1000000, &c.copy_paste_accounts));
    } else if (key == "copy_paste_similarity") {
      SLUICE_RETURN_IF_ERROR(r.Fraction(v, key, &c.copy_paste_similarity));
    } else if (key == "copy_paste_min_tokens") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 100000, &c.copy_paste_min_tokens));
    } else if (key == "exclude_verified") {
      bool b;
      if (v.get(b) != simdjson::SUCCESS) return r.Error(key, "must be true or false");
      c.exclude_verified = b;
    } else if (key == "copy_paste_require_suspicious") {
      bool b;
      if (v.get(b) != simdjson::SUCCESS) return r.Error(key, "must be true or false");
      c.copy_paste_require_suspicious = b;
    } else if (key == "w_copy_paste") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.w_copy_paste));
    } else if (key.empty() || key[0] != '_') {  // "_comment" and the like are allowed
      return Status::Config(name + ": unknown key '" + key + "'");
    }
  }
  if (c.bands * c.rows > c.num_perm)
    return r.Error("bands", "× rows must not exceed num_perm (" + std::to_string(c.num_perm) + ")");
  if (c.copy_paste_context_s < c.copy_paste_window_s)
    return r.Error("copy_paste_context_s", "must be at least copy_paste_window_s");
  return c;
}

Result<NarrConfig> LoadNarrConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot read the configuration file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseNarrConfig(ss.str(), path);
}

}  // namespace sluice::narr
