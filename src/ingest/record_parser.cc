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
  uint32_t ok = 0;             // keys whose slot is kOk; set by Finish
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
    return Has(key) ? std::optional<std::string_view>(slots[key].str) : std::nullopt;
  }
  bool Has(int key) const { return ok & (1u << key); }

  // Checks the fields read (the keys in `seen`) against the record type and fills *out.
  bool Finish(uint32_t seen, Record* out, Rejection* why);
};

RecordParser::RecordParser() : fields_(std::make_unique<FieldReader>(this)) {
#ifdef SIMDJSON_THREADS_ENABLED
  fast_parser_.threaded = false;  // ingest has its own threads
#endif
}

RecordParser::~RecordParser() = default;

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
  FieldReader& fr = *fields_;
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
  return fr.Finish(seen, out, why);
}

bool FieldReader::Finish(uint32_t seen, Record* out, Rejection* why) {
  FieldReader& fr = *this;
  // Which keys hold a good value, and which a bad one; the common case (all good) is decided on
  // these masks, and only a failing check walks the keys for its reason.
  uint32_t bad = 0;
  ok = 0;
  for (uint32_t rest = seen; rest != 0; rest &= rest - 1) {
    const int k = __builtin_ctz(rest);
    if (fr.slots[k].state == Slot::kOk) ok |= 1u << k;
    else if (fr.slots[k].state != Slot::kAbsent) bad |= 1u << k;
  }
  bool absent_marked = false;
  auto mark_absent = [&] {
    if (absent_marked) return;
    absent_marked = true;
    for (int k = 0; k < kKeyCount; ++k)
      if ((seen & (1u << k)) == 0) fr.slots[k].state = Slot::kAbsent;
  };

  // The record type decides which fields are required.
  if ((seen & (1u << kType)) == 0 || fr.slots[kType].state == Slot::kAbsent) {
    why->reason = RejectReason::kMissingField;
    why->detail = "missing field 'type'";
    return false;
  }
  const Slot& type = fr.slots[kType];
  if (type.state != Slot::kOk) {
    fr.Check(kType, true, why);
    return false;
  }
  auto req = [&](std::initializer_list<int> keys) {
    uint32_t m = 0;
    for (int k : keys) m |= 1u << k;
    if ((ok & m) == m) return true;
    mark_absent();
    for (int k : keys)
      if (!fr.Check(k, true, why)) return false;
    return true;
  };
  auto opt = [&](std::initializer_list<int> keys) {
    uint32_t m = 0;
    for (int k : keys) m |= 1u << k;
    if ((bad & m) == 0) return true;
    mark_absent();
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
    a.followers = fr.Has(kFollowers) ? std::optional<int64_t>(s[kFollowers].num) : std::nullopt;
    a.following = fr.Has(kFollowing) ? std::optional<int64_t>(s[kFollowing].num) : std::nullopt;
    a.verified = fr.Has(kVerified) ? std::optional<bool>(s[kVerified].flag) : std::nullopt;
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
    c.published = fr.Has(kPublished) ? std::optional<UnixSeconds>(s[kPublished].num)
                                                   : std::nullopt;
    return true;
  }
  why->reason = RejectReason::kUnknownType;
  why->detail = "unknown record type '" + std::string(type.str.substr(0, 64)) +
                "' (expected account, post, engagement or claim)";
  return false;
}

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr size_t kLongestKey = 10;  // "created_at"

// Ids and tokens are short, where a call to memchr costs more than the loop.
// Where `c` is among the 8 bytes of `x` (bit 7 of each such byte set), by the classic
// has-zero-byte test on x ^ c. It may also flag a byte just above a true match, never one below
// it, so the lowest flag is exact.
inline uint64_t ByteMatches(uint64_t x, char c) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  x ^= kOnes * static_cast<uint8_t>(c);
  return (x - kOnes) & ~x & kHighs;
}

// Ids and tokens are short, where a call to memchr costs more than this. The last word may
// read up to 7 bytes past `s`: the callers' strings lie in a batch, which has simdjson's
// padding after its last line, and the bytes past `s` are masked off.
bool HasBackslash(std::string_view s) {
  if (s.size() > 64) return std::memchr(s.data(), '\\', s.size()) != nullptr;
  size_t i = 0;
  uint64_t x;
  for (; i + 8 <= s.size(); i += 8) {
    std::memcpy(&x, s.data() + i, 8);
    if (ByteMatches(x, '\\')) return true;
  }
  if (i == s.size()) return false;
  std::memcpy(&x, s.data() + i, 8);
  return (ByteMatches(x, '\\') & ((uint64_t{1} << (8 * (s.size() - i))) - 1)) != 0;
}

// The bytes between the quotes of a string token, as On-Demand's raw_json_token gives it: from
// the opening quote up to the next token. Only whitespace can follow the closing quote there
// (anything else starts a token of its own), so the string ends at the token's last quote.
bool StringContent(std::string_view token, std::string_view* content) {
  if (token.empty() || token[0] != '"') return false;
  size_t end = token.size();
  while (end > 1 && IsJsonSpace(token[end - 1])) --end;
  if (end < 2 || token[end - 1] != '"') return false;
  *content = token.substr(1, end - 2);
  return true;
}

// The length of a raw object key (up to its closing quote), or more than kLongestKey when it is
// longer than every known key. Reads 16 bytes from `key`, which lies in a padded batch.
size_t KeyLength(const char* key) {
  uint64_t lo, hi;
  std::memcpy(&lo, key, 8);
  std::memcpy(&hi, key + 8, 8);
  if (uint64_t m = ByteMatches(lo, '"')) return __builtin_ctzll(m) / 8;
  if (uint64_t m = ByteMatches(hi, '"')) return 8 + __builtin_ctzll(m) / 8;
  return 16;
}

}  // namespace

// The fast path reads a document of the stream the way FieldReader reads a DOM element, into the
// same slots, and hands them to the same Finish; but it only ever sets a slot to kOk or kAbsent.
// Whatever Finish would turn into a reject, and whatever shape it does not read itself, is left
// to the DOM parser (kDefer), so rejects keep one source of reasons. It trusts, from simdjson's
// first stage, that the input is valid UTF-8, that strings are closed and hold no raw control
// characters; it checks everything else it accepts: every value is read by a validating getter
// or is a string token whose escapes it unescapes itself, and (in ParseBatch) that the object is
// the whole line.
RecordParser::Fast RecordParser::FastRecord(simdjson::ondemand::document_reference doc,
                                            Record* out) {
  namespace od = simdjson::ondemand;
  id_text_used_ = 0;
  FieldReader& fr = *fields_;
  out->post.urls.clear();
  out->post.hashtags.clear();
  out->post.mentions.clear();
  uint8_t* unescaped = unescaped_.get();
  // A string's text: the input bytes when it has no escapes, else unescaped into unescaped_.
  // The value is always consumed: one left for the object to skip would be taken for a key
  // when a colon follows it (simdjson's skip does that), and `{"a":"b":"c"}` would pass.
  auto text = [&](od::value& v, std::string_view token, std::string_view* str) {
    std::string_view content;
    od::raw_json_string raw;
    if (!StringContent(token, &content) || v.get_raw_json_string().get(raw) != simdjson::SUCCESS)
      return false;
    if (!HasBackslash(content)) {
      *str = content;
      return true;
    }
    return fast_parser_.unescape(raw, unescaped).get(*str) == simdjson::SUCCESS;
  };
  od::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return Fast::kStop;
  uint32_t seen = 0;
  for (auto field_result : obj) {
    od::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) return Fast::kStop;
    // A key is compared raw: one with escapes matches no known key and is deferred as unknown.
    const char* key = reinterpret_cast<const char*>(field.key().raw());
    const size_t key_size = KeyLength(key);
    if (key_size > kLongestKey) return Fast::kDefer;
    int k = LookupKey(std::string_view(key, key_size));
    if (k < 0 || (seen & (1u << k))) return Fast::kDefer;  // unknown or repeated
    seen |= 1u << k;
    Slot& slot = fr.slots[k];
    od::value v = field.value();
    std::string_view token = v.raw_json_token();
    if (token.empty()) return Fast::kStop;
    const char first = token[0];
    if (first == 'n') {  // null counts as absent, as in FromElement
      bool is_null = false;
      if (v.is_null().get(is_null) != simdjson::SUCCESS || !is_null) return Fast::kStop;
      slot.state = Slot::kAbsent;
      continue;
    }
    slot.state = Slot::kOk;
    const bool number = first == '-' || (first >= '0' && first <= '9');
    switch (kKeys[k].shape) {
      case Shape::kString:
        if (!text(v, token, &slot.str)) return Fast::kDefer;
        if (k != kText && k != kSource && slot.str.size() > kMaxIdBytes) return Fast::kDefer;
        break;
      case Shape::kId:
        if (number) {
          int64_t n;
          if (v.get_int64().get(n) != simdjson::SUCCESS) return Fast::kStop;
          std::string& id = id_text_[id_text_used_++ % id_text_.size()];
          id = std::to_string(n);
          slot.str = id;
          break;
        }
        if (!text(v, token, &slot.str) || slot.str.empty() || slot.str.size() > kMaxIdBytes)
          return Fast::kDefer;
        break;
      case Shape::kTime: {
        if (number) {
          // Integers only: FromElement floors a float, which this path leaves to it.
          if (token.find_first_of(".eE") != std::string_view::npos) return Fast::kDefer;
          int64_t n;
          if (v.get_int64().get(n) != simdjson::SUCCESS) return Fast::kStop;
          if (n < kMinTime || n > kMaxTime) return Fast::kDefer;
          slot.num = n;
          break;
        }
        std::string_view str;
        if (!text(v, token, &str)) return Fast::kDefer;
        std::optional<UnixSeconds> t = ParseRfc3339(str);
        if (!t) return Fast::kDefer;
        slot.num = *t;
        break;
      }
      case Shape::kCount:
        if (!number || first == '-' || token.find_first_of(".eE") != std::string_view::npos)
          return Fast::kDefer;
        if (v.get_int64().get(slot.num) != simdjson::SUCCESS) return Fast::kStop;
        break;
      case Shape::kBool:
        if (first != 't' && first != 'f') return Fast::kDefer;
        if (v.get_bool().get(slot.flag) != simdjson::SUCCESS) return Fast::kStop;
        break;
      case Shape::kStringList: {
        if (first != '[') return Fast::kDefer;
        std::vector<std::string_view>* list = k == kUrls       ? &out->post.urls
                                              : k == kHashtags ? &out->post.hashtags
                                                               : &out->post.mentions;
        od::array arr;
        if (v.get_array().get(arr) != simdjson::SUCCESS) return Fast::kStop;
        for (auto item_result : arr) {
          od::value item;
          if (std::move(item_result).get(item) != simdjson::SUCCESS) return Fast::kStop;
          std::string_view str;
          if (!text(item, item.raw_json_token(), &str) || str.size() > kMaxTermBytes) return Fast::kDefer;
          list->push_back(str);
        }
        break;
      }
    }
  }
  Rejection why;
  return fr.Finish(seen, out, &why) ? Fast::kAccepted : Fast::kDefer;
}

// A run's bytes: enough lines that simdjson's per-call costs vanish, few enough that a bad line
// sends only a short tail of its run to the slower line-by-line path.
constexpr size_t kRunBytes = 64 << 10;
// The stream parser's window never shrinks below this, so its buffers are allocated once. A
// window at least as long as the run also makes the stream read the run as its final part, so
// it never holds back a trailing partial document.
constexpr size_t kMinWindow = 128 << 10;

void RecordParser::ParseBatch(const char* buf, const LineSpan* lines, size_t n, BatchSink* sink) {
  auto by_dom = [&](size_t k) {
    std::string_view line(buf + lines[k].offset, lines[k].length);
    if (Parse(line, simdjson::SIMDJSON_PADDING, &batch_record_, &batch_why_)) sink->Accepted(k, batch_record_);
    else sink->Rejected(k, batch_why_);
  };
  size_t i = 0;
  while (i < n) {
    const size_t begin = lines[i].offset;
    size_t j = i + 1;
    while (j < n && lines[j - 1].offset + lines[j - 1].length - begin < kRunBytes) ++j;
    const size_t len = lines[j - 1].offset + lines[j - 1].length - begin;
    // Unescaped strings are never longer than their line; unescape needs padding after them.
    if (unescaped_capacity_ < len + simdjson::SIMDJSON_PADDING) {
      unescaped_capacity_ = std::max(len, kMinWindow) + simdjson::SIMDJSON_PADDING;
      unescaped_.reset(new uint8_t[unescaped_capacity_]);
    }
    size_t k = i;  // the next line of the run to report
    simdjson::ondemand::document_stream stream;
    if (fast_parser_.iterate_many(buf + begin, len, std::max(len, kMinWindow)).get(stream) ==
        simdjson::SUCCESS) {
      for (auto it = stream.begin(); it != stream.end() && k < j; ++it) {
        // The document must start where line k does, with its brace ...
        const size_t at = begin + it.current_index();
        if (at != lines[k].offset || buf[at] != '{') break;
        simdjson::ondemand::document_reference doc;
        if ((*it).get(doc) != simdjson::SUCCESS) break;
        Fast got = FastRecord(doc, &batch_record_);
        if (got == Fast::kAccepted) {
          // ... and end with it: the next token is the next line's first, or, after the run's
          // last line, the stream is over. Otherwise the line has trailing bytes. The end of
          // the stream's input needs three checks: no token follows; nothing was dropped (the
          // stream drops a trailing partial document or unclosed string without an error;
          // truncated_bytes() tells); and no document follows (an incomplete UTF-8 sequence
          // as the input's last bytes is no token, but comes back as one more document, in
          // error).
          simdjson::simdjson_result<const char*> next = doc.current_location();
          if (k + 1 < j) {
            if (next.error() != simdjson::SUCCESS || next.value_unsafe() != buf + lines[k + 1].offset)
              break;
          } else {
            if (next.error() != simdjson::OUT_OF_BOUNDS || stream.truncated_bytes() != 0) break;
            if (++it != stream.end()) break;  // the run's last line: the loop ends here anyway
          }
          sink->Accepted(k, batch_record_);
        } else {
          by_dom(k);
          if (got == Fast::kStop) {
            ++k;
            break;
          }
        }
        ++k;
      }
    }
    for (; k < j; ++k) by_dom(k);
    i = j;
  }
}

}  // namespace sluice
