// libFuzzer target: the whole ingest pipeline (two threads, batches, records kept and packed in
// batch buffers, WorldBuilder::AddPacked) against the simplest reading of the same file: lines
// from LineReader::Next, RecordParser::Parse and WorldBuilder::Add one record at a time. Every
// line must end the same way (accepted, the same reject reason on the same line, or blank), and
// the worlds must be the same: ids in the same order, every engagement's and post's columns, the
// token ids and their hashes. A small line limit puts over-long lines in most inputs.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/line_reader.h"
#include "ingest/record_parser.h"
#include "ingest/reject_sink.h"
#include "world/world_builder.h"

namespace {

constexpr size_t kMaxLine = 512;

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

template <typename T>
void SameOrTrap(const std::vector<T>& a, const std::vector<T>& b) {
  if (a != b) __builtin_trap();
}

// The columns `cols` (pointers to members) of two tables.
template <typename Table, typename... Cols>
void SameColumnsOrTrap(const Table& a, const Table& b, Cols... cols) {
  (SameOrTrap(a.*cols, b.*cols), ...);
}

void SameIdsOrTrap(const sluice::Interner& a, const sluice::Interner& b) {
  if (a.size() != b.size()) __builtin_trap();
  for (uint32_t i = 0; i < a.size(); ++i)
    if (a.Get(i) != b.Get(i)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/sluice_fuzz_ingest_" + std::to_string(::getpid()) + ".jsonl";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);

  sluice::IngestOptions opt;
  opt.max_line_bytes = kMaxLine;
  opt.salt = "fuzz";
  sluice::RejectSink rejects(1u << 20, 64);
  sluice::IngestStats st;
  sluice::Result<sluice::World> got = sluice::Ingest({path}, opt, &rejects, &st);

  // The reference: one line, one record at a time, on this thread.
  auto reader = sluice::LineReader::Open(path, kMaxLine);
  if (!reader.ok()) __builtin_trap();
  sluice::RecordParser parser;
  sluice::WorldBuilder builder(opt.salt);
  std::vector<std::pair<uint64_t, sluice::RejectReason>> want_rejects;
  uint64_t lines = 0, blank = 0;
  bool failed = false;
  for (;;) {
    sluice::Line line;
    sluice::Result<bool> more = reader.value()->Next(&line);
    if (!more.ok()) {  // a zstd input cut short or corrupt: ingest must fail as well
      failed = true;
      break;
    }
    if (!more.value()) break;
    ++lines;
    if (line.too_long) {
      want_rejects.emplace_back(line.number, sluice::RejectReason::kLineTooLong);
      continue;
    }
    if (IsBlank(line.bytes)) {
      ++blank;
      continue;
    }
    sluice::Record r;
    sluice::Rejection why;
    if (!parser.Parse(line.bytes, sluice::LineReader::kPadding, &r, &why) || !builder.Add(r, &why))
      want_rejects.emplace_back(line.number, why.reason);
  }
  if (failed) {
    if (got.ok()) __builtin_trap();
    return 0;
  }
  if (!got.ok()) __builtin_trap();
  if (st.lines != lines || st.blank_lines != blank || rejects.total() != want_rejects.size())
    __builtin_trap();
  for (size_t i = 0; i < want_rejects.size(); ++i) {
    const sluice::RejectEntry& e = rejects.first()[i];
    if (e.line != want_rejects[i].first || e.reason != want_rejects[i].second) __builtin_trap();
  }
  if (st.accepted != builder.added()) __builtin_trap();

  const sluice::World& w = got.value();
  const sluice::World want = builder.Finalize(nullptr);
  SameIdsOrTrap(w.accounts.ids, want.accounts.ids);
  SameIdsOrTrap(w.posts.ids, want.posts.ids);
  SameIdsOrTrap(w.platforms, want.platforms);
  SameIdsOrTrap(w.urls, want.urls);
  SameIdsOrTrap(w.hashtags, want.hashtags);
  SameIdsOrTrap(w.mentions, want.mentions);
  SameIdsOrTrap(w.names, want.names);
  SameOrTrap(w.token_hash, want.token_hash);
  using sluice::AccountTable, sluice::EngagementTable, sluice::PostTable;
  SameColumnsOrTrap(w.engagements, want.engagements, &EngagementTable::account, &EngagementTable::target,
                    &EngagementTable::time, &EngagementTable::kind, &EngagementTable::device,
                    &EngagementTable::ip);
  SameColumnsOrTrap(w.posts, want.posts, &PostTable::declared, &PostTable::account, &PostTable::time,
                    &PostTable::repost_of, &PostTable::reply_to, &PostTable::platform,
                    &PostTable::device, &PostTable::ip, &PostTable::terms, &PostTable::term_begin,
                    &PostTable::n_urls, &PostTable::n_hashtags, &PostTable::n_mentions);
  for (sluice::PostId i = 0; i < w.posts.size(); ++i)
    if (w.posts.text(i) != want.posts.text(i)) __builtin_trap();
  SameColumnsOrTrap(w.accounts, want.accounts, &AccountTable::declared, &AccountTable::platform,
                    &AccountTable::created_at, &AccountTable::followers, &AccountTable::device,
                    &AccountTable::ip, &AccountTable::name);
  return 0;
}
