#include "coord/coord_config.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "core/json_writer.h"

namespace sluice::coord {
namespace {

enum class LeafKind : uint8_t { kU32, kU64, kDouble, kBool, kRepostKey };

struct Leaf {
  std::string path;  // dotted key
  LeafKind kind;
  void* field;
  double min, max;
};

// Every configurable field, in documentation order. One table drives parsing, printing and the
// unknown-key check, so they cannot drift apart.
std::vector<Leaf> Leaves(CoordConfig* c) {
  std::vector<Leaf> v;
  auto u32 = [&](std::string p, uint32_t* f, double lo, double hi) {
    v.push_back({std::move(p), LeafKind::kU32, f, lo, hi});
  };
  auto dbl = [&](std::string p, double* f, double lo, double hi) {
    v.push_back({std::move(p), LeafKind::kDouble, f, lo, hi});
  };
  for (int t = 0; t < kNetworkTypeCount; ++t) {
    std::string base = "networks." + std::string(kNetworkTypeNames[t]) + ".";
    NetworkConfig& n = c->networks[t];
    u32(base + "window_s", &n.window_s, 0, 1e9);
    u32(base + "min_weight", &n.min_weight, 1, 1e9);
    u32(base + "max_window_actions", &n.max_window_actions, 0, 1e9);
  }
  v.push_back({"repost_key", LeafKind::kRepostKey, &c->repost_key, 0, 0});
  v.push_back({"npmi", LeafKind::kBool, &c->npmi, 0, 0});
  v.push_back({"self_loops", LeafKind::kBool, &c->self_loops, 0, 0});
  v.push_back({"max_pairs_in_memory", LeafKind::kU64, &c->max_pairs_in_memory, 1e6, 1e12});
  u32("threads", &c->threads, 1, 2);
  u32("text.min_chars", &c->text.min_chars, 0, 1e6);
  dbl("similar.threshold", &c->similar.threshold, 0.01, 1);
  u32("similar.shingle", &c->similar.shingle, 1, 32);
  u32("similar.bands", &c->similar.bands, 1, 512);
  u32("similar.rows", &c->similar.rows, 1, 64);
  u32("similar.min_chars", &c->similar.min_chars, 1, 1e6);
  u32("fraudar.window_s", &c->fraudar.window_s, 0, 1e9);
  u32("fraudar.min_shared", &c->fraudar.min_shared, 1, 1e9);
  dbl("fraudar.min_similarity", &c->fraudar.min_similarity, 0, 1);
  dbl("fraudar.min_weighted_shared", &c->fraudar.min_weighted_shared, 0, 1e9);
  u32("fraudar.max_window_actions", &c->fraudar.max_window_actions, 0, 1e9);
  dbl("fraudar.log_c", &c->fraudar.log_c, 1.0001, 1e9);
  u32("fraudar.max_blocks", &c->fraudar.max_blocks, 0, 1e6);
  u32("fraudar.min_accounts", &c->fraudar.min_accounts, 1, 1e9);
  u32("fraudar.min_targets", &c->fraudar.min_targets, 1, 1e9);
  u32("fraudar.min_member_targets", &c->fraudar.min_member_targets, 1, 1e9);
  dbl("fraudar.min_member_share", &c->fraudar.min_member_share, 0, 1);
  dbl("fraudar.min_density", &c->fraudar.min_density, 0, 1);
  u32("lockstep.window_s", &c->lockstep.window_s, 1, 1e9);
  u32("lockstep.max_window_actions", &c->lockstep.max_window_actions, 0, 1e9);
  u32("lockstep.min_targets", &c->lockstep.min_targets, 1, 1e6);
  u32("lockstep.min_group", &c->lockstep.min_group, 2, 1e9);
  dbl("lockstep.target_share", &c->lockstep.target_share, 0, 1);
  dbl("lockstep.quasi_clique", &c->lockstep.quasi_clique, 0, 1);
  dbl("lockstep.synchrotrap_min", &c->lockstep.synchrotrap_min, 0, 1);
  dbl("lockstep.min_similarity", &c->lockstep.min_similarity, 0, 1);
  u32("copy_paste.window_s", &c->copy_paste.window_s, 0, 1e9);
  u32("copy_paste.max_window_actions", &c->copy_paste.max_window_actions, 0, 1e9);
  u32("copy_paste.min_weight", &c->copy_paste.min_weight, 1, 1e9);
  u32("copy_paste.min_group", &c->copy_paste.min_group, 2, 1e9);
  dbl("copy_paste.quasi_clique", &c->copy_paste.quasi_clique, 0, 1);
  dbl("copy_paste.text_share", &c->copy_paste.text_share, 0, 1);
  dbl("copy_paste.min_exclusive", &c->copy_paste.min_exclusive, 0, 1);
  u32("copy_paste.context_s", &c->copy_paste.context_s, 0, 1e9);
  u32("device_farm.min_accounts", &c->farm.min_accounts, 2, 1e9);
  u32("device_farm.max_accounts", &c->farm.max_accounts, 2, 1e9);
  u32("device_farm.window_s", &c->farm.window_s, 0, 1e9);
  dbl("device_farm.member_synced_share", &c->farm.member_synced_share, 0, 1);
  u32("device_farm.member_min_synced", &c->farm.member_min_synced, 1, 1e9);
  dbl("device_farm.token_synced_share", &c->farm.token_synced_share, 0, 1);
  ScoringConfig& s = c->scoring;
  dbl("scoring.flag_score", &s.flag_score, -1e6, 1e6);
  dbl("scoring.w_dense_block", &s.w_dense_block, -1e6, 1e6);
  dbl("scoring.w_lockstep", &s.w_lockstep, -1e6, 1e6);
  dbl("scoring.w_synchrotrap", &s.w_synchrotrap, -1e6, 1e6);
  dbl("scoring.w_copy_paste", &s.w_copy_paste, -1e6, 1e6);
  dbl("scoring.w_device_farm", &s.w_device_farm, -1e6, 1e6);
  dbl("scoring.w_bulk_registration", &s.w_bulk_registration, -1e6, 1e6);
  dbl("scoring.w_fan_community", &s.w_fan_community, -1e6, 1e6);
  dbl("scoring.w_verified", &s.w_verified, -1e6, 1e6);
  u32("scoring.bulk_registration_s", &s.bulk_registration_s, 0, 4e9);
  dbl("scoring.bulk_registration_share", &s.bulk_registration_share, 0, 1);
  dbl("scoring.fan_author_share", &s.fan_author_share, 0, 1);
  u32("scoring.fan_created_spread_s", &s.fan_created_spread_s, 0, 4e9);
  u32("scoring.evidence_targets", &s.evidence_targets, 0, 1e6);
  return v;
}

using simdjson::dom::element;
using simdjson::dom::element_type;

Status SetLeaf(const Leaf& leaf, element value, const std::string& file) {
  auto bad = [&](const std::string& why) {
    return Status::Config(fmt::format("{}: {}: {}", file, leaf.path, why));
  };
  switch (leaf.kind) {
    case LeafKind::kBool: {
      if (value.type() != element_type::BOOL) return bad("expected true or false");
      *static_cast<bool*>(leaf.field) = value.get_bool().value();
      return Status::Ok();
    }
    case LeafKind::kRepostKey: {
      if (value.type() != element_type::STRING) return bad("expected \"direct\" or \"root\"");
      std::string_view s = value.get_string().value();
      if (s == "direct") *static_cast<RepostKey*>(leaf.field) = RepostKey::kDirect;
      else if (s == "root") *static_cast<RepostKey*>(leaf.field) = RepostKey::kRoot;
      else return bad("expected \"direct\" or \"root\"");
      return Status::Ok();
    }
    default: break;
  }
  double d;
  if (value.type() == element_type::INT64) d = static_cast<double>(value.get_int64().value());
  else if (value.type() == element_type::UINT64) d = static_cast<double>(value.get_uint64().value());
  else if (value.type() == element_type::DOUBLE) d = value.get_double().value();
  else return bad("expected a number");
  if (!std::isfinite(d) || d < leaf.min || d > leaf.max)
    return bad(fmt::format("{} is out of range [{}, {}]", d, leaf.min, leaf.max));
  if (leaf.kind == LeafKind::kDouble) {
    *static_cast<double*>(leaf.field) = d;
    return Status::Ok();
  }
  if (d != std::floor(d)) return bad(fmt::format("{} is not a whole number", d));
  if (leaf.kind == LeafKind::kU32) *static_cast<uint32_t*>(leaf.field) = static_cast<uint32_t>(d);
  else *static_cast<uint64_t*>(leaf.field) = static_cast<uint64_t>(d);
  return Status::Ok();
}

Status Walk(element obj, const std::string& prefix, const std::vector<Leaf>& leaves,
            const std::string& file) {
  simdjson::dom::object fields = obj.get_object().value();
  for (auto [key, value] : fields) {
    std::string path = prefix + std::string(key);
    if (value.type() == element_type::OBJECT) {
      bool is_branch = false;
      for (const Leaf& l : leaves)
        if (l.path.size() > path.size() && l.path.compare(0, path.size() + 1, path + ".") == 0)
          is_branch = true;
      if (!is_branch) return Status::Config(fmt::format("{}: {}: unknown key", file, path));
      SLUICE_RETURN_IF_ERROR(Walk(value, path + ".", leaves, file));
      continue;
    }
    const Leaf* leaf = nullptr;
    bool is_branch = false;
    for (const Leaf& l : leaves) {
      if (l.path == path) leaf = &l;
      if (l.path.size() > path.size() && l.path.compare(0, path.size() + 1, path + ".") == 0)
        is_branch = true;
    }
    if (is_branch) return Status::Config(fmt::format("{}: {}: expected an object", file, path));
    if (leaf == nullptr) return Status::Config(fmt::format("{}: {}: unknown key", file, path));
    SLUICE_RETURN_IF_ERROR(SetLeaf(*leaf, value, file));
  }
  return Status::Ok();
}

std::string LeafJson(const Leaf& l) {
  switch (l.kind) {
    case LeafKind::kU32: return std::to_string(*static_cast<const uint32_t*>(l.field));
    case LeafKind::kU64: return std::to_string(*static_cast<const uint64_t*>(l.field));
    case LeafKind::kBool: return *static_cast<const bool*>(l.field) ? "true" : "false";
    case LeafKind::kRepostKey:
      return *static_cast<const RepostKey*>(l.field) == RepostKey::kRoot ? "\"root\"" : "\"direct\"";
    case LeafKind::kDouble: {
      std::string s;
      AppendJsonNumber(&s, *static_cast<const double*>(l.field));
      return s;
    }
  }
  return "null";
}

}  // namespace

CoordConfig DefaultCoordConfig() {
  CoordConfig c;
  for (NetworkConfig& n : c.networks) n = NetworkConfig{};
  return c;
}

Status ApplyCoordConfigJson(std::string_view json, const std::string& path, CoordConfig* config) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element root;
  if (auto err = parser.parse(padded).get(root); err)
    return Status::Config(fmt::format("{}: not valid JSON: {}", path, simdjson::error_message(err)));
  if (root.type() != element_type::OBJECT)
    return Status::Config(fmt::format("{}: expected a JSON object", path));
  CoordConfig copy = *config;  // a bad file changes nothing
  SLUICE_RETURN_IF_ERROR(Walk(root, "", Leaves(&copy), path));
  if (copy.farm.max_accounts < copy.farm.min_accounts)
    return Status::Config(fmt::format(
        "{}: device_farm.max_accounts: must be at least device_farm.min_accounts", path));
  *config = copy;
  return Status::Ok();
}

Status ApplyCoordConfigFile(const std::string& path, CoordConfig* config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ApplyCoordConfigJson(ss.str(), path, config);
}

std::string CoordConfigToJson(const CoordConfig& config) {
  CoordConfig copy = config;
  std::vector<Leaf> leaves = Leaves(&copy);
  // Leaves are grouped by prefix in table order, so objects open and close as the path changes.
  std::string out = "{";
  std::vector<std::string> open;  // the current nesting
  bool first = true;
  for (const Leaf& l : leaves) {
    std::vector<std::string> parts;
    size_t b = 0;
    for (size_t e; (e = l.path.find('.', b)) != std::string::npos; b = e + 1)
      parts.push_back(l.path.substr(b, e - b));
    std::string name = l.path.substr(b);
    size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) ++common;
    while (open.size() > common) {
      out += '\n';
      out.append(2 * open.size(), ' ');
      out += '}';
      open.pop_back();
      first = false;
    }
    for (size_t i = common; i < parts.size(); ++i) {
      out += first ? "\n" : ",\n";
      out.append(2 * (open.size() + 1), ' ');
      out += fmt::format("\"{}\": {{", parts[i]);
      open.push_back(parts[i]);
      first = true;
    }
    out += first ? "\n" : ",\n";
    out.append(2 * (open.size() + 1), ' ');
    out += fmt::format("\"{}\": {}", name, LeafJson(l));
    first = false;
  }
  while (!open.empty()) {
    out += '\n';
    out.append(2 * open.size(), ' ');
    out += '}';
    open.pop_back();
  }
  out += "\n}\n";
  return out;
}

std::string_view NetworkTypeName(NetworkType t) { return kNetworkTypeNames[static_cast<size_t>(t)]; }

bool ParseNetworkType(std::string_view s, NetworkType* out) {
  for (int t = 0; t < kNetworkTypeCount; ++t)
    if (kNetworkTypeNames[t] == s) {
      *out = static_cast<NetworkType>(t);
      return true;
    }
  return false;
}

}  // namespace sluice::coord
