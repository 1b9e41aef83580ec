#include "eval/label_file.h"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "ingest/line_reader.h"

namespace sluice::eval {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// A findings line carries its evidence, which can be long; a line past this is not a finding
// but a broken file.
constexpr size_t kMaxLineBytes = size_t{16} << 20;

enum Key : int {
  kSubjectKey, kIdKey, kLabelKey, kClaimKey, kGroupKey, kTacticKey, kEditsKey, kHardNegativeKey,
  kConfounderKey, kSpansKey, kScoreKey, kSignalsKey, kOriginatorKey, kKeyCount
};
constexpr std::string_view kKeyNames[kKeyCount] = {
    "subject", "id", "label", "claim", "group", "tactic", "edits", "hard_negative",
    "confounder", "spans", "score", "signals", "originator"};

int LookupKey(std::string_view k) {
  for (int i = 0; i < kKeyCount; ++i)
    if (kKeyNames[i] == k) return i;
  return -1;
}

std::string Quoted(std::string_view s) {
  return fmt::format("'{}{}'", s.substr(0, 64), s.size() > 64 ? "…" : "");
}

Status WrongType(std::string_view key, std::string_view what) {
  return Status::InvalidInput(fmt::format("'{}' must be {}", key, what));
}

bool IsNumber(element_type t) {
  return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

// An id: a non-empty string, or an integer kept as its decimal text.
Status ReadId(std::string_view key, element v, std::string* out) {
  switch (v.type()) {
    case element_type::STRING:
      *out = std::string(v.get_string().value_unsafe());
      if (out->empty()) return Status::InvalidInput(fmt::format("'{}' is empty", key));
      return Status::Ok();
    case element_type::INT64: *out = std::to_string(v.get_int64().value_unsafe()); return Status::Ok();
    case element_type::UINT64: *out = std::to_string(v.get_uint64().value_unsafe()); return Status::Ok();
    default: return WrongType(key, "a string or an integer");
  }
}

template <typename E, size_t N>
Status ReadName(std::string_view key, element v, const std::array<std::string_view, N>& names,
                E* out) {
  if (v.type() != element_type::STRING) return WrongType(key, "a string");
  std::string_view s = v.get_string().value_unsafe();
  std::optional<uint8_t> i = LookupName(names, s);
  if (!i)
    return Status::InvalidInput(
        fmt::format("unknown {} {} (expected {})", key, Quoted(s), NameList(names)));
  *out = static_cast<E>(*i);
  return Status::Ok();
}

Status ReadEdits(element v, std::vector<EditKind>* out) {
  if (v.type() != element_type::ARRAY) return WrongType("edits", "an array of edit kinds");
  simdjson::dom::array arr = v.get_array().value_unsafe();
  for (element e : arr) {
    EditKind k;
    SLUICE_RETURN_IF_ERROR(ReadName("edit kind", e, kEditKindNames, &k));
    out->push_back(k);
  }
  return Status::Ok();
}

// No text is 2^40 code points long; the bound also keeps sums over many subjects from wrapping.
constexpr int64_t kMaxOffset = int64_t{1} << 40;

bool ReadOffset(element v, int64_t* out) {
  if (v.type() != element_type::INT64) return false;
  *out = v.get_int64().value_unsafe();
  return *out >= 0 && *out <= kMaxOffset;
}

Status ReadSpans(element v, std::vector<Span>* out) {
  const char* shape = "an array of [start, end] pairs of integers from 0 to 2^40";
  if (v.type() != element_type::ARRAY) return WrongType("spans", shape);
  simdjson::dom::array arr = v.get_array().value_unsafe();
  for (element e : arr) {
    if (e.type() != element_type::ARRAY) return WrongType("spans", shape);
    simdjson::dom::array pair = e.get_array().value_unsafe();
    if (pair.size() != 2) return WrongType("spans", shape);
    Span s;
    if (!ReadOffset(pair.at(0).value_unsafe(), &s.first) ||
        !ReadOffset(pair.at(1).value_unsafe(), &s.second))
      return WrongType("spans", shape);
    if (s.first > s.second)
      return Status::InvalidInput(
          fmt::format("span [{}, {}] ends before it starts", s.first, s.second));
    out->push_back(s);
  }
  return Status::Ok();
}

Status CheckScore(element v) {
  if (!IsNumber(v.type())) return WrongType("score", "a number");
  return Status::Ok();
}

Status CheckSignals(element v) {
  if (v.type() != element_type::ARRAY)
    return WrongType("signals", "an array of {name, weight, evidence} objects");
  simdjson::dom::array arr = v.get_array().value_unsafe();
  size_t n = 0;
  for (element sig : arr) {
    ++n;
    std::string at = fmt::format("signal {}", n);
    if (sig.type() != element_type::OBJECT) return Status::InvalidInput(at + " is not an object");
    simdjson::dom::object obj = sig.get_object().value_unsafe();
    element name, weight, evidence;
    if (obj["name"].get(name) != simdjson::SUCCESS || name.type() != element_type::STRING ||
        name.get_string().value_unsafe().empty())
      return Status::InvalidInput(at + " needs 'name', a non-empty string");
    if (obj["weight"].get(weight) != simdjson::SUCCESS || !IsNumber(weight.type()))
      return Status::InvalidInput(at + " needs 'weight', a number");
    if (obj["evidence"].get(evidence) != simdjson::SUCCESS ||
        evidence.type() != element_type::OBJECT)
      return Status::InvalidInput(at + " needs 'evidence', an object");
  }
  if (n == 0)
    return Status::InvalidInput("'signals' is empty: a finding must say which signals fired");
  return Status::Ok();
}

}  // namespace

Status LabelLineParser::Parse(std::string_view bytes, size_t padding, LabelLine* out) {
  element doc;
  auto err = padding >= simdjson::SIMDJSON_PADDING
                 ? parser_.parse(bytes.data(), bytes.size(), false).get(doc)
                 : parser_.parse(bytes.data(), bytes.size(), true).get(doc);
  if (err != simdjson::SUCCESS)
    return Status::InvalidInput(std::string("not valid JSON: ") + simdjson::error_message(err));
  if (doc.type() != element_type::OBJECT)
    return Status::InvalidInput("a line must hold one JSON object");

  element fields[kKeyCount];
  uint32_t seen = 0;
  simdjson::dom::object obj = doc.get_object().value_unsafe();
  for (auto field : obj) {
    int k = LookupKey(field.key);
    if (k < 0) continue;  // keys outside the contract are allowed and ignored
    if (seen & (1u << k))
      return Status::InvalidInput(fmt::format("key '{}' appears twice", field.key));
    if (field.value.type() == element_type::NULL_VALUE) continue;
    seen |= 1u << k;
    fields[k] = field.value;
  }
  auto has = [&](int k) { return (seen & (1u << k)) != 0; };
  for (int k : {kSubjectKey, kIdKey, kLabelKey})
    if (!has(k)) return Status::InvalidInput(fmt::format("missing key '{}'", kKeyNames[k]));

  *out = LabelLine{};
  SLUICE_RETURN_IF_ERROR(ReadName("subject", fields[kSubjectKey], kSubjectNames, &out->subject));
  SLUICE_RETURN_IF_ERROR(ReadId("id", fields[kIdKey], &out->id));
  SLUICE_RETURN_IF_ERROR(ReadName("label", fields[kLabelKey], kLabelNames, &out->label));
  if (has(kClaimKey)) {
    std::string claim;
    SLUICE_RETURN_IF_ERROR(ReadId("claim", fields[kClaimKey], &claim));
    out->claim = std::move(claim);
  }
  if (has(kGroupKey)) {
    std::string group;  // checked for shape; eval does not score groups
    SLUICE_RETURN_IF_ERROR(ReadId("group", fields[kGroupKey], &group));
  }
  if (has(kTacticKey)) {
    Tactic t;
    SLUICE_RETURN_IF_ERROR(ReadName("tactic", fields[kTacticKey], kTacticNames, &t));
    out->tactic = t;
  }
  if (has(kEditsKey)) SLUICE_RETURN_IF_ERROR(ReadEdits(fields[kEditsKey], &out->edits));
  if (has(kHardNegativeKey)) {
    HardNegative h;
    SLUICE_RETURN_IF_ERROR(
        ReadName("hard_negative", fields[kHardNegativeKey], kHardNegativeNames, &h));
    out->hard_negative = h;
  }
  if (has(kConfounderKey)) {
    Confounder c;
    SLUICE_RETURN_IF_ERROR(ReadName("confounder", fields[kConfounderKey], kConfounderNames, &c));
    out->confounder = c;
  }
  if (has(kSpansKey)) SLUICE_RETURN_IF_ERROR(ReadSpans(fields[kSpansKey], &out->spans));
  if (has(kOriginatorKey)) {
    std::string account;
    SLUICE_RETURN_IF_ERROR(ReadId("originator", fields[kOriginatorKey], &account));
    out->originator = std::move(account);
  }
  if (kind_ == LabelFileKind::kFindings) {
    if (!has(kScoreKey)) return Status::InvalidInput("missing key 'score'");
    SLUICE_RETURN_IF_ERROR(CheckScore(fields[kScoreKey]));
    if (!has(kSignalsKey)) return Status::InvalidInput("missing key 'signals'");
    SLUICE_RETURN_IF_ERROR(CheckSignals(fields[kSignalsKey]));
  }
  return Status::Ok();
}

namespace {
bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}
}  // namespace

Status ReadLabelFile(const std::string& path, LabelFileKind kind,
                     const std::function<Status(const LabelLine&)>& each, LabelFileStats* stats) {
  Result<std::unique_ptr<LineReader>> opened = LineReader::Open(path, kMaxLineBytes);
  if (!opened.ok()) return opened.status();
  LineReader& reader = *opened.value();
  LabelLineParser parser(kind);
  LabelLine rec;
  Line line;
  *stats = LabelFileStats{};
  for (;;) {
    Result<bool> more = reader.Next(&line);
    if (!more.ok()) return more.status();
    if (!more.value()) break;
    ++stats->lines;
    auto fail = [&](std::string_view why) {
      return Status::InvalidInput(fmt::format("{}:{}: {}", path, line.number, why));
    };
    if (line.too_long)
      return fail(fmt::format("line of {} bytes is over the limit of {}", line.full_length,
                              kMaxLineBytes));
    if (IsBlank(line.bytes)) continue;
    Status st = parser.Parse(line.bytes, LineReader::kPadding, &rec);
    if (!st.ok()) return fail(st.message());
    rec.line = line.number;
    ++stats->records;
    st = each(rec);
    if (!st.ok()) return fail(st.message());
  }
  return Status::Ok();
}

}  // namespace sluice::eval
