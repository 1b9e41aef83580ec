#include "report/report_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "core/json_writer.h"
#include "core/utf8.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;
using simdjson::dom::element_type;

// Copies out of the simdjson_result: iterating `x.get_array().value_unsafe()` directly would
// walk a reference into a temporary. REQUIRES: `e` has the type asked for.
simdjson::dom::array ArrayOf(element e) {
  auto r = e.get_array();
  return r.value_unsafe();
}
simdjson::dom::object ObjectOf(element e) {
  auto r = e.get_object();
  return r.value_unsafe();
}

// Writes `v` as JSON with every array cut to `limit` items; an object member whose array was cut
// gains "<key>_total". A cluster's "timeline" is kept whole: it is the chart's series.
void AppendTrimmed(std::string* out, element v, size_t limit) {
  if (v.type() == element_type::OBJECT) {
    *out += "{";
    bool first = true;
    std::set<std::string> keys;
    for (auto f : ObjectOf(v)) keys.emplace(f.key);
    for (auto f : ObjectOf(v)) {
      if (!first) *out += ",";
      first = false;
      AppendJsonString(out, f.key);
      *out += ":";
      size_t lim = f.key == "timeline" ? SIZE_MAX : limit;
      AppendTrimmed(out, f.value, lim);
      if (f.value.type() == element_type::ARRAY) {
        size_t n = ArrayOf(f.value).size();
        std::string total = fmt::format("{}_total", f.key);
        if (n > lim && keys.count(total) == 0) {
          *out += ",";
          AppendJsonString(out, total);
          *out += fmt::format(":{}", n);
        }
      }
    }
    *out += "}";
  } else if (v.type() == element_type::ARRAY) {
    *out += "[";
    size_t i = 0;
    for (element e : ArrayOf(v)) {
      if (i == limit) break;
      if (i++) *out += ",";
      AppendTrimmed(out, e, limit);
    }
    *out += "]";
  } else {
    *out += simdjson::minify(v);
  }
}

std::string_view Str(element obj, const char* key) {
  std::string_view s;
  if (obj[key].get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

double Num(element obj, const char* key) {
  double d = 0;
  element e;
  if (obj[key].get(e) != simdjson::SUCCESS) return 0;
  if (e.get_double().get(d) == simdjson::SUCCESS) return d;
  int64_t i = 0;
  if (e.get_int64().get(i) == simdjson::SUCCESS) return static_cast<double>(i);
  uint64_t u = 0;
  if (e.get_uint64().get(u) == simdjson::SUCCESS) return static_cast<double>(u);
  return 0;
}

// Calls fn(line number, parsed object) for each non-blank line; the first bad line is the error.
template <typename Fn>
Status ForEachLine(const std::string& path, Fn fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  simdjson::dom::parser parser;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    element doc;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS || doc.type() != element_type::OBJECT)
      return Status::InvalidInput(fmt::format("{}:{}: not a JSON object", path, n));
    SLUICE_RETURN_IF_ERROR(fn(n, doc));
  }
  return Status::Ok();
}

struct ClaimRow {
  uint64_t posts = 0;
  std::set<std::string> accounts;
  std::map<std::string, uint64_t> platforms;
  double reach_accounts = 0, reposts = 0, engagement = 0, max_score = 0;
  std::vector<std::string> sample;
};

struct SpamRow {
  std::string subject, id, platform, account;
  double score = 0;
  uint64_t spans = 0;
  std::vector<std::string> signals;
};

void AppendStringList(std::string* out, const std::vector<std::string>& v) {
  *out += "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) *out += ",";
    AppendJsonString(out, v[i]);
  }
  *out += "]";
}

}  // namespace

Result<std::string> ReportDataJson(const std::string& dir, const ReportLimits& limits) {
  const std::string summary_path = (fs::path(dir) / "summary.json").string();
  const std::string findings_path = (fs::path(dir) / "findings.jsonl").string();
  const std::string groups_path = (fs::path(dir) / "groups.jsonl").string();
  const std::string clusters_path = (fs::path(dir) / "clusters.jsonl").string();
  std::error_code ec;
  for (const std::string& p : {summary_path, findings_path})
    if (!fs::is_regular_file(p, ec))
      return Status::NotFound(p + ": no such file (is " + dir + " the output of sluice scan?)");

  std::string out = "{\"summary\":";
  {
    simdjson::dom::parser parser;
    element doc;
    simdjson::padded_string text;
    if (simdjson::padded_string::load(summary_path).get(text) != simdjson::SUCCESS)
      return Status::IoError(summary_path + ": cannot read");
    if (parser.parse(text).get(doc) != simdjson::SUCCESS || doc.type() != element_type::OBJECT)
      return Status::InvalidInput(summary_path + ": not a JSON object");
    out += simdjson::minify(doc);
  }

  // Narratives: clusters.jsonl is sorted by rank, so the first lines are the top ones.
  out += ",\"narratives\":[";
  bool have_clusters = fs::is_regular_file(clusters_path, ec);
  if (have_clusters) {
    size_t kept = 0;
    std::ifstream in(clusters_path, std::ios::binary);
    if (!in) return Status::IoError(clusters_path + ": cannot read");
    simdjson::dom::parser parser;
    std::string line;
    for (uint64_t n = 1; kept < limits.narratives && std::getline(in, line); ++n) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      element doc;
      if (parser.parse(line).get(doc) != simdjson::SUCCESS || doc.type() != element_type::OBJECT)
        return Status::InvalidInput(fmt::format("{}:{}: not a JSON object", clusters_path, n));
      if (Str(doc, "id").empty())
        return Status::InvalidInput(fmt::format("{}:{}: missing 'id'", clusters_path, n));
      if (kept++) out += ",";
      AppendTrimmed(&out, doc, limits.list);
    }
  }
  out += "]";

  // Groups: the highest scores first; file order breaks ties.
  out += ",\"groups\":[";
  bool have_groups = fs::is_regular_file(groups_path, ec);
  if (have_groups) {
    std::vector<std::tuple<double, uint64_t, std::string>> top;
    Status st = ForEachLine(groups_path, [&](uint64_t n, element doc) {
      if (Str(doc, "group").empty())
        return Status::InvalidInput(fmt::format("{}:{}: missing 'group'", groups_path, n));
      std::string text;
      AppendTrimmed(&text, doc, limits.list);
      top.emplace_back(-Num(doc, "score"), n, std::move(text));
      if (top.size() > 4 * limits.groups + 64) {
        std::sort(top.begin(), top.end());
        top.resize(limits.groups);
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    std::sort(top.begin(), top.end());
    for (size_t i = 0; i < top.size() && i < limits.groups; ++i) {
      if (i) out += ",";
      out += std::get<2>(top[i]);
    }
  }
  out += "]";

  std::map<std::string, ClaimRow> claims;
  std::vector<SpamRow> spam;
  std::map<std::string, std::map<std::string, uint64_t>> platforms;
  std::map<std::string, uint64_t> signals;
  Status st = ForEachLine(findings_path, [&](uint64_t n, element doc) {
    std::string_view label = Str(doc, "label"), id = Str(doc, "id"), subject = Str(doc, "subject");
    if (label.empty() || id.empty() || subject.empty())
      return Status::InvalidInput(fmt::format("{}:{}: missing 'subject', 'id' or 'label'", findings_path, n));
    std::string platform(Str(doc, "platform"));
    ++platforms[platform.empty() ? "unknown" : platform][std::string(label)];
    std::vector<std::string> names;
    element sigs;
    if (doc["signals"].get(sigs) == simdjson::SUCCESS && sigs.type() == element_type::ARRAY)
      for (element s : ArrayOf(sigs)) {
        std::string_view name = Str(s, "name");
        if (name.empty()) continue;
        ++signals[std::string(name)];
        names.emplace_back(name);
      }
    double score = Num(doc, "score");
    element reach;
    bool has_reach = doc["reach"].get(reach) == simdjson::SUCCESS;
    if (label == "rumor") {
      std::string_view claim = Str(doc, "claim");
      ClaimRow& r = claims[claim.empty() ? std::string("(none)") : std::string(claim)];
      ++r.posts;
      std::string_view account = Str(doc, "account");
      if (!account.empty()) r.accounts.emplace(account);
      ++r.platforms[platform.empty() ? "unknown" : platform];
      if (has_reach) {
        r.reach_accounts += Num(reach, "accounts");
        r.reposts += Num(reach, "reposts");
        r.engagement += Num(reach, "engagement");
      }
      r.max_score = std::max(r.max_score, score);
      if (r.sample.size() < 5) r.sample.emplace_back(id);
    } else if (label == "spam") {
      SpamRow r{std::string(subject), std::string(id), platform, std::string(Str(doc, "account")),
                score, 0, std::move(names)};
      element spans;
      if (doc["spans"].get(spans) == simdjson::SUCCESS && spans.type() == element_type::ARRAY)
        r.spans = ArrayOf(spans).size();
      spam.push_back(std::move(r));
      auto worse = [](const SpamRow& a, const SpamRow& b) {
        return std::tie(b.score, a.subject, a.id) < std::tie(a.score, b.subject, b.id);
      };
      if (spam.size() > 4 * limits.rows + 64) {
        std::sort(spam.begin(), spam.end(), worse);
        spam.resize(limits.rows);
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;

  std::vector<std::pair<std::string, const ClaimRow*>> claim_rows;
  for (const auto& [claim, r] : claims) claim_rows.emplace_back(claim, &r);
  std::stable_sort(claim_rows.begin(), claim_rows.end(),
                   [](const auto& a, const auto& b) { return a.second->posts > b.second->posts; });
  out += ",\"rumor\":[";
  for (size_t i = 0; i < claim_rows.size() && i < limits.rows; ++i) {
    const ClaimRow& r = *claim_rows[i].second;
    if (i) out += ",";
    out += "{\"claim\":";
    AppendJsonString(&out, claim_rows[i].first);
    out += fmt::format(",\"posts\":{},\"accounts\":{},\"platforms\":{{", r.posts, r.accounts.size());
    bool first = true;
    for (const auto& [p, k] : r.platforms) {
      if (!first) out += ",";
      first = false;
      AppendJsonString(&out, p);
      out += fmt::format(":{}", k);
    }
    out += "},\"reach\":{\"accounts\":";
    AppendJsonNumber(&out, r.reach_accounts);
    out += ",\"reposts\":";
    AppendJsonNumber(&out, r.reposts);
    out += ",\"engagement\":";
    AppendJsonNumber(&out, r.engagement);
    out += "},\"max_score\":";
    AppendJsonNumber(&out, r.max_score);
    out += ",\"sample\":";
    AppendStringList(&out, r.sample);
    out += "}";
  }
  out += "]";

  std::sort(spam.begin(), spam.end(), [](const SpamRow& a, const SpamRow& b) {
    return std::tie(b.score, a.subject, a.id) < std::tie(a.score, b.subject, b.id);
  });
  out += ",\"spam\":[";
  for (size_t i = 0; i < spam.size() && i < limits.rows; ++i) {
    const SpamRow& r = spam[i];
    if (i) out += ",";
    out += "{\"subject\":";
    AppendJsonString(&out, r.subject);
    out += ",\"id\":";
    AppendJsonString(&out, r.id);
    out += ",\"score\":";
    AppendJsonNumber(&out, r.score);
    out += ",\"platform\":";
    AppendJsonString(&out, r.platform);
    out += ",\"account\":";
    AppendJsonString(&out, r.account);
    out += fmt::format(",\"spans\":{},\"signals\":", r.spans);
    AppendStringList(&out, r.signals);
    out += "}";
  }
  out += "]";

  out += ",\"platforms\":{";
  bool first = true;
  for (const auto& [p, labels] : platforms) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(&out, p);
    out += ":{";
    bool f2 = true;
    for (const auto& [label, k] : labels) {
      if (!f2) out += ",";
      f2 = false;
      AppendJsonString(&out, label);
      out += fmt::format(":{}", k);
    }
    out += "}";
  }
  out += "},\"signals\":{";
  first = true;
  for (const auto& [name, k] : signals) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(&out, name);
    out += fmt::format(":{}", k);
  }
  out += fmt::format("}},\"sources\":{{\"clusters\":{},\"groups\":{}}}}}", have_clusters, have_groups);
  return out;
}

}  // namespace sluice
