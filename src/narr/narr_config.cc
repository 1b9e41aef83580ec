#include "narr/narr_config.h"

#include <simdjson.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/json_config.h"

namespace sluice::narr {

using simdjson::dom::element;
using simdjson::dom::element_type;

Result<NarrConfig> ParseNarrConfig(std::string_view json, const std::string& name) {
  JsonConfigReader r(name);
  simdjson::dom::object root;
  SLUICE_RETURN_IF_ERROR(r.Parse(json, &root));
  NarrConfig c;
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
    } else if (key == "split_on_figures") {
      bool b;
      if (v.get(b) != simdjson::SUCCESS) return r.Error(key, "must be true or false");
      c.split_on_figures = b;
    } else if (key == "split_on_names") {
      bool b;
      if (v.get(b) != simdjson::SUCCESS) return r.Error(key, "must be true or false");
      c.split_on_names = b;
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
