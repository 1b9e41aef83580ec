// Rumor matching benchmark: posts of about 100 characters against a registry of debunked claims.
//
//   rumor_bench gen  --out DIR [--claims N] [--posts N] [--rumor-fraction F] [--seed S]
//       writes DIR/claims.jsonl and DIR/posts.jsonl ({"id","text","claim","edits"}: the claim a
//       post spreads, "" for organic posts), the same files datasketch_rumor.py reads;
//   rumor_bench run  --dir DIR [--subset N] [--config FILE]
//       loads the claims, matches every post on one thread and prints one JSON object: posts/s
//       (thread CPU time and wall time), memory per claim, recall and precision (overall, by
//       edit kind, and on the first N posts, the subset datasketch is timed on);
//   rumor_bench load --claims N
//       registers N generated claims in memory, then through a claim database (SQLite), and
//       prints the load times and memory per claim.
//
// The text is synthetic: words of 1-4 characters drawn from GB2312's 3,755 common characters,
// used with Zipf frequencies, so common words recur across claims and posts the way real words
// do (long posting lists) while no real text is copied.
#include <opencc.h>
#include <time.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <simdjson.h>

#include "core/json_writer.h"
#include "rumor/claim_registry.h"
#include "rumor/claims_file.h"
#include "rumor/matcher.h"
#include "text/char_table.h"
#include "text/code_points.h"
#include "text/lookalike_han.h"
#include "text/normalizer.h"

namespace {

using sluice::Result;
using sluice::Status;
using sluice::rumor::Claim;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

size_t RssBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  return 0;
}

std::string U8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) sluice::text::AppendUtf8(&out, c);
  return out;
}

std::u32string U32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(sluice::text::DecodeUtf8(s, &i));
  return out;
}

// GB2312 level 1: the 3,755 most common characters, decoded with ICU's converter.
std::vector<char32_t> CommonHan() {
  UErrorCode ec = U_ZERO_ERROR;
  UConverter* cv = ucnv_open("GB2312", &ec);
  std::vector<char32_t> out;
  for (int hi = 0xB0; hi <= 0xD7; ++hi) {
    for (int lo = 0xA1; lo <= 0xFE; ++lo) {
      char in[2] = {static_cast<char>(hi), static_cast<char>(lo)};
      UChar u[4];
      ec = U_ZERO_ERROR;
      int32_t n = ucnv_toUChars(cv, u, 4, in, 2, &ec);
      if (U_SUCCESS(ec) && n == 1 && u[0] >= 0x4E00 && u[0] <= 0x9FFF) out.push_back(u[0]);
    }
  }
  ucnv_close(cv);
  return out;
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {
    chars_ = CommonHan();
    std::uniform_int_distribution<size_t> pick(0, chars_.size() - 1);
    // As in real text, the most frequent words are the shortest (的, 了, 是 ...).
    std::discrete_distribution<int> common_len({0, 80, 20, 0}), rare_len({5, 55, 25, 15});
    for (int w = 0; w < 8000; ++w) {
      int n = w < 30 ? 1 : (w < 2000 ? common_len(rng_) : rare_len(rng_)) + 1;
      std::u32string word;
      for (int k = 0; k < n; ++k) word.push_back(chars_[pick(rng_)]);
      words_.push_back(word);
    }
    double total = 0;
    for (size_t r = 0; r < words_.size(); ++r) total += 1.0 / static_cast<double>(r + 1);
    double acc = 0;
    for (size_t r = 0; r < words_.size(); ++r) {
      acc += 1.0 / static_cast<double>(r + 1) / total;
      cdf_.push_back(acc);
    }
    // Sound-alike groups among the common characters, from the normalizer's own pinyin.
    std::map<std::string, std::vector<char32_t>> by_sound;
    for (char32_t c : chars_) by_sound[sluice::text::SoundString(U8(std::u32string(1, c)))].push_back(c);
    for (auto& [sound, group] : by_sound)
      if (group.size() > 1)
        for (char32_t c : group) homophones_[c] = group;
    Result<sluice::text::LookalikeHan> look =
        sluice::text::LookalikeHan::Parse(sluice::text::LookalikeHan::BuiltinTsv(), "builtin");
    for (char32_t c : chars_) {
      char32_t canon = look.value().Canonical(c);
      if (canon != c || look.value().Canonical(c) == c) lookalike_groups_[canon].push_back(c);
    }
    for (auto& [canon, group] : lookalike_groups_)
      if (group.size() > 1)
        for (char32_t c : group) lookalikes_[c] = group;
    s2t_ = opencc_open("s2t.json");
  }
  ~Generator() {
    if (s2t_ != reinterpret_cast<opencc_t>(-1)) opencc_close(s2t_);
  }

  std::u32string Word() {
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    size_t r = static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
    return words_[std::min(r, words_.size() - 1)];
  }

  // Text of about `chars` characters with a comma now and then.
  std::u32string Filler(size_t chars) {
    std::u32string s;
    while (s.size() < chars) {
      s += Word();
      if (Chance(0.12)) s += U"，";
    }
    s.resize(chars);
    return s;
  }

  std::u32string ClaimText() {
    std::u32string s;
    size_t target = 18 + Below(28);
    while (s.size() < target) {
      s += Word();
      if (Chance(0.08)) s += U"，";
      if (Chance(0.05)) s += U32(std::to_string(Below(1000)));
      if (Chance(0.03)) s += kAcronyms[Below(std::size(kAcronyms))];
    }
    return s;
  }

  // Applies edit `e` to the claim text (simplified). Returns false when it cannot apply.
  bool Edit(const std::string& e, std::u32string* t) {
    if (e == "exact") return true;
    if (e == "trad_simp") {
      std::string s = U8(*t);
      char* out = opencc_convert_utf8(s2t_, s.data(), s.size());
      std::u32string r = U32(out);
      opencc_convert_utf8_free(out);
      bool changed = r != *t;
      *t = r;
      return changed;
    }
    if (e == "punctuation") return Insert(t, {U"，", U"。", U"、", U"·", U"…", U"*", U"-", U"/", U"|", U"~", U"！", U" "});
    if (e == "emoji") return Insert(t, {U"😂", U"😭", U"👍", U"🙏", U"🔥", U"😱", U"⚠️", U"‼️", U"💔"});
    if (e == "zero_width") return Insert(t, {U"\u200B", U"\u200C", U"\u200D", U"\u2060", U"\uFEFF"});
    if (e == "fullwidth") {
      bool any = false;
      for (char32_t& c : *t)
        if (c < 0x80 && std::isalnum(static_cast<int>(c))) c += 0xFEE0, any = true;
      return any;
    }
    if (e == "homoglyph") {
      static const std::map<char32_t, char32_t> kCyrillic = {
          {U'A', 0x410}, {U'B', 0x412}, {U'C', 0x421}, {U'E', 0x415}, {U'H', 0x41D},
          {U'I', 0x406}, {U'K', 0x41A}, {U'M', 0x41C}, {U'O', 0x41E}, {U'P', 0x420},
          {U'S', 0x405}, {U'T', 0x422}, {U'X', 0x425}, {U'a', 0x430}, {U'e', 0x435},
          {U'o', 0x43E}, {U'p', 0x440}};
      bool any = false;
      for (char32_t& c : *t) {
        auto it = kCyrillic.find(c);
        if (it != kCyrillic.end() && Chance(0.7)) c = it->second, any = true;
      }
      return any;
    }
    if (e == "lookalike_han") return Swap(t, lookalikes_, 2);
    if (e == "homophone") return Swap(t, homophones_, 3);
    if (e == "partial") {
      size_t n = t->size();
      size_t len = static_cast<size_t>(n * (0.6 + 0.25 * Uniform()) + 0.5);
      len = std::max<size_t>(len, std::min<size_t>(12, n));
      if (len >= n) return false;
      *t = t->substr(Below(n - len + 1), len);
      return true;
    }
    return false;
  }

  bool Chance(double p) { return Uniform() < p; }
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  size_t Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  static constexpr const char32_t* kAcronyms[] = {U"5G", U"APP", U"WHO", U"ICU", U"GPS", U"CEO", U"PM2.5"};

  bool Insert(std::u32string* t, std::initializer_list<std::u32string_view> choices) {
    if (t->size() < 2) return false;
    std::vector<std::u32string_view> c(choices);
    for (size_t k = 0, n = 2 + Below(4); k < n; ++k)
      t->insert(1 + Below(t->size() - 1), c[Below(c.size())]);
    return true;
  }

  bool Swap(std::u32string* t, const std::map<char32_t, std::vector<char32_t>>& groups, size_t max) {
    std::vector<size_t> where;
    for (size_t i = 0; i < t->size(); ++i)
      if (groups.count((*t)[i])) where.push_back(i);
    if (where.empty()) return false;
    std::shuffle(where.begin(), where.end(), rng_);
    size_t n = 1 + Below(std::min(max, where.size()));
    for (size_t k = 0; k < n; ++k) {
      char32_t& c = (*t)[where[k]];
      const std::vector<char32_t>& g = groups.at(c);
      char32_t other = c;
      while (other == c) other = g[Below(g.size())];
      c = other;
    }
    return true;
  }

  std::mt19937_64 rng_;
  std::vector<char32_t> chars_;
  std::vector<std::u32string> words_;
  std::vector<double> cdf_;
  std::map<char32_t, std::vector<char32_t>> homophones_, lookalikes_, lookalike_groups_;
  opencc_t s2t_;
};

const char* kEdits[] = {"exact", "trad_simp", "punctuation", "emoji", "zero_width", "fullwidth",
                        "homoglyph", "lookalike_han", "homophone", "partial"};

std::vector<Claim> MakeClaims(Generator& g, size_t n) {
  std::vector<Claim> claims;
  claims.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "c%07zu", i);
    claims.push_back(Claim{id, U8(g.ClaimText()), "bench", "false", 0});
  }
  return claims;
}

std::string Arg(int argc, char** argv, const char* name, const char* def) {
  for (int i = 2; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  return def;
}

// The corpus files are the benchmark's input: a failed write must stop it, not time an empty run.
bool WriteWhole(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
  f.close();
  if (f) return true;
  std::fprintf(stderr, "rumor_bench gen: %s: cannot write\n", path.c_str());
  return false;
}

int Gen(int argc, char** argv) {
  std::string dir = Arg(argc, argv, "--out", "");
  if (dir.empty()) return std::fprintf(stderr, "rumor_bench gen: --out DIR is required\n"), 2;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  size_t n_claims = std::stoull(Arg(argc, argv, "--claims", "100000"));
  size_t n_posts = std::stoull(Arg(argc, argv, "--posts", "200000"));
  double rumor = std::stod(Arg(argc, argv, "--rumor-fraction", "0.1"));
  Generator g(std::stoull(Arg(argc, argv, "--seed", "42")));
  std::vector<Claim> claims = MakeClaims(g, n_claims);
  std::string out;
  for (const Claim& c : claims) {
    out += "{\"id\":";
    sluice::AppendJsonString(&out, c.id);
    out += ",\"text\":";
    sluice::AppendJsonString(&out, c.text);
    out += "}\n";
  }
  if (!WriteWhole(dir + "/claims.jsonl", out)) return 2;
  out.clear();
  for (size_t p = 0; p < n_posts; ++p) {
    std::u32string text;
    std::string claim, edits;
    if (g.Chance(rumor)) {
      size_t c = g.Below(claims.size());
      std::u32string body = U32(claims[c].text);
      std::vector<std::string> applied;
      // One edit, or two; trad_simp last so the substitution tables see simplified text.
      std::vector<std::string> want = {kEdits[g.Below(std::size(kEdits))]};
      if (g.Chance(0.3)) want.push_back(kEdits[1 + g.Below(std::size(kEdits) - 1)]);
      std::sort(want.begin(), want.end(), [](const std::string& a, const std::string& b) {
        return (a == "trad_simp") < (b == "trad_simp");
      });
      want.erase(std::unique(want.begin(), want.end()), want.end());
      for (const std::string& e : want)
        if (g.Edit(e, &body)) applied.push_back(e);
      if (applied.empty()) applied.push_back("exact");
      // Embedded in commentary to about 100 characters.
      size_t pad = body.size() < 100 ? 100 - body.size() : 0;
      size_t before = pad == 0 ? 0 : g.Below(pad + 1);
      text = g.Filler(before) + body + g.Filler(pad - before);
      claim = claims[c].id;
      for (const std::string& e : applied) edits += (edits.empty() ? "\"" : ",\"") + e + "\"";
    } else {
      text = g.Filler(90 + g.Below(21));
    }
    out += "{\"id\":\"p" + std::to_string(p) + "\",\"text\":";
    sluice::AppendJsonString(&out, U8(text));
    out += ",\"claim\":\"" + claim + "\",\"edits\":[" + edits + "]}\n";
  }
  if (!WriteWhole(dir + "/posts.jsonl", out)) return 2;
  std::fprintf(stderr, "rumor_bench gen: %zu claims, %zu posts in %s\n", n_claims, n_posts, dir.c_str());
  return 0;
}

struct Post {
  std::string id, text, claim;
  std::vector<std::string> edits;
};

int Run(int argc, char** argv) {
  std::string dir = Arg(argc, argv, "--dir", "");
  size_t subset = std::stoull(Arg(argc, argv, "--subset", "2000"));
  if (dir.empty()) return std::fprintf(stderr, "rumor_bench run: --dir DIR is required\n"), 2;
  sluice::text::CharTable::Get();
  Result<std::vector<Claim>> claims = sluice::rumor::ReadClaims(dir + "/claims.jsonl");
  if (!claims.ok()) return std::fprintf(stderr, "%s\n", claims.status().message().c_str()), 2;
  size_t n_claims = claims.value().size();
  std::vector<Post> posts;
  {
    simdjson::dom::parser parser;
    simdjson::padded_string json = simdjson::padded_string::load(dir + "/posts.jsonl");
    simdjson::dom::document_stream docs;
    if (parser.parse_many(json).get(docs) != simdjson::SUCCESS) return 2;
    for (simdjson::dom::element d : docs) {
      Post p{std::string(d["id"].get_string().value()), std::string(d["text"].get_string().value()),
             std::string(d["claim"].get_string().value()), {}};
      simdjson::dom::array edits = d["edits"].get_array().value();  // a copy: see record_parser.cc
      for (simdjson::dom::element e : edits) p.edits.emplace_back(e.get_string().value());
      posts.push_back(std::move(p));
    }
  }
  size_t rss0 = RssBytes();
  double t0 = Now();
  sluice::rumor::RumorConfig config;
  std::string config_path = Arg(argc, argv, "--config", "");
  if (!config_path.empty()) {
    Result<sluice::rumor::RumorConfig> c = sluice::rumor::LoadRumorConfig(config_path);
    if (!c.ok()) return std::fprintf(stderr, "%s\n", c.status().message().c_str()), 2;
    config = c.value();
  }
  sluice::rumor::ClaimRegistry registry{config};
  Status st = registry.Add(std::move(claims).value());
  if (!st.ok()) return std::fprintf(stderr, "%s\n", st.message().c_str()), 2;
  double load_s = Now() - t0;
  size_t rss1 = RssBytes();
  sluice::rumor::Matcher matcher(registry);
  for (size_t i = 0; i < std::min<size_t>(1000, posts.size()); ++i) matcher.Match(posts[i].text);

  std::vector<std::string> predicted(posts.size());
  double w0 = Now(), c0 = ThreadCpu();
  for (size_t i = 0; i < posts.size(); ++i) {
    std::vector<sluice::rumor::ClaimMatch> ms = matcher.Match(posts[i].text);
    if (!ms.empty() && ms[0].flagged) predicted[i] = ms[0].claim_id;
  }
  double wall = Now() - w0, cpu = ThreadCpu() - c0;

  auto score = [&](size_t n, std::map<std::string, std::pair<size_t, size_t>>* by_edit) {
    size_t rumors = 0, right = 0, flagged = 0, flagged_right = 0;
    for (size_t i = 0; i < n; ++i) {
      const Post& p = posts[i];
      bool ok = !p.claim.empty() && predicted[i] == p.claim;
      if (!p.claim.empty()) {
        ++rumors;
        right += ok;
        if (by_edit)
          for (const std::string& e : p.edits) {
            (*by_edit)[e].first += ok;
            ++(*by_edit)[e].second;
          }
      }
      if (!predicted[i].empty()) ++flagged, flagged_right += ok;
    }
    return std::make_pair(rumors ? static_cast<double>(right) / rumors : 0.0,
                          flagged ? static_cast<double>(flagged_right) / flagged : 1.0);
  };
  std::map<std::string, std::pair<size_t, size_t>> by_edit;
  auto [recall, precision] = score(posts.size(), &by_edit);
  auto [sub_recall, sub_precision] = score(std::min(subset, posts.size()), nullptr);
  sluice::rumor::ClaimRegistry::Memory mem = registry.MemoryUsage();
  std::string out = "{\"engine\":\"sluice\",\"claims\":" + std::to_string(n_claims) +
                    ",\"posts\":" + std::to_string(posts.size());
  char buf[512];
  std::snprintf(buf, sizeof buf,
                ",\"posts_per_s_cpu\":%.0f,\"posts_per_s_wall\":%.0f,\"us_per_post_cpu\":%.3f,"
                "\"load_s\":%.2f,\"bytes_per_claim\":%.0f,\"index_bytes_per_claim\":%.0f,"
                "\"rss_bytes_per_claim\":%.0f,\"recall\":%.4f,\"precision\":%.4f,"
                "\"subset\":%zu,\"subset_recall\":%.4f,\"subset_precision\":%.4f,\"recall_by_edit\":{",
                posts.size() / cpu, posts.size() / wall, 1e6 * cpu / posts.size(), load_s,
                static_cast<double>(mem.total()) / n_claims,
                static_cast<double>(mem.index) / n_claims,
                static_cast<double>(rss1 - rss0) / n_claims, recall, precision,
                std::min(subset, posts.size()), sub_recall, sub_precision);
  out += buf;
  bool first = true;
  for (const auto& [e, counts] : by_edit) {
    std::snprintf(buf, sizeof buf, "%s\"%s\":%.4f", first ? "" : ",", e.c_str(),
                  static_cast<double>(counts.first) / counts.second);
    out += buf;
    first = false;
  }
  out += "}}\n";
  std::fputs(out.c_str(), stdout);
  return 0;
}

int Load(int argc, char** argv) {
  size_t n = std::stoull(Arg(argc, argv, "--claims", "1000000"));
  std::string db = Arg(argc, argv, "--db", "/tmp/rumor_bench_claims.db");
  sluice::text::CharTable::Get();
  Generator g(7);
  std::vector<Claim> claims = MakeClaims(g, n);
  size_t rss0 = RssBytes();
  double t0 = Now();
  double in_memory_s, store_s, open_s;
  size_t bytes;
  {
    sluice::rumor::ClaimRegistry reg{sluice::rumor::RumorConfig{}};
    if (!reg.Add(claims).ok()) return 2;
    in_memory_s = Now() - t0;
    bytes = reg.MemoryUsage().total();
  }
  size_t rss_peak = RssBytes();
  std::remove(db.c_str());
  t0 = Now();
  {
    Result<std::unique_ptr<sluice::rumor::ClaimStore>> store = sluice::rumor::ClaimStore::Open(db);
    if (!store.ok() || !store.value()->Put(claims).ok()) return 2;
  }
  store_s = Now() - t0;
  claims.clear();
  claims.shrink_to_fit();
  t0 = Now();
  Result<std::unique_ptr<sluice::rumor::ClaimRegistry>> reg =
      sluice::rumor::ClaimRegistry::Open(db, sluice::rumor::RumorConfig{});
  if (!reg.ok()) return std::fprintf(stderr, "%s\n", reg.status().message().c_str()), 2;
  open_s = Now() - t0;
  std::printf("{\"claims\":%zu,\"add_in_memory_s\":%.2f,\"write_db_s\":%.2f,\"open_db_s\":%.2f,"
              "\"bytes_per_claim\":%.0f,\"rss_after_first_load_bytes_per_claim\":%.0f}\n",
              n, in_memory_s, store_s, open_s, static_cast<double>(bytes) / n,
              static_cast<double>(rss_peak - rss0) / n);
  std::remove(db.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "gen") return Gen(argc, argv);
  if (mode == "run") return Run(argc, argv);
  if (mode == "load") return Load(argc, argv);
  std::fprintf(stderr, "usage: rumor_bench gen|run|load [options] (see bench/rumor_bench.cc)\n");
  return 2;
}
