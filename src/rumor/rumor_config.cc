#include "rumor/rumor_config.h"

#include <simdjson.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/json_config.h"

namespace sluice::rumor {

std::vector<std::pair<std::string, double>> RumorConfig::DefaultDebunkCues() {
  // Cues are normalized like posts, so one spelling covers traditional, simplified, full-width
  // and zero-width-stuffed forms. "网传" (it is said online) also introduces rumors, so it only
  // lowers a match a little; the others state that the claim is false.
  // "否认" and "澄清" (denies, clarifies) usually report a refutation but may be the rumor's own
  // words, so they weigh less.
  return {{"网传", -0.3},   {"谣言", -1.0},  {"辟谣", -1.0},   {"不实", -1.0},     {"假的", -1.0},
          {"已查明", -1.0}, {"造谣", -1.0},  {"假消息", -1.0}, {"不属实", -1.0},   {"虚假", -1.0},
          {"谣传", -1.0},   {"误传", -1.0},  {"假新闻", -1.0}, {"纯属捏造", -1.0}, {"并非事实", -1.0},
          {"否认", -0.6},   {"澄清", -0.6}};
}

std::vector<std::string> RumorConfig::DefaultDebunkExceptions() {
  return {"真的假的", "是不是假的", "不是谣言", "不是假的", "并非谣言"};
}

using simdjson::dom::element;
using simdjson::dom::element_type;

Result<RumorConfig> ParseRumorConfig(std::string_view json, const std::string& name) {
  JsonConfigReader r(name);
  simdjson::dom::object root;
  SLUICE_RETURN_IF_ERROR(r.Parse(json, &root));
  RumorConfig c;
  for (auto field : root) {
    std::string key(field.key);
    element v = field.value;
    if (key == "shingle_size") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 8, &c.shingle_size));
    } else if (key == "min_claim_chars") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 10000, &c.min_claim_chars));
    } else if (key == "candidate_shingle_size") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 16, &c.candidate_shingle_size));
    } else if (key == "candidate_window") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 100, &c.candidate_window));
    } else if (key == "min_containment") {
      SLUICE_RETURN_IF_ERROR(r.Fraction(v, key, &c.min_containment));
    } else if (key == "partial_min_containment") {
      SLUICE_RETURN_IF_ERROR(r.Fraction(v, key, &c.partial_min_containment));
    } else if (key == "partial_min_run") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 1, 10000, &c.partial_min_run));
    } else if (key == "claim_match_weight") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.claim_match_weight));
    } else if (key == "threshold") {
      SLUICE_RETURN_IF_ERROR(r.Number(v, key, &c.threshold));
    } else if (key == "debunk_window") {
      SLUICE_RETURN_IF_ERROR(r.Count(v, key, 0, 10000, &c.debunk_window));
    } else if (key == "debunk_cues") {
      if (v.type() != element_type::OBJECT)
        return r.Error(key, "must be an object of cue word → weight");
      c.debunk_cues.clear();
      simdjson::dom::object cues = v.get_object().value_unsafe();
      for (auto cue : cues) {
        std::string cue_key = key + "." + std::string(cue.key);
        if (cue.key.empty()) return r.Error(cue_key, "is an empty cue");
        double w;
        SLUICE_RETURN_IF_ERROR(r.Number(cue.value, cue_key, &w));
        c.debunk_cues.emplace_back(std::string(cue.key), w);
      }
      if (c.debunk_cues.size() > 64) return r.Error(key, "may hold at most 64 cues");
    } else if (key == "debunk_exceptions") {
      if (v.type() != element_type::ARRAY) return r.Error(key, "must be an array of phrases");
      c.debunk_exceptions.clear();
      simdjson::dom::array phrases = v.get_array().value_unsafe();
      for (element e : phrases) {
        if (e.type() != element_type::STRING || e.get_string().value_unsafe().empty())
          return r.Error(key, "must be an array of phrases");
        c.debunk_exceptions.emplace_back(e.get_string().value_unsafe());
      }
    } else if (key.empty() || key[0] != '_') {  // "_comment" and the like are allowed
      return Status::Config(name + ": unknown key '" + key + "'");
    }
  }
  if (c.min_claim_chars < c.shingle_size)
    return r.Error("min_claim_chars", "must be at least shingle_size (" +
                                          std::to_string(c.shingle_size) + ")");
  if (c.partial_min_containment > c.min_containment)
    return r.Error("partial_min_containment", "must not exceed min_containment");
  if (c.candidate_shingle_size < c.shingle_size)
    return r.Error("candidate_shingle_size", "must be at least shingle_size (" +
                                                 std::to_string(c.shingle_size) + ")");
  // The shortest matchable claim, copied exactly, must still share an anchor with the post.
  int shortest = c.candidate_shingle_size + c.candidate_window - 1;
  if (c.min_claim_chars < shortest)
    return r.Error("min_claim_chars", "must be at least candidate_shingle_size + "
                                      "candidate_window - 1 (" + std::to_string(shortest) + ")");
  return c;
}

Result<RumorConfig> LoadRumorConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot read the configuration file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseRumorConfig(ss.str(), path);
}

}  // namespace sluice::rumor
