#include "score/scoring_config.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <simdjson.h>

#include "score/vocabulary.h"

namespace sluice {

extern const char kDefaultScoringConfigText[];
extern const size_t kDefaultScoringConfigSize;

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Walks one parsed file, remembering the file name so every error can name it and the key.
class ConfigReader {
 public:
  ConfigReader(std::string_view file, ScoringConfig* cfg, bool complete)
      : file_(file), cfg_(cfg), complete_(complete) {}

  Status Read(element root) {
    object top;
    SLUICE_RETURN_IF_ERROR(AsObject(root, "(top level)", &top));
    SLUICE_RETURN_IF_ERROR(CheckKeys(top, "", {"signals", "thresholds", "severity"}));
    element v;
    if (top["signals"].get(v) == simdjson::SUCCESS) SLUICE_RETURN_IF_ERROR(ReadSignals(v));
    else if (complete_) return Error("signals", "missing");
    if (top["thresholds"].get(v) == simdjson::SUCCESS) SLUICE_RETURN_IF_ERROR(ReadThresholds(v));
    else if (complete_) return Error("thresholds", "missing");
    if (top["severity"].get(v) == simdjson::SUCCESS) SLUICE_RETURN_IF_ERROR(ReadSeverity(v));
    else if (complete_) return Error("severity", "missing");
    return CheckWhole();
  }

 private:
  Status Error(std::string_view key, std::string_view reason) const {
    return Status::Config(std::string(file_) + ": " + std::string(key) + ": " + std::string(reason));
  }

  Status AsObject(element v, std::string_view key, object* out) const {
    if (v.type() != element_type::OBJECT) return Error(key, "expected an object");
    *out = v.get_object().value_unsafe();
    return Status::Ok();
  }

  Status AsNumber(element v, std::string_view key, double* out) const {
    switch (v.type()) {
      case element_type::INT64: *out = static_cast<double>(v.get_int64().value_unsafe()); break;
      case element_type::UINT64: *out = static_cast<double>(v.get_uint64().value_unsafe()); break;
      case element_type::DOUBLE: *out = v.get_double().value_unsafe(); break;
      default: return Error(key, "expected a number");
    }
    if (!std::isfinite(*out)) return Error(key, "expected a finite number");
    return Status::Ok();
  }

  Status AsString(element v, std::string_view key, std::string* out) const {
    if (v.type() != element_type::STRING) return Error(key, "expected a string");
    *out = std::string(v.get_string().value_unsafe());
    return Status::Ok();
  }

  // Rejects duplicate keys (a JSON parser would silently keep one) and keys not in `allowed`
  // (an empty list allows any key).
  Status CheckKeys(object o, const std::string& prefix,
                   std::initializer_list<std::string_view> allowed) const {
    std::set<std::string_view> seen;
    for (auto field : o) {
      std::string key = prefix + std::string(field.key);
      if (!seen.insert(field.key).second) return Error(key, "appears twice");
      if (allowed.size() == 0) continue;
      bool ok = false;
      for (std::string_view a : allowed) ok = ok || a == field.key;
      if (!ok) {
        std::string expected;
        for (std::string_view a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
        return Error(key, "unknown key (expected one of: " + expected + ")");
      }
    }
    return Status::Ok();
  }

  static bool ValidSignalName(std::string_view n) {
    if (n.empty() || n.size() > 128) return false;
    for (char c : n)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
    return true;
  }

  Status ReadSignals(element v) {
    object sigs;
    SLUICE_RETURN_IF_ERROR(AsObject(v, "signals", &sigs));
    SLUICE_RETURN_IF_ERROR(CheckKeys(sigs, "signals.", {}));
    for (auto field : sigs) {
      std::string name(field.key);
      std::string key = "signals." + name;
      object spec;
      SLUICE_RETURN_IF_ERROR(AsObject(field.value, key, &spec));
      auto it = cfg_->signals.find(name);
      if (complete_) {
        if (!ValidSignalName(name))
          return Error(key, "a signal name is lower-case letters, digits, '_' and '.'");
        SLUICE_RETURN_IF_ERROR(CheckKeys(spec, key + ".", {"label", "weight", "description"}));
        SignalSpec s;
        element e;
        if (spec["label"].get(e) != simdjson::SUCCESS) return Error(key + ".label", "missing");
        SLUICE_RETURN_IF_ERROR(AsString(e, key + ".label", &s.label));
        if (!IsFindingLabel(s.label))
          return Error(key + ".label", "'" + s.label + "' is not a finding label (copy_paste, rumor, spam, water_army)");
        if (spec["weight"].get(e) != simdjson::SUCCESS) return Error(key + ".weight", "missing");
        SLUICE_RETURN_IF_ERROR(AsNumber(e, key + ".weight", &s.weight));
        if (spec["description"].get(e) != simdjson::SUCCESS)
          return Error(key + ".description", "missing");
        SLUICE_RETURN_IF_ERROR(AsString(e, key + ".description", &s.description));
        if (s.description.empty()) return Error(key + ".description", "empty");
        cfg_->signals[name] = std::move(s);
        continue;
      }
      if (it == cfg_->signals.end())
        return Error(key, "unknown signal (not in " + std::string(kDefaultScoringConfigName) + ")");
      SLUICE_RETURN_IF_ERROR(CheckKeys(spec, key + ".", {}));
      for (auto f : spec) {
        std::string sub = key + "." + std::string(f.key);
        if (f.key == "weight") {
          SLUICE_RETURN_IF_ERROR(AsNumber(f.value, sub, &it->second.weight));
        } else if (f.key == "description") {
          SLUICE_RETURN_IF_ERROR(AsString(f.value, sub, &it->second.description));
          if (it->second.description.empty()) return Error(sub, "empty");
        } else if (f.key == "label") {
          return Error(sub, "a signal's label is fixed by its detector and cannot be overridden");
        } else {
          return Error(sub, "unknown key (expected one of: weight, description)");
        }
      }
    }
    return Status::Ok();
  }

  Status ReadThresholds(element v) {
    object th;
    SLUICE_RETURN_IF_ERROR(AsObject(v, "thresholds", &th));
    SLUICE_RETURN_IF_ERROR(CheckKeys(th, "thresholds.", {}));
    for (auto field : th) {
      std::string key = "thresholds." + std::string(field.key);
      if (!IsFindingLabel(field.key))
        return Error(key, "not a finding label (copy_paste, rumor, spam, water_army)");
      double t;
      SLUICE_RETURN_IF_ERROR(AsNumber(field.value, key, &t));
      cfg_->thresholds[std::string(field.key)] = t;
    }
    return Status::Ok();
  }

  Status ReadSeverity(element v) {
    object sev;
    SLUICE_RETURN_IF_ERROR(AsObject(v, "severity", &sev));
    SLUICE_RETURN_IF_ERROR(CheckKeys(sev, "severity.", {"harm", "weights", "grades"}));
    SeverityConfig& s = cfg_->severity;
    element e;
    if (sev["harm"].get(e) == simdjson::SUCCESS) {
      object harm;
      SLUICE_RETURN_IF_ERROR(AsObject(e, "severity.harm", &harm));
      SLUICE_RETURN_IF_ERROR(CheckKeys(harm, "severity.harm.", {"rumor", "spam", "water_army"}));
      for (auto f : harm)
        SLUICE_RETURN_IF_ERROR(
            AsNumber(f.value, "severity.harm." + std::string(f.key), &s.harm[std::string(f.key)]));
    } else if (complete_) {
      return Error("severity.harm", "missing");
    }
    if (sev["weights"].get(e) == simdjson::SUCCESS) {
      object w;
      SLUICE_RETURN_IF_ERROR(AsObject(e, "severity.weights", &w));
      static constexpr std::string_view kNames[] = {"reach_accounts", "reposts", "engagement",
                                                    "items", "coordination"};
      double* slots[] = {&s.reach_accounts, &s.reposts, &s.engagement, &s.items, &s.coordination};
      SLUICE_RETURN_IF_ERROR(CheckKeys(w, "severity.weights.",
                                       {kNames[0], kNames[1], kNames[2], kNames[3], kNames[4]}));
      for (size_t i = 0; i < 5; ++i) {
        std::string key = "severity.weights." + std::string(kNames[i]);
        if (w[kNames[i]].get(e) == simdjson::SUCCESS) SLUICE_RETURN_IF_ERROR(AsNumber(e, key, slots[i]));
        else if (complete_) return Error(key, "missing");
      }
    } else if (complete_) {
      return Error("severity.weights", "missing");
    }
    if (sev["grades"].get(e) == simdjson::SUCCESS) {
      if (e.type() != element_type::ARRAY) return Error("severity.grades", "expected an array");
      std::vector<SeverityGrade> grades;
      std::set<std::string> names;
      simdjson::dom::array arr = e.get_array().value_unsafe();
      for (element g : arr) {
        std::string key = "severity.grades[" + std::to_string(grades.size()) + "]";
        object go;
        SLUICE_RETURN_IF_ERROR(AsObject(g, key, &go));
        SLUICE_RETURN_IF_ERROR(CheckKeys(go, key + ".", {"name", "min"}));
        SeverityGrade grade;
        element x;
        if (go["name"].get(x) != simdjson::SUCCESS) return Error(key + ".name", "missing");
        SLUICE_RETURN_IF_ERROR(AsString(x, key + ".name", &grade.name));
        if (grade.name.empty()) return Error(key + ".name", "empty");
        if (!names.insert(grade.name).second) return Error(key + ".name", "'" + grade.name + "' appears twice");
        if (go["min"].get(x) != simdjson::SUCCESS) return Error(key + ".min", "missing");
        SLUICE_RETURN_IF_ERROR(AsNumber(x, key + ".min", &grade.min));
        if (!grades.empty() && !(grade.min < grades.back().min))
          return Error(key + ".min", "grades go from most to least severe: each min must be below the one before");
        grades.push_back(std::move(grade));
      }
      if (grades.empty()) return Error("severity.grades", "needs at least one grade");
      s.grades = std::move(grades);
    } else if (complete_) {
      return Error("severity.grades", "missing");
    }
    return Status::Ok();
  }

  // What only the whole configuration can show.
  Status CheckWhole() const {
    for (std::string_view label : kFindingLabels)
      if (!cfg_->thresholds.count(std::string(label)))
        return Error("thresholds." + std::string(label), "missing (every finding label needs a threshold)");
    for (std::string_view c : kCaseCategories)
      if (!cfg_->severity.harm.count(std::string(c)))
        return Error("severity.harm." + std::string(c), "missing");
    if (cfg_->signals.empty()) return Error("signals", "no signal is configured");
    return Status::Ok();
  }

  std::string_view file_;
  ScoringConfig* cfg_;
  bool complete_;
};

}  // namespace

Result<ScoringConfig> ParseScoringConfig(std::string_view json, std::string_view file,
                                         const ScoringConfig* base) {
  ScoringConfig cfg;
  if (base != nullptr) cfg = *base;
  simdjson::dom::parser parser;
  element root;
  auto err = parser.parse(json.data(), json.size(), true).get(root);
  if (err != simdjson::SUCCESS)
    return Status::Config(std::string(file) + ": not valid JSON: " + simdjson::error_message(err));
  ConfigReader reader(file, &cfg, base == nullptr);
  SLUICE_RETURN_IF_ERROR(reader.Read(root));
  cfg.sources = base == nullptr ? std::string(file) : base->sources + " + " + std::string(file);
  return cfg;
}

Result<ScoringConfig> DefaultScoringConfig() {
  return ParseScoringConfig(std::string_view(kDefaultScoringConfigText, kDefaultScoringConfigSize),
                            kDefaultScoringConfigName, nullptr);
}

Result<ScoringConfig> LoadScoringConfig(const std::string& user_path) {
  Result<ScoringConfig> defaults = DefaultScoringConfig();
  if (!defaults.ok() || user_path.empty()) return defaults;
  std::error_code ec;
  if (std::filesystem::is_directory(user_path, ec))
    return Status::Config(user_path + ": is a directory, not a configuration file");
  std::ifstream in(user_path, std::ios::binary);
  if (!in) return Status::Config(user_path + ": cannot read: " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Config(user_path + ": cannot read: " + std::strerror(errno));
  return ParseScoringConfig(ss.str(), user_path, &defaults.value());
}

}  // namespace sluice
