#include "spam/spam_config.h"

#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "core/json_writer.h"

namespace sluice::spam {

namespace {

enum class FieldType { kDouble, kCount, kString };

struct Field {
  std::string key;  // dotted path
  FieldType type;
  void* target;
};

// Every configurable value, in the order config/spam.json lists them.
std::vector<Field> Fields(SpamConfig& c) {
  std::vector<Field> f = {
      {"threshold", FieldType::kDouble, &c.threshold},
      {"grow_threshold", FieldType::kDouble, &c.grow_threshold},
      {"lexicon_dir", FieldType::kString, &c.lexicon_dir},
      {"blocks.max_phrase_cps", FieldType::kCount, &c.blocks.max_phrase_cps},
      {"blocks.max_link_cps", FieldType::kCount, &c.blocks.max_link_cps},
      {"blocks.trim_overlap", FieldType::kDouble, &c.blocks.trim_overlap},
      {"blocks.min_lexicon_items", FieldType::kCount, &c.blocks.min_lexicon_items},
      {"blocks.min_evident_line_share", FieldType::kDouble, &c.blocks.min_evident_line_share},
      {"signals.separator_density.weight", FieldType::kDouble, &c.separator_density.weight},
      {"signals.separator_density.min_density", FieldType::kDouble, &c.separator_density.min_density},
      {"signals.separator_density.min_uniformity", FieldType::kDouble, &c.separator_density.min_uniformity},
      {"signals.short_phrases.weight", FieldType::kDouble, &c.short_phrases.weight},
      {"signals.short_phrases.max_mean_cps", FieldType::kDouble, &c.short_phrases.max_mean_cps},
      {"signals.short_phrases.min_items", FieldType::kCount, &c.short_phrases.min_items},
      {"signals.short_phrase_run.weight", FieldType::kDouble, &c.short_phrase_run.weight},
      {"signals.short_phrase_run.min_items", FieldType::kCount, &c.short_phrase_run.min_items},
      {"signals.trailer.weight", FieldType::kDouble, &c.trailer.weight},
      {"signals.vocabulary_shift.weight", FieldType::kDouble, &c.vocabulary_shift.weight},
      {"signals.vocabulary_shift.max_overlap", FieldType::kDouble, &c.vocabulary_shift.max_overlap},
      {"signals.vocabulary_shift.min_body_han", FieldType::kCount, &c.vocabulary_shift.min_body_han},
      {"signals.vocabulary_shift.min_block_han", FieldType::kCount, &c.vocabulary_shift.min_block_han},
      {"signals.script_shift.weight", FieldType::kDouble, &c.script_shift.weight},
      {"signals.script_shift.min_gap", FieldType::kDouble, &c.script_shift.min_gap},
      {"signals.script_shift.min_body_han", FieldType::kCount, &c.script_shift.min_body_han},
      {"signals.script_shift.min_block_han", FieldType::kCount, &c.script_shift.min_block_han},
      {"signals.repetition.weight", FieldType::kDouble, &c.repetition.weight},
      {"signals.repetition.min_share", FieldType::kDouble, &c.repetition.min_share},
      {"signals.repetition.min_items", FieldType::kCount, &c.repetition.min_items},
      {"signals.link_density.weight", FieldType::kDouble, &c.link_density.weight},
      {"signals.link_density.min_share", FieldType::kDouble, &c.link_density.min_share},
      {"signals.lexicon_density.weight", FieldType::kDouble, &c.lexicon_density.weight},
      {"signals.lexicon_density.min_share", FieldType::kDouble, &c.lexicon_density.min_share},
      {"signals.lexicon_density.min_items", FieldType::kCount, &c.lexicon_density.min_items},
  };
  std::pair<const char*, SpamConfig::Lexicon*> lex[] = {
      {"lexicon_pornography", &c.lexicon_pornography}, {"lexicon_gambling", &c.lexicon_gambling},
      {"lexicon_piracy", &c.lexicon_piracy},           {"lexicon_advertising", &c.lexicon_advertising},
      {"lexicon_link_farm", &c.lexicon_link_farm}};
  for (auto& [name, l] : lex) {
    f.push_back({std::string("signals.") + name + ".weight", FieldType::kDouble, &l->weight});
    f.push_back({std::string("signals.") + name + ".saturation_hits", FieldType::kCount,
                 &l->saturation_hits});
  }
  f.push_back({"signals.prose.weight", FieldType::kDouble, &c.prose.weight});
  f.push_back({"accounts.weight", FieldType::kDouble, &c.accounts.weight});
  f.push_back({"accounts.min_posts", FieldType::kCount, &c.accounts.min_posts});
  f.push_back({"accounts.min_share", FieldType::kDouble, &c.accounts.min_share});
  return f;
}

class Parser {
 public:
  Parser(SpamConfig* c, std::string source) : fields_(Fields(*c)), source_(std::move(source)) {}

  Status Walk(simdjson::dom::element e, const std::string& path) {
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS)
      return Error(path.empty() ? "the top level" : "'" + path + "'", "must be a JSON object");
    for (auto [key, value] : obj) {
      std::string full = path.empty() ? std::string(key) : path + "." + std::string(key);
      if (Field* f = Find(full)) {
        SLUICE_RETURN_IF_ERROR(Assign(*f, value));
      } else if (IsPrefix(full)) {
        SLUICE_RETURN_IF_ERROR(Walk(value, full));
      } else {
        return Error("unknown key '" + full + "'", "");
      }
    }
    return Status::Ok();
  }

 private:
  Field* Find(const std::string& key) {
    for (Field& f : fields_)
      if (f.key == key) return &f;
    return nullptr;
  }
  bool IsPrefix(const std::string& key) const {
    for (const Field& f : fields_)
      if (f.key.size() > key.size() && f.key.compare(0, key.size(), key) == 0 &&
          f.key[key.size()] == '.')
        return true;
    return false;
  }
  Status Error(const std::string& what, const std::string& why) const {
    return Status::Config(source_ + ": " + what + (why.empty() ? "" : " " + why));
  }
  Status Assign(const Field& f, simdjson::dom::element v) {
    std::string name = "'" + f.key + "'";
    switch (f.type) {
      case FieldType::kDouble: {
        double d;
        if (v.is_int64()) d = static_cast<double>(v.get_int64().value_unsafe());
        else if (v.is_uint64()) d = static_cast<double>(v.get_uint64().value_unsafe());
        else if (v.is_double()) d = v.get_double().value_unsafe();
        else return Error(name, "must be a number");
        *static_cast<double*>(f.target) = d;
        return Status::Ok();
      }
      case FieldType::kCount: {
        if (!v.is_int64()) return Error(name, "must be an integer");
        int64_t n = v.get_int64().value_unsafe();
        if (n < 1 || n > 1000000) return Error(name, "must be between 1 and 1000000");
        *static_cast<int*>(f.target) = static_cast<int>(n);
        return Status::Ok();
      }
      case FieldType::kString: {
        std::string_view s;
        if (v.get_string().get(s) != simdjson::SUCCESS) return Error(name, "must be a string");
        *static_cast<std::string*>(f.target) = std::string(s);
        return Status::Ok();
      }
    }
    return Status::Ok();
  }

  std::vector<Field> fields_;
  std::string source_;
};

}  // namespace

Result<SpamConfig> ParseSpamConfig(std::string_view json, const std::string& source_name) {
  SpamConfig c;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  auto err = parser.parse(padded).get(root);
  if (err != simdjson::SUCCESS)
    return Status::Config(source_name + ": not valid JSON: " + simdjson::error_message(err));
  Parser p(&c, source_name);
  SLUICE_RETURN_IF_ERROR(p.Walk(root, ""));
  if (c.threshold <= 0) return Status::Config(source_name + ": 'threshold' must be positive");
  return c;
}

Result<SpamConfig> LoadSpamConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseSpamConfig(ss.str(), path);
}

std::string SpamConfigToJson(const SpamConfig& config) {
  SpamConfig c = config;
  std::vector<Field> fields = Fields(c);
  std::string out = "{";
  std::vector<std::string> open;  // the nested objects currently open
  bool first = true;
  for (const Field& f : fields) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t dot; (dot = f.key.find('.', start)) != std::string::npos; start = dot + 1)
      parts.push_back(f.key.substr(start, dot - start));
    std::string leaf = f.key.substr(start);
    size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) ++common;
    while (open.size() > common) {
      open.pop_back();
      out.append("\n").append(2 * (open.size() + 1), ' ').append("}");
      first = false;
    }
    for (size_t k = common; k < parts.size(); ++k) {
      out += first ? "\n" : ",\n";
      out += std::string(2 * (open.size() + 1), ' ');
      AppendJsonString(&out, parts[k]);
      out += ": {";
      open.push_back(parts[k]);
      first = true;
    }
    out += first ? "\n" : ",\n";
    first = false;
    out += std::string(2 * (open.size() + 1), ' ');
    AppendJsonString(&out, leaf);
    out += ": ";
    switch (f.type) {
      case FieldType::kDouble: AppendJsonNumber(&out, *static_cast<double*>(f.target)); break;
      case FieldType::kCount: out += std::to_string(*static_cast<int*>(f.target)); break;
      case FieldType::kString: AppendJsonString(&out, *static_cast<std::string*>(f.target)); break;
    }
  }
  while (!open.empty()) {
    open.pop_back();
    out.append("\n").append(2 * (open.size() + 1), ' ').append("}");
  }
  out += "\n}\n";
  return out;
}

}  // namespace sluice::spam
