#include "ingest/ced_import.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "ingest/line_reader.h"
#include "world/interner.h"

namespace sluice {

namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

constexpr UnixSeconds kBeijingOffset = 8 * 3600;

}  // namespace

std::optional<UnixSeconds> ParseWeiboApiTime(std::string_view s) {
  // "Tue Sep 11 19:23:20 +0800 2012"
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  static constexpr std::string_view kDays = "MonTueWedThuFriSatSun";
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' ||
      s[25] != ' ')
    return std::nullopt;
  size_t day = kDays.find(s.substr(0, 3));
  size_t month = kMonths.find(s.substr(4, 3));
  if (day == std::string_view::npos || day % 3 != 0 || month == std::string_view::npos ||
      month % 3 != 0)
    return std::nullopt;
  if (!Digits(s, 8, 2) || (s[20] != '+' && s[20] != '-') || !Digits(s, 21, 4) || !Digits(s, 26, 4))
    return std::nullopt;
  std::string rfc = fmt::format("{}-{:02}-{}T{}{}{}:{}", s.substr(26, 4), month / 3 + 1,
                                s.substr(8, 2), s.substr(11, 8), s[20], s.substr(21, 2),
                                s.substr(23, 2));
  return ParseRfc3339(rfc);
}

std::optional<UnixSeconds> ParseBeijingTime(std::string_view s) {
  // "2012-09-16 15:05:11"
  if (s.size() != 19 || s[10] != ' ') return std::nullopt;
  return ParseRfc3339(std::string(s) + "+08:00");
}

std::optional<UnixSeconds> ParseBeijingTimeWithoutYear(std::string_view s, UnixSeconds not_before) {
  // "09月16日 15:05": 月 and 日 are three bytes each in UTF-8.
  static constexpr std::string_view kMonth = "\xE6\x9C\x88", kDay = "\xE6\x97\xA5";
  if (s.size() != 16 || !Digits(s, 0, 2) || s.substr(2, 3) != kMonth || !Digits(s, 5, 2) ||
      s.substr(7, 3) != kDay || s[10] != ' ' || !Digits(s, 11, 2) || s[13] != ':' ||
      !Digits(s, 14, 2))
    return std::nullopt;
  int first_year = std::stoi(FormatRfc3339(not_before + kBeijingOffset).substr(0, 4));
  for (int year = first_year; year <= first_year + 1; ++year) {
    std::optional<UnixSeconds> t = ParseRfc3339(fmt::format(
        "{:04}-{}-{}T{}:00+08:00", year, s.substr(0, 2), s.substr(5, 2), s.substr(11, 5)));
    if (t && *t >= not_before) return t;
  }
  return std::nullopt;
}

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

struct Account {
  bool profile = false;
  UnixSeconds created_at = 0;
  std::optional<int64_t> followers, following;
  std::optional<bool> verified;
};

// Field access on one parsed line, failing with a Rejection the way ingest does.
class Fields {
 public:
  Fields(simdjson::dom::object obj, Rejection* why) : obj_(obj), why_(why) {}

  // The field's element, or false when it is absent or null.
  bool Get(std::string_view key, element* out) const {
    return obj_[key].get(*out) == simdjson::SUCCESS && out->type() != element_type::NULL_VALUE;
  }
  bool Missing(std::string_view key) const {
    return Fail(RejectReason::kMissingField, fmt::format("missing field '{}'", key));
  }
  bool WrongType(std::string_view key, std::string_view what) const {
    return Fail(RejectReason::kWrongFieldType, fmt::format("field '{}' must be {}", key, what));
  }
  bool Fail(RejectReason r, std::string detail) const {
    why_->reason = r;
    why_->detail = std::move(detail);
    return false;
  }

  // A non-empty string or an integer, as text.
  bool Id(std::string_view key, std::string* out) const {
    element v;
    if (!Get(key, &v)) return Missing(key);
    return IdOf(key, v, out);
  }
  bool IdOf(std::string_view key, element v, std::string* out) const {
    switch (v.type()) {
      case element_type::STRING:
        *out = std::string(v.get_string().value_unsafe());
        if (out->empty())
          return Fail(RejectReason::kBadValue, fmt::format("field '{}' is empty", key));
        return true;
      case element_type::INT64: *out = std::to_string(v.get_int64().value_unsafe()); return true;
      case element_type::UINT64: *out = std::to_string(v.get_uint64().value_unsafe()); return true;
      default: return WrongType(key, "a string or an integer id");
    }
  }
  // A string; absent or null reads as "" when `required` is false.
  bool String(std::string_view key, bool required, std::string_view* out) const {
    element v;
    if (!Get(key, &v)) {
      *out = {};
      return required ? Missing(key) : true;
    }
    if (v.type() != element_type::STRING) return WrongType(key, "a string");
    *out = v.get_string().value_unsafe();
    return true;
  }

 private:
  simdjson::dom::object obj_;
  Rejection* why_;
};

bool Count(const Fields& f, simdjson::dom::object user, std::string_view key,
           std::optional<int64_t>* out) {
  element v;
  if (user[key].get(v) != simdjson::SUCCESS || v.type() == element_type::NULL_VALUE) return true;
  if (v.type() != element_type::INT64 || v.get_int64().value_unsafe() < 0)
    return f.WrongType(fmt::format("user.{}", key), "a non-negative integer");
  *out = v.get_int64().value_unsafe();
  return true;
}

bool UnixTime(element v, UnixSeconds* out) {
  if (v.type() != element_type::INT64) return false;
  int64_t t = v.get_int64().value_unsafe();
  if (t < kMinTime || t > kMaxTime) return false;
  *out = t;
  return true;
}

class CedImporter {
 public:
  CedImporter(const CedImportOptions& o, OutputStream* events, OutputStream* truth,
              RejectSink* rejects, CedImportStats* stats)
      : opt_(o), events_(events), truth_(truth), rejects_(rejects), st_(stats) {}

  Status Run(const std::string& dir) {
    SLUICE_RETURN_IF_ERROR(ReadFile(dir + "/originals.jsonl.zst", true));
    SLUICE_RETURN_IF_ERROR(ReadFile(dir + "/reposts.jsonl.zst", false));
    SLUICE_RETURN_IF_ERROR(WriteAccounts());
    return Flush();
  }

 private:
  Status ReadFile(const std::string& path, bool sources) {
    Result<std::unique_ptr<LineReader>> opened = LineReader::Open(path, opt_.max_line_bytes);
    if (!opened.ok()) return opened.status();
    LineReader& reader = *opened.value();
    Line line;
    Rejection why;
    for (;;) {
      Result<bool> more = reader.Next(&line);
      if (!more.ok()) return more.status();
      if (!more.value()) break;
      ++(sources ? st_->source_lines : st_->repost_lines);
      bool ok;
      if (line.too_long) {
        ok = Reject(RejectReason::kLineTooLong,
                    fmt::format("line of {} bytes is over the limit of {}", line.full_length,
                                opt_.max_line_bytes),
                    &why);
      } else if (line.bytes.find_first_not_of(" \t\r") == std::string_view::npos) {
        continue;  // a blank line holds no record
      } else {
        ok = sources ? Source(line, &why) : Repost(line, &why);
      }
      if (!ok) SLUICE_RETURN_IF_ERROR(rejects_->Add(path, line.number, why, line.bytes, line.full_length));
      if (buf_.size() >= (1 << 20)) SLUICE_RETURN_IF_ERROR(Flush());
    }
    return Status::Ok();
  }

  static bool Reject(RejectReason r, std::string detail, Rejection* why) {
    why->reason = r;
    why->detail = std::move(detail);
    return false;
  }

  // Parses the line into an object, or fills *why.
  bool Object(const Line& line, simdjson::dom::object* out, Rejection* why) {
    element doc;
    auto err = parser_.parse(line.bytes.data(), line.bytes.size(),
                             LineReader::kPadding < simdjson::SIMDJSON_PADDING)
                   .get(doc);
    if (err == simdjson::UTF8_ERROR)
      return Reject(RejectReason::kInvalidUtf8, "the line is not well-formed UTF-8", why);
    if (err != simdjson::SUCCESS)
      return Reject(RejectReason::kInvalidJson,
                    std::string("not valid JSON: ") + simdjson::error_message(err), why);
    if (doc.type() != element_type::OBJECT)
      return Reject(RejectReason::kNotAnObject, "a record must be a JSON object", why);
    *out = doc.get_object().value_unsafe();
    return true;
  }

  // Claims `mid` for the line, or fills *why when an earlier line holds it.
  bool NewMid(const std::string& mid, bool source, uint64_t line, UnixSeconds time, Rejection* why) {
    bool added;
    uint32_t i = mids_.Intern(mid, &added);
    if (!added)
      return Reject(RejectReason::kDuplicateId,
                    fmt::format("mid '{}' already seen at {} line {}", mid,
                                mid_is_source_[i] ? "originals" : "reposts", mid_line_[i]),
                    why);
    mid_line_.push_back(line);
    mid_is_source_.push_back(source);
    mid_time_.push_back(time);
    return true;
  }

  Account& AccountOf(const std::string& uid) {
    bool added;
    uint32_t i = uids_.Intern(uid, &added);
    if (added) accounts_.emplace_back();
    return accounts_[i];
  }

  bool Source(const Line& line, Rejection* why) {
    simdjson::dom::object obj;
    if (!Object(line, &obj, why)) return false;
    Fields f(obj, why);
    std::string mid, uid;
    std::string_view text, label;
    if (!f.Id("mid", &mid) || !f.Id("uid", &uid) || !f.String("text", true, &text) ||
        !f.String("label", false, &label))
      return false;
    if (!label.empty() && label != "rumor" && label != "nonrumor")
      return f.Fail(RejectReason::kBadValue, "field 'label' must be rumor or nonrumor");
    element v;
    UnixSeconds time = 0;
    if (!f.Get("time", &v)) return f.Missing("time");
    if (v.type() == element_type::STRING) {
      std::optional<UnixSeconds> t = ParseWeiboApiTime(v.get_string().value_unsafe());
      if (!t) return f.Fail(RejectReason::kBadTime, "field 'time' is not a time CED uses");
      time = *t;
    } else if (!UnixTime(v, &time)) {
      return f.Fail(RejectReason::kBadTime,
                    "field 'time' is not Unix seconds between 1970 and 2100");
    }
    // A user object gives the author's profile; CED writes the string "empty" when it has none.
    Account profile;
    element user;
    if (f.Get("user", &user)) {
      if (user.type() == element_type::OBJECT) {
        simdjson::dom::object u = user.get_object().value_unsafe();
        profile.profile = true;
        element t;
        if (u["time"].get(t) == simdjson::SUCCESS && t.type() != element_type::NULL_VALUE &&
            !UnixTime(t, &profile.created_at))
          return f.Fail(RejectReason::kBadTime,
                        "field 'user.time' is not Unix seconds between 1970 and 2100");
        if (!Count(f, u, "followers", &profile.followers) ||
            !Count(f, u, "friends", &profile.following))
          return false;
        element ver;
        if (u["verified"].get(ver) == simdjson::SUCCESS && ver.type() != element_type::NULL_VALUE) {
          if (ver.type() != element_type::BOOL) return f.WrongType("user.verified", "true or false");
          profile.verified = ver.get_bool().value_unsafe();
        }
      } else if (user.type() != element_type::STRING || user.get_string().value_unsafe() != "empty") {
        return f.WrongType("user", "an object or \"empty\"");
      }
    }
    if (!NewMid(mid, true, line.number, time, why)) return false;

    buf_ += "{\"type\":\"post\",\"id\":";
    AppendJsonString(&buf_, mid);
    buf_ += ",\"account\":";
    AppendJsonString(&buf_, uid);
    buf_ += fmt::format(",\"time\":{},\"text\":", time);
    AppendJsonString(&buf_, text);
    buf_ += ",\"platform\":";
    AppendJsonString(&buf_, opt_.platform);
    buf_ += "}\n";
    ++st_->source_posts;

    Account& a = AccountOf(uid);
    if (profile.profile && !a.profile) a = profile;  // the first profile in file order is kept

    if (!label.empty()) {
      ++(label == "rumor" ? st_->rumor_sources : st_->nonrumor_sources);
      if (truth_ != nullptr) {
        truth_buf_ += "{\"subject\":\"post\",\"id\":";
        AppendJsonString(&truth_buf_, mid);
        truth_buf_ += label == "rumor" ? ",\"label\":\"rumor\"}\n" : ",\"label\":\"organic\"}\n";
      }
    }
    return true;
  }

  bool Repost(const Line& line, Rejection* why) {
    simdjson::dom::object obj;
    if (!Object(line, &obj, why)) return false;
    Fields f(obj, why);
    std::string root, mid, uid, parent;
    std::string_view text, date;
    if (!f.Id("root", &root) || !f.Id("mid", &mid) || !f.Id("uid", &uid) ||
        !f.String("text", false, &text) || !f.String("date", true, &date))
      return false;
    element p;
    if (f.Get("parent", &p) && !(p.type() == element_type::STRING && p.get_string().value_unsafe().empty()) &&
        !f.IdOf("parent", p, &parent))
      return false;
    uint32_t root_i = mids_.Find(root);
    bool root_known = root_i != kNone && mid_is_source_[root_i];
    std::optional<UnixSeconds> time = ParseBeijingTime(date);
    bool without_year = false;
    if (!time && root_known) {
      time = ParseBeijingTimeWithoutYear(date, mid_time_[root_i]);
      without_year = time.has_value();
    }
    if (!time)
      return f.Fail(RejectReason::kBadTime,
                    root_known ? "field 'date' is not \"YYYY-MM-DD HH:MM:SS\" or \"MM月DD日 HH:MM\""
                               : "field 'date' is not \"YYYY-MM-DD HH:MM:SS\" (a date without a "
                                 "year needs a known root)");
    if (!NewMid(mid, false, line.number, *time, why)) return false;
    st_->dates_without_year += without_year;
    if (root_known && *time < mid_time_[root_i]) ++st_->reposts_before_source;

    const std::string& target = parent.empty() ? root : parent;
    buf_ += "{\"type\":\"post\",\"id\":";
    AppendJsonString(&buf_, mid);
    buf_ += ",\"account\":";
    AppendJsonString(&buf_, uid);
    buf_ += fmt::format(",\"time\":{},\"text\":", *time);
    AppendJsonString(&buf_, text);
    buf_ += ",\"platform\":";
    AppendJsonString(&buf_, opt_.platform);
    buf_ += ",\"repost_of\":";
    AppendJsonString(&buf_, target);
    buf_ += "}\n{\"type\":\"engagement\",\"account\":";
    AppendJsonString(&buf_, uid);
    buf_ += ",\"target\":";
    AppendJsonString(&buf_, target);
    buf_ += fmt::format(",\"kind\":\"repost\",\"time\":{}}}\n", *time);
    ++st_->reposts;
    AccountOf(uid);
    return true;
  }

  Status WriteAccounts() {
    std::vector<uint32_t> order(uids_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return uids_.Get(a) < uids_.Get(b); });
    for (uint32_t i : order) {
      const Account& a = accounts_[i];
      buf_ += "{\"type\":\"account\",\"id\":";
      AppendJsonString(&buf_, uids_.Get(i));
      buf_ += ",\"platform\":";
      AppendJsonString(&buf_, opt_.platform);
      buf_ += fmt::format(",\"created_at\":{}", a.created_at);
      if (a.followers) buf_ += fmt::format(",\"followers\":{}", *a.followers);
      if (a.following) buf_ += fmt::format(",\"following\":{}", *a.following);
      if (a.verified) buf_ += *a.verified ? ",\"verified\":true" : ",\"verified\":false";
      buf_ += "}\n";
      ++st_->accounts;
      st_->accounts_with_profile += a.profile;
      if (buf_.size() >= (1 << 20)) SLUICE_RETURN_IF_ERROR(Flush());
    }
    return Status::Ok();
  }

  Status Flush() {
    st_->bytes_out += buf_.size();
    SLUICE_RETURN_IF_ERROR(events_->Write(buf_));
    buf_.clear();
    if (truth_ != nullptr && !truth_buf_.empty()) {
      SLUICE_RETURN_IF_ERROR(truth_->Write(truth_buf_));
      truth_buf_.clear();
    }
    return Status::Ok();
  }

  const CedImportOptions& opt_;
  OutputStream* events_;
  OutputStream* truth_;
  RejectSink* rejects_;
  CedImportStats* st_;
  simdjson::dom::parser parser_;
  std::string buf_, truth_buf_;
  Interner mids_;
  std::vector<uint64_t> mid_line_;
  std::vector<uint8_t> mid_is_source_;
  std::vector<UnixSeconds> mid_time_;
  Interner uids_;
  std::vector<Account> accounts_;
};

}  // namespace

Status ImportCed(const std::string& dir, const CedImportOptions& options, OutputStream* events,
                 OutputStream* truth, RejectSink* rejects, CedImportStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  *stats = CedImportStats{};
  CedImporter importer(options, events, truth, rejects, stats);
  Status st = importer.Run(dir);
  stats->rejected = rejects->total();
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

}  // namespace sluice
