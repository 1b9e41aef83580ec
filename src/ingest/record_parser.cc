#include "ingest/record_parser.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace sluice {

std::string_view RecordTypeName(RecordType t) {
  switch (t) {
    case RecordType::kAccount: return "account";
    case RecordType::kPost: return "post";
    case RecordType::kEngagement: return "engagement";
    case RecordType::kClaim: return "claim";
  }
  return "?";
}

std::string_view EngagementKindName(EngagementKind k) {
  switch (k) {
    case EngagementKind::kLike: return "like";
    case EngagementKind::kRepost: return "repost";
    case EngagementKind::kComment: return "comment";
    case EngagementKind::kReview: return "review";
    case EngagementKind::kFollow: return "follow";
  }
  return "?";
}

std::optional<EngagementKind> ParseEngagementKind(std::string_view s) {
  if (s == "like") return EngagementKind::kLike;
  if (s == "repost") return EngagementKind::kRepost;
  if (s == "comment") return EngagementKind::kComment;
  if (s == "review") return EngagementKind::kReview;
  if (s == "follow") return EngagementKind::kFollow;
  return std::nullopt;
}

std::string_view RejectReasonName(RejectReason r) {
  switch (r) {
    case RejectReason::kInvalidJson: return "invalid_json";
    case RejectReason::kInvalidUtf8: return "invalid_utf8";
    case RejectReason::kLineTooLong: return "line_too_long";
    case RejectReason::kNotAnObject: return "not_an_object";
    case RejectReason::kUnknownType: return "unknown_type";
    case RejectReason::kMissingField: return "missing_field";
    case RejectReason::kWrongFieldType: return "wrong_field_type";
    case RejectReason::kBadTime: return "bad_time";
    case RejectReason::kBadValue: return "bad_value";
    case RejectReason::kDuplicateField: return "duplicate_field";
    case RejectReason::kDuplicateId: return "duplicate_id";
  }
  return "?";
}

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Every key schema v1 knows, across all record types.
enum Key : int {
  kType, kId, kPlatform, kCreatedAt, kFollowers, kFollowing, kVerified, kDevice, kIp, kName,
  kAccount, kTime, kText, kRepostOf, kReplyTo, kUrls, kHashtags, kMentions, kTarget, kKind,
  kVerdict, kSource, kPublished, kKeyCount
};
enum class Shape : uint8_t { kString, kId, kTime, kCount, kBool, kStringList };

struct KeyInfo {
  std::string_view name;
  Shape shape;
};
constexpr KeyInfo kKeys[kKeyCount] = {
    {"type", Shape::kString},      {"id", Shape::kId},
    {"platform", Shape::kString},  {"created_at", Shape::kTime},
    {"followers", Shape::kCount},  {"following", Shape::kCount},
    {"verified", Shape::kBool},    {"device", Shape::kString},
    {"ip", Shape::kString},        {"name", Shape::kString},
    {"account", Shape::kId},       {"time", Shape::kTime},
    {"text", Shape::kString},      {"repost_of", Shape::kId},
    {"reply_to", Shape::kId},      {"urls", Shape::kStringList},
    {"hashtags", Shape::kStringList}, {"mentions", Shape::kStringList},
    {"target", Shape::kId},        {"kind", Shape::kString},
    {"verdict", Shape::kString},   {"source", Shape::kString},
    {"published", Shape::kTime},
};

// A name of known length compares as one or two register loads, where a loop over kKeys spent
// a memcmp call per same-length candidate on every field of every line.
template <size_t N>
bool Is(std::string_view k, const char (&name)[N]) {
  return std::memcmp(k.data(), name, N - 1) == 0;
}

int LookupKey(std::string_view k) {
  switch (k.size()) {
    case 2:
      if (Is(k, "id")) return kId;
      if (Is(k, "ip")) return kIp;
      break;
    case 4:
      if (Is(k, "type")) return kType;
      if (Is(k, "time")) return kTime;
      if (Is(k, "text")) return kText;
      if (Is(k, "name")) return kName;
      if (Is(k, "urls")) return kUrls;
      if (Is(k, "kind")) return kKind;
      break;
    case 6:
      if (Is(k, "target")) return kTarget;
      if (Is(k, "device")) return kDevice;
      if (Is(k, "source")) return kSource;
      break;
    case 7:
      if (Is(k, "account")) return kAccount;
      if (Is(k, "verdict")) return kVerdict;
      break;
    case 8:
      if (Is(k, "platform")) return kPlatform;
      if (Is(k, "verified")) return kVerified;
      if (Is(k, "reply_to")) return kReplyTo;
      if (Is(k, "hashtags")) return kHashtags;
      if (Is(k, "mentions")) return kMentions;
      break;
    case 9:
      if (Is(k, "repost_of")) return kRepostOf;
      if (Is(k, "followers")) return kFollowers;
      if (Is(k, "following")) return kFollowing;
      if (Is(k, "published")) return kPublished;
      break;
    case 10:
      if (Is(k, "created_at")) return kCreatedAt;
      break;
  }
  return -1;
}

// What was read for one key of the line.
// Left uninitialized on purpose (zeroing every slot for every line was a tenth of parsing): Parse
// sets `state` of each slot, and a value only ever follows state kOk.
struct Slot {
  enum State : uint8_t { kAbsent, kOk, kWrongType, kBadTime, kBadValue } state;
  std::string_view str;
  int64_t num;
  bool flag;
};

// Ids, names and tokens are interned or hashed: no real one is this long, and the bound keeps
// the interner's 24-bit length field safe whatever the line limit.
constexpr size_t kMaxIdBytes = 4096;
constexpr size_t kMaxTermBytes = 65536;  // URLs, hashtags, mentions

const char* ShapeName(Shape s) {
  switch (s) {
    case Shape::kString: return "a string";
    case Shape::kId: return "a string or integer id";
    case Shape::kTime: return "an RFC 3339 string or Unix seconds";
    case Shape::kCount: return "a non-negative integer";
    case Shape::kBool: return "true or false";
    case Shape::kStringList: return "an array of strings";
  }
  return "?";
}

}  // namespace

// Reads fields into slots; lives in the .cc so the parser's header stays small.
struct FieldReader {
  explicit FieldReader(RecordParser* parser) : self(parser) {}

  RecordParser* self;
  Slot slots[kKeyCount];
  PostRecord* post = nullptr;  // where the list fields go

  void Read(int key, element v) {
    Slot& s = slots[key];
    element_type t = v.type();
    if (t == element_type::NULL_VALUE) {
      s.state = Slot::kAbsent;
      return;
    }
    s.state = Slot::kOk;
    switch (kKeys[key].shape) {
      case Shape::kString:
        if (t != element_type::STRING) break;
        s.str = v.get_string().value_unsafe();
        if (key != kText && key != kSource && s.str.size() > kMaxIdBytes) s.state = Slot::kBadValue;
        return;
      case Shape::kId:
        if (t == element_type::STRING) {
          s.str = v.get_string().value_unsafe();
          if (s.str.empty() || s.str.size() > kMaxIdBytes) s.state = Slot::kBadValue;
          return;
        }
        if (t == element_type::INT64 || t == element_type::UINT64) {
          std::string& text = self->id_text_[self->id_text_used_++ % self->id_text_.size()];
          text = t == element_type::INT64 ? std::to_string(v.get_int64().value_unsafe())
                                          : std::to_string(v.get_uint64().value_unsafe());
          s.str = text;
          return;
        }
        break;  // floats, booleans, arrays and objects are not ids
      case Shape::kTime: {
        double d;
        if (t == element_type::STRING) {
          std::string_view str = v.get_string().value_unsafe();
          std::optional<UnixSeconds> ts = ParseRfc3339(str);
          if (!ts) s.state = Slot::kBadTime;
          else s.num = *ts;
          return;
        }
        if (t == element_type::INT64) d = static_cast<double>(v.get_int64().value_unsafe());
        else if (t == element_type::UINT64) d = static_cast<double>(v.get_uint64().value_unsafe());
        else if (t == element_type::DOUBLE) d = v.get_double().value_unsafe();
        else break;
        if (!(d >= kMinTime && d <= kMaxTime)) s.state = Slot::kBadTime;
        else s.num = static_cast<int64_t>(std::floor(d));
        return;
      }
      case Shape::kCount:
        if (t == element_type::INT64) {
          s.num = v.get_int64().value_unsafe();
          if (s.num < 0) s.state = Slot::kBadValue;
          return;
        }
        if (t == element_type::UINT64) {  // above INT64_MAX: no real follower count
          s.state = Slot::kBadValue;
          return;
        }
        break;
      case Shape::kBool:
        if (t != element_type::BOOL) break;
        s.flag = v.get_bool().value_unsafe();
        return;
      case Shape::kStringList: {
        if (t != element_type::ARRAY) break;
        std::vector<std::string_view>* out = key == kUrls       ? &post->urls
                                             : key == kHashtags ? &post->hashtags
                                                                : &post->mentions;
        simdjson::dom::array arr = v.get_array().value_unsafe();  // a copy: see the loop below
        for (element e : arr) {
          if (e.type() != element_type::STRING) {
            s.state = Slot::kWrongType;
            return;
          }
          std::string_view item = e.get_string().value_unsafe();
          if (item.size() > kMaxTermBytes) {
            s.state = Slot::kBadValue;
            return;
          }
          out->push_back(item);
        }
        return;
      }
    }
    s.state = Slot::kWrongType;
  }

  static bool Malformed(Rejection* why) {
    why->reason = RejectReason::kInvalidJson;
    why->detail = "malformed JSON value";
    return false;
  }

  // Checks one field for the record type at hand. Returns false and fills *why on failure.
  bool Check(int key, bool required, Rejection* why) const {
    const Slot& s = slots[key];
    std::string_view name = kKeys[key].name;
    switch (s.state) {
      case Slot::kAbsent:
        if (!required) return true;
        why->reason = RejectReason::kMissingField;
        why->detail = "missing field '" + std::string(name) + "'";
        return false;
      case Slot::kOk:
        return true;
      case Slot::kWrongType:
        why->reason = RejectReason::kWrongFieldType;
        why->detail = "field '" + std::string(name) + "' must be " + ShapeName(kKeys[key].shape);
        return false;
      case Slot::kBadTime:
        why->reason = RejectReason::kBadTime;
        why->detail = "field '" + std::string(name) +
                      "' is not an RFC 3339 time or Unix seconds between 1970 and 2100";
        return false;
      case Slot::kBadValue:
        why->reason = RejectReason::kBadValue;
        why->detail = "field '" + std::string(name) + "' is empty, negative or too long";
        return false;
    }
    return true;
  }

  std::optional<std::string_view> Opt(int key) const {
    return slots[key].state == Slot::kOk ? std::optional<std::string_view>(slots[key].str)
                                         : std::nullopt;
  }
};

bool RecordParser::Parse(std::string_view line, size_t padding, Record* out, Rejection* why) {
  id_text_used_ = 0;
  element doc;
  auto err = padding >= simdjson::SIMDJSON_PADDING
                 ? parser_.parse(line.data(), line.size(), false).get(doc)
                 : parser_.parse(line.data(), line.size(), true).get(doc);
  if (err != simdjson::SUCCESS) {
    if (err == simdjson::UTF8_ERROR) {
      why->reason = RejectReason::kInvalidUtf8;
      why->detail = "the line is not well-formed UTF-8";
    } else {
      why->reason = RejectReason::kInvalidJson;
      why->detail = std::string("not valid JSON: ") + simdjson::error_message(err);
    }
    return false;
  }
  return FromElement(doc, out, why);
}

bool RecordParser::FromElement(element doc, Record* out, Rejection* why) {
  if (doc.type() != element_type::OBJECT) {
    why->reason = RejectReason::kNotAnObject;
    why->detail = "a record must be a JSON object";
    return false;
  }
  FieldReader fr(this);
  out->post.urls.clear();
  out->post.hashtags.clear();
  out->post.mentions.clear();
  fr.post = &out->post;
  uint32_t seen = 0;
  static_assert(kKeyCount <= 32);
  // Take the object by value: ranging over value_unsafe() of a temporary result would dangle.
  simdjson::dom::object obj = doc.get_object().value_unsafe();
  for (auto field : obj) {
    int k = LookupKey(field.key);
    if (k < 0) continue;  // unknown fields are allowed (forward compatibility)
    if (seen & (1u << k)) {
      why->reason = RejectReason::kDuplicateField;
      why->detail = "field '" + std::string(field.key) + "' appears twice";
      return false;
    }
    seen |= 1u << k;
    fr.Read(k, field.value);
  }
  for (int k = 0; k < kKeyCount; ++k)
    if ((seen & (1u << k)) == 0) fr.slots[k].state = Slot::kAbsent;

  // The record type decides which fields are required.
  const Slot& type = fr.slots[kType];
  if (type.state == Slot::kAbsent) {
    why->reason = RejectReason::kMissingField;
    why->detail = "missing field 'type'";
    return false;
  }
  if (type.state != Slot::kOk) {
    fr.Check(kType, true, why);
    return false;
  }
  auto req = [&](std::initializer_list<int> keys) {
    for (int k : keys)
      if (!fr.Check(k, true, why)) return false;
    return true;
  };
  auto opt = [&](std::initializer_list<int> keys) {
    for (int k : keys)
      if (!fr.Check(k, false, why)) return false;
    return true;
  };
  const Slot* s = fr.slots;
  if (type.str == "engagement") {
    if (!req({kAccount, kTarget, kKind, kTime}) || !opt({kDevice, kIp})) return false;
    std::optional<EngagementKind> kind = ParseEngagementKind(s[kKind].str);
    if (!kind) {
      why->reason = RejectReason::kBadValue;
      why->detail = "field 'kind' must be like, repost, comment, review or follow";
      return false;
    }
    out->type = RecordType::kEngagement;
    EngagementRecord& e = out->engagement;
    e.account = s[kAccount].str;
    e.target = s[kTarget].str;
    e.kind = *kind;
    e.time = s[kTime].num;
    e.device = fr.Opt(kDevice);
    e.ip = fr.Opt(kIp);
    return true;
  }
  if (type.str == "post") {
    if (!req({kId, kAccount, kTime, kText}) ||
        !opt({kPlatform, kRepostOf, kReplyTo, kUrls, kHashtags, kMentions, kDevice, kIp}))
      return false;
    if (out->post.urls.size() > 255 || out->post.hashtags.size() > 255 ||
        out->post.mentions.size() > 255) {  // the world counts each list in one byte
      why->reason = RejectReason::kBadValue;
      why->detail = "more than 255 urls, hashtags or mentions in one post";
      return false;
    }
    out->type = RecordType::kPost;
    PostRecord& p = out->post;
    p.id = s[kId].str;
    p.account = s[kAccount].str;
    p.time = s[kTime].num;
    p.text = s[kText].str;
    p.platform = fr.Opt(kPlatform);
    p.repost_of = fr.Opt(kRepostOf);
    p.reply_to = fr.Opt(kReplyTo);
    p.device = fr.Opt(kDevice);
    p.ip = fr.Opt(kIp);
    return true;
  }
  if (type.str == "account") {
    if (!req({kId, kPlatform, kCreatedAt}) ||
        !opt({kFollowers, kFollowing, kVerified, kDevice, kIp, kName}))
      return false;
    if (s[kPlatform].str.empty()) {
      why->reason = RejectReason::kBadValue;
      why->detail = "field 'platform' is empty";
      return false;
    }
    out->type = RecordType::kAccount;
    AccountRecord& a = out->account;
    a.id = s[kId].str;
    a.platform = s[kPlatform].str;
    a.created_at = s[kCreatedAt].num;
    a.followers = s[kFollowers].state == Slot::kOk ? std::optional<int64_t>(s[kFollowers].num) : std::nullopt;
    a.following = s[kFollowing].state == Slot::kOk ? std::optional<int64_t>(s[kFollowing].num) : std::nullopt;
    a.verified = s[kVerified].state == Slot::kOk ? std::optional<bool>(s[kVerified].flag) : std::nullopt;
    a.device = fr.Opt(kDevice);
    a.ip = fr.Opt(kIp);
    a.name = fr.Opt(kName);
    return true;
  }
  if (type.str == "claim") {
    if (!req({kId, kText}) || !opt({kVerdict, kSource, kPublished})) return false;
    out->type = RecordType::kClaim;
    ClaimRecord& c = out->claim;
    c.id = s[kId].str;
    c.text = s[kText].str;
    c.verdict = fr.Opt(kVerdict);
    c.source = fr.Opt(kSource);
    c.published = s[kPublished].state == Slot::kOk ? std::optional<UnixSeconds>(s[kPublished].num)
                                                   : std::nullopt;
    return true;
  }
  why->reason = RejectReason::kUnknownType;
  why->detail = "unknown record type '" + std::string(type.str.substr(0, 64)) +
                "' (expected account, post, engagement or claim)";
  return false;
}

// A run's bytes: enough lines that simdjson's per-call costs vanish, few enough that a bad line
// sends only a short tail of its run to the slower line-by-line path.
constexpr size_t kRunBytes = 64 << 10;
// The stream parser's window never shrinks below this, so its buffers are allocated once.
constexpr size_t kMinWindow = 128 << 10;

void RecordParser::ParseBatch(const char* buf, const LineSpan* lines, size_t n, BatchSink* sink) {
  size_t i = 0;
  while (i < n) {
    const size_t begin = lines[i].offset;
    size_t j = i + 1;
    while (j < n && lines[j - 1].offset + lines[j - 1].length - begin < kRunBytes) ++j;
    const size_t len = lines[j - 1].offset + lines[j - 1].length - begin;
    size_t k = i;  // the next line of the run to report
    simdjson::dom::document_stream stream;
    if (stream_parser_.parse_many(buf + begin, len, std::max(len, kMinWindow)).get(stream) ==
        simdjson::SUCCESS) {
      // A document is taken for line k only when it is exactly that line, braces included;
      // anything else (an error, a document spanning lines, two on one line, leading or trailing
      // bytes) ends the stream's part of the run.
      for (auto it = stream.begin(); it != stream.end() && k < j; ++it) {
        element doc;
        if ((*it).get(doc) != simdjson::SUCCESS) break;
        const size_t at = begin + it.current_index();
        if (at != lines[k].offset || buf[at] != '{' || it.source().size() != lines[k].length) break;
        id_text_used_ = 0;
        if (FromElement(doc, &batch_record_, &batch_why_)) sink->Accepted(k, batch_record_);
        else sink->Rejected(k, batch_why_);
        ++k;
      }
    }
    for (; k < j; ++k) {
      std::string_view line(buf + lines[k].offset, lines[k].length);
      if (Parse(line, simdjson::SIMDJSON_PADDING, &batch_record_, &batch_why_)) sink->Accepted(k, batch_record_);
      else sink->Rejected(k, batch_why_);
    }
    i = j;
  }
}

}  // namespace sluice
