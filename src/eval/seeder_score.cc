#include "eval/seeder_score.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <simdjson.h>

#include "ingest/line_reader.h"

namespace sluice::eval {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// clusters.jsonl lines carry a timeline and a text; a line past this is a broken file.
constexpr size_t kMaxLineBytes = size_t{64} << 20;

struct Listed {
  std::vector<std::string> posts;  // seeders' posts, then sample posts
  std::string first_seeder;        // account; empty when there is no seeder
  std::string claim;               // the "claim" key, when present
};

Status ReadString(element v, std::string_view key, std::string* out) {
  if (v.type() != element_type::STRING)
    return Status::InvalidInput(fmt::format("'{}' must be a string", key));
  *out = std::string(v.get_string().value_unsafe());
  return Status::Ok();
}

// The parts of one clusters.jsonl or claim_cascades.jsonl line that eval reads.
Status ParseListed(element doc, bool need_sample, bool need_claim, Listed* out) {
  *out = Listed{};
  if (doc.type() != element_type::OBJECT) return Status::InvalidInput("a line must hold one JSON object");
  simdjson::dom::object obj = doc.get_object().value_unsafe();
  element seeders;
  if (obj["seeders"].get(seeders) != simdjson::SUCCESS) return Status::InvalidInput("missing key 'seeders'");
  if (seeders.type() != element_type::ARRAY) return Status::InvalidInput("'seeders' must be a list");
  simdjson::dom::array seeder_list = seeders.get_array().value_unsafe();
  for (element s : seeder_list) {
    if (s.type() != element_type::OBJECT)
      return Status::InvalidInput("every seeder must be an object with 'account' and 'post'");
    element account, post;
    simdjson::dom::object so = s.get_object().value_unsafe();
    if (so["account"].get(account) != simdjson::SUCCESS || so["post"].get(post) != simdjson::SUCCESS)
      return Status::InvalidInput("every seeder must be an object with 'account' and 'post'");
    std::string a, p;
    SLUICE_RETURN_IF_ERROR(ReadString(account, "seeders[].account", &a));
    SLUICE_RETURN_IF_ERROR(ReadString(post, "seeders[].post", &p));
    if (out->first_seeder.empty()) out->first_seeder = a;
    out->posts.push_back(std::move(p));
  }
  if (need_sample) {
    element sample;
    if (obj["sample"].get(sample) != simdjson::SUCCESS) return Status::InvalidInput("missing key 'sample'");
    if (sample.type() != element_type::ARRAY) return Status::InvalidInput("'sample' must be a list");
    simdjson::dom::array sample_list = sample.get_array().value_unsafe();
    for (element p : sample_list) {
      std::string id;
      SLUICE_RETURN_IF_ERROR(ReadString(p, "sample[]", &id));
      out->posts.push_back(std::move(id));
    }
  }
  if (need_claim) {
    element claim;
    if (obj["claim"].get(claim) != simdjson::SUCCESS) return Status::InvalidInput("missing key 'claim'");
    SLUICE_RETURN_IF_ERROR(ReadString(claim, "claim", &out->claim));
  }
  return Status::Ok();
}

// Calls each(line number, parsed line) for every non-blank line of `path`.
template <typename Fn>
Status ReadListed(const std::string& path, bool need_sample, bool need_claim, uint64_t* records, Fn each) {
  Result<std::unique_ptr<LineReader>> opened = LineReader::Open(path, kMaxLineBytes);
  if (!opened.ok()) return opened.status();
  LineReader& reader = *opened.value();
  simdjson::dom::parser parser;
  Line line;
  Listed listed;
  for (;;) {
    Result<bool> more = reader.Next(&line);
    if (!more.ok()) return more.status();
    if (!more.value()) break;
    auto fail = [&](std::string_view why) {
      return Status::InvalidInput(fmt::format("{}:{}: {}", path, line.number, why));
    };
    if (line.too_long) return fail(fmt::format("line of {} bytes is over the limit of {}",
                                               line.full_length, kMaxLineBytes));
    if (line.bytes.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    element doc;
    auto err = parser.parse(line.bytes.data(), line.bytes.size(), false).get(doc);
    if (err) return fail(std::string("not valid JSON: ") + simdjson::error_message(err));
    Status st = ParseListed(doc, need_sample, need_claim, &listed);
    if (!st.ok()) return fail(st.message());
    ++*records;
    st = each(line.number, listed);
    if (!st.ok()) return fail(st.message());
  }
  return Status::Ok();
}

void Finish(const CascadeTruth& truth, const std::map<std::string, std::string>& first_seeder,
            SeederCount* out) {
  for (const auto& [claim, originator] : truth.originators()) {
    ++out->cascades;
    auto it = first_seeder.find(claim);
    if (it == first_seeder.end()) ++out->unmatched;
    else if (it->second == originator) ++out->right;
    else out->wrong.push_back(claim);
  }
}

}  // namespace

Status CascadeTruth::Add(const LabelLine& l) {
  if (l.subject != Subject::kPost || l.label != Label::kRumor) {
    if (l.originator) return Status::InvalidInput("'originator' belongs on a rumor post line");
    return Status::Ok();
  }
  if (!l.claim) {
    if (l.originator) return Status::InvalidInput("'originator' needs the line's 'claim'");
    return Status::Ok();
  }
  post_claim_[l.id] = *l.claim;
  if (l.originator) {
    auto [it, inserted] = originator_.emplace(*l.claim, *l.originator);
    if (!inserted)
      return Status::InvalidInput(
          fmt::format("claim {} has a second originator ({}, first {})", *l.claim, *l.originator, it->second));
  }
  return Status::Ok();
}

const std::string* CascadeTruth::ClaimOf(const std::string& post) const {
  auto it = post_claim_.find(post);
  return it == post_claim_.end() ? nullptr : &it->second;
}

Result<SeederCount> ScoreClusterSeeders(const std::string& path, const CascadeTruth& truth) {
  SeederCount out;
  out.file = path;
  struct Best {
    uint64_t votes = 0;
    std::string first_seeder;
  };
  std::map<std::string, Best> best;  // claim -> its cluster so far
  std::map<std::string, uint64_t> votes;
  Status st = ReadListed(path, true, false, &out.lines, [&](uint64_t, Listed& l) {
    std::sort(l.posts.begin(), l.posts.end());
    l.posts.erase(std::unique(l.posts.begin(), l.posts.end()), l.posts.end());
    votes.clear();
    for (const std::string& p : l.posts)
      if (const std::string* claim = truth.ClaimOf(p)) ++votes[*claim];
    for (const auto& [claim, n] : votes) {
      Best& b = best[claim];
      if (n > b.votes) b = Best{n, l.first_seeder};  // the earlier line keeps a tie
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::map<std::string, std::string> first;
  for (auto& [claim, b] : best) first.emplace(claim, std::move(b.first_seeder));
  Finish(truth, first, &out);
  return out;
}

Result<SeederCount> ScoreClaimCascadeSeeders(const std::string& path, const CascadeTruth& truth) {
  SeederCount out;
  out.file = path;
  std::map<std::string, std::string> first;
  std::map<std::string, uint64_t> line_of;
  Status st = ReadListed(path, false, true, &out.lines, [&](uint64_t number, Listed& l) {
    auto [it, inserted] = line_of.emplace(l.claim, number);
    if (!inserted)
      return Status::InvalidInput(fmt::format("claim {} repeats line {}", l.claim, it->second));
    first.emplace(l.claim, l.first_seeder);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  Finish(truth, first, &out);
  return out;
}

}  // namespace sluice::eval
