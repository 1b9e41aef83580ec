#include "ingest/record_parser.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/code_points.h"

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
  switch (s.size()) {
    case 4:
      if (s == "like") return EngagementKind::kLike;
      break;
    case 6:
      if (s == "repost") return EngagementKind::kRepost;
      if (s == "review") return EngagementKind::kReview;
      if (s == "follow") return EngagementKind::kFollow;
      break;
    case 7:
      if (s == "comment") return EngagementKind::kComment;
      break;
  }
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

// Up to 8 bytes of a name as one little-endian word, so a key compares as one or two integer
// comparisons (a loop over kKeys spent a memcmp call per same-length candidate on every field of
// every line).
constexpr uint64_t Word(std::string_view s, size_t from = 0) {
  uint64_t w = 0;
  for (size_t i = from; i < s.size() && i < from + 8; ++i) w |= uint64_t{static_cast<uint8_t>(s[i])} << (8 * (i - from));
  return w;
}
// The first n (<= 8) bytes at p as a word, the rest zero. Reads 8 bytes.
inline uint64_t LoadWord(const char* p, size_t n) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return n >= 8 ? w : w & ((uint64_t{1} << (8 * n)) - 1);
}

// The key of schema v1 named `k`, or -1. REQUIRES: 16 bytes are readable at k.data().
int LookupKeyPadded(std::string_view k) {
  if (k.size() < 2 || k.size() > 10) return -1;
  const uint64_t w = LoadWord(k.data(), k.size());
  switch (k.size()) {
    case 2:
      if (w == Word("id")) return kId;
      if (w == Word("ip")) return kIp;
      break;
    case 4:
      switch (w) {
        case Word("type"): return kType;
        case Word("time"): return kTime;
        case Word("text"): return kText;
        case Word("name"): return kName;
        case Word("urls"): return kUrls;
        case Word("kind"): return kKind;
      }
      break;
    case 6:
      switch (w) {
        case Word("target"): return kTarget;
        case Word("device"): return kDevice;
        case Word("source"): return kSource;
      }
      break;
    case 7:
      if (w == Word("account")) return kAccount;
      if (w == Word("verdict")) return kVerdict;
      break;
    case 8:
      switch (w) {
        case Word("platform"): return kPlatform;
        case Word("verified"): return kVerified;
        case Word("reply_to"): return kReplyTo;
        case Word("hashtags"): return kHashtags;
        case Word("mentions"): return kMentions;
      }
      break;
    case 9: {
      const uint64_t tail = LoadWord(k.data() + 8, 1);
      if (w == Word("repost_of") && tail == Word("repost_of", 8)) return kRepostOf;
      if (w == Word("followers") && tail == Word("followers", 8)) return kFollowers;
      if (w == Word("following") && tail == Word("following", 8)) return kFollowing;
      if (w == Word("published") && tail == Word("published", 8)) return kPublished;
      break;
    }
    case 10:
      if (w == Word("created_at") && LoadWord(k.data() + 8, 2) == Word("created_at", 8)) return kCreatedAt;
      break;
  }
  return -1;
}

// The same for a key with no padding after it.
int LookupKey(std::string_view k) {
  if (k.size() < 2 || k.size() > 10) return -1;
  char padded[16] = {};
  std::memcpy(padded, k.data(), k.size());
  return LookupKeyPadded(std::string_view(padded, k.size()));
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

  // Sets *dst to the value of `key` when it holds a good one, else to nothing. In place: an
  // optional built and returned by value was copied through the stack in pieces, and reading
  // its flag's byte back as part of a word stalled the store forwarding on every record.
  template <typename T>
  void SetOpt(int key, T Slot::*member, std::optional<T>* dst) const {
    if (Has(key)) dst->emplace(slots[key].*member);
    else dst->reset();
  }
  bool Has(int key) const { return ok & (1u << key); }

  // Checks the fields read (the keys in `seen`) against the record type and fills *out.
  bool Finish(uint32_t seen, Record* out, Rejection* why);
  // The same, told which keys hold a good value (`good`) and which a bad one (`bad`), as a
  // reader that knows them already does without looking at every slot again.
  bool Finish(uint32_t seen, uint32_t good, uint32_t bad, Record* out, Rejection* why);
};

RecordParser::RecordParser() : fields_(std::make_unique<FieldReader>(this)) {}

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
  // Which keys hold a good value, and which a bad one; the common case (all good) is decided on
  // these masks, and only a failing check walks the keys for its reason.
  uint32_t good = 0, bad = 0;
  for (uint32_t rest = seen; rest != 0; rest &= rest - 1) {
    const int k = __builtin_ctz(rest);
    if (slots[k].state == Slot::kOk) good |= 1u << k;
    else if (slots[k].state != Slot::kAbsent) bad |= 1u << k;
  }
  return Finish(seen, good, bad, out, why);
}

bool FieldReader::Finish(uint32_t seen, uint32_t good, uint32_t bad, Record* out, Rejection* why) {
  FieldReader& fr = *this;
  ok = good;
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
    fr.SetOpt(kDevice, &Slot::str, &e.device);
    fr.SetOpt(kIp, &Slot::str, &e.ip);
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
    fr.SetOpt(kPlatform, &Slot::str, &p.platform);
    fr.SetOpt(kRepostOf, &Slot::str, &p.repost_of);
    fr.SetOpt(kReplyTo, &Slot::str, &p.reply_to);
    fr.SetOpt(kDevice, &Slot::str, &p.device);
    fr.SetOpt(kIp, &Slot::str, &p.ip);
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
    fr.SetOpt(kFollowers, &Slot::num, &a.followers);
    fr.SetOpt(kFollowing, &Slot::num, &a.following);
    fr.SetOpt(kVerified, &Slot::flag, &a.verified);
    fr.SetOpt(kDevice, &Slot::str, &a.device);
    fr.SetOpt(kIp, &Slot::str, &a.ip);
    fr.SetOpt(kName, &Slot::str, &a.name);
    return true;
  }
  if (type.str == "claim") {
    if (!req({kId, kText}) || !opt({kVerdict, kSource, kPublished})) return false;
    out->type = RecordType::kClaim;
    ClaimRecord& c = out->claim;
    c.id = s[kId].str;
    c.text = s[kText].str;
    fr.SetOpt(kVerdict, &Slot::str, &c.verdict);
    fr.SetOpt(kSource, &Slot::str, &c.source);
    fr.SetOpt(kPublished, &Slot::num, &c.published);
    return true;
  }
  why->reason = RejectReason::kUnknownType;
  why->detail = "unknown record type '" + std::string(type.str.substr(0, 64)) +
                "' (expected account, post, engagement or claim)";
  return false;
}

namespace {

// JSON whitespace that can occur inside a line.
inline bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }
inline const char* SkipSpace(const char* p) {
  while (IsLineSpace(*p)) ++p;
  return p;
}
// What may follow a number or a literal: whitespace, a separator or a closing bracket.
inline bool EndsValue(char c) {
  return c == ',' || c == '}' || c == ']' || c == '\n' || IsLineSpace(c);
}

constexpr size_t kLongestKey = 10;  // "created_at"

// Where `c` is among the 8 bytes of `x` (bit 7 of each such byte set), by the classic
// has-zero-byte test on x ^ c. It may also flag a byte just above a true match, never one below
// it, so the lowest flag is exact.
inline uint64_t ByteMatches(uint64_t x, char c) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  x ^= kOnes * static_cast<uint8_t>(c);
  return (x - kOnes) & ~x & kHighs;
}

// The length of a raw object key (up to its closing quote), or more than kLongestKey when it is
// longer than every known key. Reads 16 bytes from `key`; a quote found past the line's end
// makes a "key" holding the newline, which no known key matches.
size_t KeyLength(const char* key) {
  uint64_t lo, hi;
  std::memcpy(&lo, key, 8);
  std::memcpy(&hi, key + 8, 8);
  if (uint64_t m = ByteMatches(lo, '"')) return __builtin_ctzll(m) / 8;
  if (uint64_t m = ByteMatches(hi, '"')) return 8 + __builtin_ctzll(m) / 8;
  return 16;
}

// The first byte at or after `p` that ends the plain run of a JSON string: a quote, a backslash
// or a control character (raw ones are not allowed in JSON strings; the line's newline is one,
// so the scan never leaves the line). Reads 16 bytes at a time, up to 15 past that byte.
inline const char* StringStop(const char* p) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1F);
  for (;; p += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                                      _mm_cmpeq_epi8(_mm_min_epu8(x, control), x));
    if (const int bits = _mm_movemask_epi8(stop)) return p + __builtin_ctz(bits);
  }
#else
  while (*p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
  return p;
#endif
}

inline int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escape at `p` (a backslash) into *out; returns the byte after it, or nullptr for
// anything the DOM parser is left to judge: an unknown escape, a bad \u, any surrogate.
const char* DecodeEscape(const char* p, char** out) {
  char c;
  switch (p[1]) {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': {
      uint32_t cp = 0;
      for (int i = 2; i < 6; ++i) {
        const int d = HexDigit(p[i]);
        if (d < 0) return nullptr;
        cp = cp << 4 | static_cast<uint32_t>(d);
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) return nullptr;  // pairs and lone halves: the DOM's call
      struct Cursor {  // text::AppendUtf8 writes through push_back
        char** at;
        void push_back(char c) { *(*at)++ = c; }
      } cursor{out};
      text::AppendUtf8(&cursor, static_cast<char32_t>(cp));
      return p + 6;
    }
    default: return nullptr;
  }
  *(*out)++ = c;
  return p + 2;
}

// Reads a JSON string whose opening quote is at `p`. A string without escapes is a view of the
// input; one with escapes is unescaped at *unescaped (never longer than its JSON form), which
// moves past it. Returns the byte after the closing quote, or nullptr (see DecodeEscape; also a
// raw control character).
const char* ReadString(const char* p, std::string_view* s, char** unescaped) {
  const char* begin = p + 1;
  const char* stop = StringStop(begin);
  if (*stop == '"') {
    *s = std::string_view(begin, static_cast<size_t>(stop - begin));
    return stop + 1;
  }
  char* const start = *unescaped;
  char* out = start;
  for (;;) {
    if (*stop != '\\') return nullptr;
    std::memcpy(out, begin, static_cast<size_t>(stop - begin));
    out += stop - begin;
    begin = DecodeEscape(stop, &out);
    if (begin == nullptr) return nullptr;
    stop = StringStop(begin);
    if (*stop == '"') break;
  }
  std::memcpy(out, begin, static_cast<size_t>(stop - begin));
  out += stop - begin;
  *s = std::string_view(start, static_cast<size_t>(out - start));
  *unescaped = out;
  return stop + 1;
}

// Whether the 8 bytes of `w` (read little-endian) are all ASCII digits.
inline bool EightDigits(uint64_t w) {
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0, kZeros = 0x3030303030303030;
  // '0'..'9' are 0x30..0x39: the high nibble is 3, and adding 6 must not carry out of it.
  return (w & kHigh) == kZeros && ((w + 0x0606060606060606) & kHigh) == kZeros;
}

// The value of 8 ASCII digits, the first in the lowest byte of `w`. Three rounds, each joining
// neighbouring groups: digits into pairs (x10), pairs into fours (x100), fours into the whole
// (x10,000), each group multiplied and added in one multiplication per round.
inline uint64_t EightDigitsValue(uint64_t w) {
  w -= 0x3030303030303030;
  w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FF;         // 4 pairs, each 0..99, in 16-bit lanes
  w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFF;       // 2 fours, each 0..9999, in 32-bit lanes
  return (w * 10000 + (w >> 32)) & 0xFFFFFFFF;          // 0..99,999,999
}

// Reads a non-negative JSON integer of at most 18 digits (so it fits int64 and its text is its
// canonical decimal form: no sign, no leading zero). Returns the byte after it, or nullptr for
// any other number (a float, a sign, a leading zero, more digits: the DOM's call).
const char* ReadCount(const char* p, int64_t* n) {
  const char* q = p;
  int64_t v = 0;
  if (*q == '0') {
    ++q;
  } else {
    // Eight digits at once where there are eight (times have ten): the line's padding makes the
    // 8-byte read safe. The digits left, up to 18 in all, one at a time.
    uint64_t w;
    std::memcpy(&w, q, sizeof w);
    if (EightDigits(w)) {
      v = static_cast<int64_t>(EightDigitsValue(w));
      q += 8;
    }
    while (*q >= '0' && *q <= '9' && q - p < 18) v = v * 10 + (*q++ - '0');
    if (q == p) return nullptr;
  }
  if (!EndsValue(*q)) return nullptr;
  *n = v;
  return q;
}

// Whether `p` holds the literal `word` (true, false, null) followed by the end of the value.
template <size_t N>
bool IsLiteral(const char* p, const char (&word)[N]) {
  return std::memcmp(p, word, N - 1) == 0 && EndsValue(p[N - 1]);
}

}  // namespace

namespace {

// One line read by the fast path: where it is, the keys read so far, and where their values go.
struct LineScan {
  enum class Step : uint8_t {
    kNext,     // a member was read; `p` is at the next one
    kEnd,      // the object ends: `p` is at its closing brace
    kGeneral,  // not the member expected here; `p` is unchanged, for the general reader
    kDefer,    // the line is not for the fast path
  };

  const char* p;
  Slot* slots;
  Record* out;
  char* unescaped;
  uint32_t seen = 0, null = 0;

  // After a value: whitespace, then a comma and the next member, or the closing brace.
  Step AfterValue() {
    p = SkipSpace(p);
    if (*p == ',') {
      p = SkipSpace(p + 1);
      return Step::kNext;
    }
    return *p == '}' ? Step::kEnd : Step::kDefer;
  }

  // Reads the value of key k (at p, after the colon and its whitespace) into its slot, the way
  // FieldReader::Read takes it from a DOM element. False: not for the fast path. Inlined with a
  // constant k (FastMember), the shape's switch folds away.
  [[gnu::always_inline]] inline bool Value(int k) {
    Slot& slot = slots[k];
    const char first = *p;
    if (first == 'n') {  // null counts as absent, as in FromElement
      if (!IsLiteral(p, "null")) return false;
      slot.state = Slot::kAbsent;
      null |= 1u << k;
      p += 4;
      return true;
    }
    slot.state = Slot::kOk;
    switch (kKeys[k].shape) {
      case Shape::kString:
        if (first != '"' || (p = ReadString(p, &slot.str, &unescaped)) == nullptr) return false;
        return k == kText || k == kSource || slot.str.size() <= kMaxIdBytes;
      case Shape::kId:
        if (first == '"') {
          if ((p = ReadString(p, &slot.str, &unescaped)) == nullptr) return false;
          return !slot.str.empty() && slot.str.size() <= kMaxIdBytes;
        } else {
          // A canonical integer's text is what FromElement makes of its value.
          const char* digits = p;
          int64_t n;
          if ((p = ReadCount(p, &n)) == nullptr) return false;
          slot.str = std::string_view(digits, static_cast<size_t>(p - digits));
          return true;
        }
      case Shape::kTime:
        if (first == '"') {
          std::string_view str;
          if ((p = ReadString(p, &str, &unescaped)) == nullptr) return false;
          std::optional<UnixSeconds> t = ParseRfc3339(str);
          if (!t) return false;
          slot.num = *t;
          return true;
        }
        if ((p = ReadCount(p, &slot.num)) == nullptr) return false;
        return slot.num >= kMinTime && slot.num <= kMaxTime;
      case Shape::kCount:
        return (p = ReadCount(p, &slot.num)) != nullptr;
      case Shape::kBool:
        if (IsLiteral(p, "true")) {
          slot.flag = true;
          p += 4;
          return true;
        }
        if (IsLiteral(p, "false")) {
          slot.flag = false;
          p += 5;
          return true;
        }
        return false;
      case Shape::kStringList: {
        if (first != '[') return false;
        std::vector<std::string_view>* list = k == kUrls       ? &out->post.urls
                                              : k == kHashtags ? &out->post.hashtags
                                                               : &out->post.mentions;
        p = SkipSpace(p + 1);
        if (*p != ']') {
          for (;;) {
            std::string_view item;
            if (*p != '"' || (p = ReadString(p, &item, &unescaped)) == nullptr) return false;
            if (item.size() > kMaxTermBytes) return false;
            list->push_back(item);
            p = SkipSpace(p);
            if (*p == ']') break;
            if (*p != ',') return false;
            p = SkipSpace(p + 1);
          }
        }
        ++p;
        return true;
      }
    }
    return false;
  }

  // A member whose key comes from the input: looked up by name.
  Step GeneralMember() {
    if (*p != '"') return Step::kDefer;
    // A key is compared raw: one with escapes matches no known key and is left as unknown.
    const size_t key_size = KeyLength(p + 1);
    if (key_size > kLongestKey) return Step::kDefer;
    const int k = LookupKeyPadded(std::string_view(p + 1, key_size));
    if (k < 0 || (seen & (1u << k))) return Step::kDefer;  // unknown or repeated
    seen |= 1u << k;
    p = SkipSpace(p + key_size + 2);
    if (*p != ':') return Step::kDefer;
    p = SkipSpace(p + 1);
    return Value(k) ? AfterValue() : Step::kDefer;
  }

  // A member expected to be key K, written as Sluice's own writers write it (no space before
  // the colon); anything else is left to GeneralMember. Its branches are taken the same way
  // line after line, where the general reader's lookups and jumps on each key and shape are not.
  template <int K>
  Step FastMember() {
    constexpr size_t n = kKeys[K].name.size() + 3;  // "name":
    static constexpr std::array<char, n> quoted = [] {
      std::array<char, n> q{};
      q[0] = '"';
      for (size_t i = 0; i < kKeys[K].name.size(); ++i) q[i + 1] = kKeys[K].name[i];
      q[n - 2] = '"';
      q[n - 1] = ':';
      return q;
    }();
    if (std::memcmp(p, quoted.data(), n) != 0) return Step::kGeneral;
    if (seen & (1u << K)) return Step::kDefer;
    seen |= 1u << K;
    p = SkipSpace(p + n);
    return Value(K) ? AfterValue() : Step::kDefer;
  }

  // Members expected in the order Ks, while they come in it.
  template <int... Ks>
  Step Prefix() {
    Step step = Step::kNext;
    ((step = step == Step::kNext ? FastMember<Ks>() : step), ...);
    return step;
  }
};

}  // namespace

// The fast path reads the common shape of a record line by hand, into the same slots FieldReader
// fills from a DOM element, and hands them to the same Finish: an object of known keys, each
// once, with string values (escapes decoded, except surrogates), integers of up to 18 digits,
// true, false, null, and arrays of strings, whitespace anywhere JSON allows it, and nothing after
// the object but whitespace up to the newline. It only ever accepts: anything else, and every
// record Finish would reject, is left to the DOM parser (false), so rejects keep one source of
// reasons. The caller guarantees that the line is valid UTF-8 and ends with a newline.
// The type and the fields every record of that type has are expected first, in the order
// Sluice's own writers (gen, import) use; fields in another order or spacing are read as well,
// by name, only with less predictable branches.
bool RecordParser::ScanRecord(const char* p, const char** end, Record* out) {
  FieldReader& fr = *fields_;
  out->post.urls.clear();
  out->post.hashtags.clear();
  out->post.mentions.clear();
  using Step = LineScan::Step;
  LineScan scan{p, fr.slots, out, unescaped_.get()};
  scan.p = SkipSpace(scan.p);
  if (*scan.p != '{') return false;
  scan.p = SkipSpace(scan.p + 1);
  Step step = *scan.p == '}' ? Step::kEnd : scan.FastMember<kType>();
  if (step == Step::kNext && (scan.null & (1u << kType)) == 0) {
    const std::string_view type = fr.slots[kType].str;
    if (type == "engagement") step = scan.Prefix<kAccount, kTarget, kKind, kTime>();
    else if (type == "post") step = scan.Prefix<kId, kAccount, kTime, kText>();
    else if (type == "account") step = scan.Prefix<kId, kPlatform, kCreatedAt>();
    else if (type == "claim") step = scan.Prefix<kId, kText>();
  }
  while (step == Step::kNext || step == Step::kGeneral) step = scan.GeneralMember();
  if (step != Step::kEnd) return false;
  const char* q = SkipSpace(scan.p + 1);
  if (*q != '\n') return false;
  *end = q;
  Rejection why;
  // Every value read is good (anything else returned above) or null.
  return fr.Finish(scan.seen, scan.seen & ~scan.null, 0, out, &why);
}

namespace {
bool IsBlankLine(std::string_view s) {
  for (char c : s)
    if (!IsLineSpace(c)) return false;
  return true;
}
}  // namespace

void RecordParser::ParseBlock(const char* block, size_t size, BlockSink* sink) {
  // The fast path needs a newline after every line it reads (it stops there); a last line
  // without one is parsed by the DOM parser alone.
  size_t lines_size = size;
  while (lines_size > 0 && block[lines_size - 1] != '\n') --lines_size;
  // Unescaped strings are never longer than their line.
  if (unescaped_capacity_ < lines_size) {
    unescaped_capacity_ = std::max(lines_size, size_t{64} << 10);
    unescaped_.reset(new char[unescaped_capacity_]);
  }
  // One check of the whole block is far cheaper than one per line; a block that fails it has
  // its lines checked one by one.
  const bool all_utf8 = simdjson::validate_utf8(block, lines_size);
  auto slow = [&](std::string_view line) {
    const char* end;
    if (IsBlankLine(line)) sink->Blank(line);
    else if (!all_utf8 && line.data() + line.size() < block + lines_size &&
             simdjson::validate_utf8(line.data(), line.size()) && ScanRecord(line.data(), &end, &batch_record_))
      sink->Accepted(line, batch_record_);
    else if (Parse(line, simdjson::SIMDJSON_PADDING, &batch_record_, &batch_why_)) sink->Accepted(line, batch_record_);
    else sink->Rejected(line, batch_why_);
  };
  const char* const lines_end = block + lines_size;
  for (const char* p = block; p < lines_end;) {
    const char* nl;
    if (all_utf8 && ScanRecord(p, &nl, &batch_record_)) {
      sink->Accepted(std::string_view(p, static_cast<size_t>(nl - p) - (nl[-1] == '\r')), batch_record_);
    } else {
      nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(lines_end - p)));
      slow(std::string_view(p, static_cast<size_t>(nl - p) - (nl > p && nl[-1] == '\r')));
    }
    p = nl + 1;
  }
  if (lines_size < size) {
    std::string_view tail(lines_end, size - lines_size);
    if (tail.back() == '\r') tail.remove_suffix(1);
    slow(tail);
  }
}

}  // namespace sluice
