// Converts the Weibo CED dataset (Song et al., arXiv:1811.04175; layout in
// ../shared/data/ced/README.md) into schema v1 events. docs/schema.md ("Importing CED") states
// every mapping decision; the short form:
//
//  - DIR/originals.jsonl.zst: each source post becomes a `post`; its author an `account` with
//    created_at, followers, following (CED's `friends`) and verified from the `user` object.
//  - DIR/reposts.jsonl.zst: each repost becomes a `post` with `repost_of` = its `parent`, or its
//    `root` when the parent is empty, followed by a `repost` engagement (account = reposter,
//    target = that same post, time = the repost's time). CED's `date` is Beijing time (UTC+8).
//  - Accounts seen only as reposters, or whose user object is missing, get created_at 0: the
//    schema requires the field, and 0 is the value the world already holds for an account it
//    knows nothing about. Detectors must read created_at 0 as unknown.
//
// Output order is fixed: source posts in file order, then each repost followed by its
// engagement in file order, then accounts sorted by id. Same input, same bytes.
//
// A bad line (invalid JSON, a missing or mistyped field, an unreadable time, a repeated mid) is
// rejected into the RejectSink with its file, line and reason, and the import goes on. A missing
// file or a corrupt zstd stream stops the import with an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/output_stream.h"
#include "core/status.h"
#include "core/time.h"
#include "ingest/reject_sink.h"

namespace sluice {

struct CedImportOptions {
  std::string platform = "weibo";
  size_t max_line_bytes = 1 << 20;
};

struct CedImportStats {
  uint64_t source_lines = 0, repost_lines = 0;  // every line read, blank ones included
  uint64_t source_posts = 0, rumor_sources = 0, nonrumor_sources = 0;
  uint64_t reposts = 0;  // each is one post and one engagement
  uint64_t accounts = 0, accounts_with_profile = 0;  // the rest have created_at 0 (unknown)
  // Repost dates CED gives as "MM月DD日 HH:MM", without a year: the year is taken as the first
  // that puts the repost at or after its source post.
  uint64_t dates_without_year = 0;
  uint64_t reposts_before_source = 0;  // kept as given; counted because it cannot really happen
  uint64_t rejected = 0;
  uint64_t bytes_out = 0;  // uncompressed
  double seconds = 0;
};

// Reads DIR/originals.jsonl.zst and DIR/reposts.jsonl.zst and writes events to `events`. When
// `truth` is not null, also writes one truth line (docs/findings.md) per labelled source post:
// label "rumor" for CED's rumor, "organic" for its nonrumor.
// REQUIRES: `events` (and `truth`, if given) are open; the caller commits them on success.
Status ImportCed(const std::string& dir, const CedImportOptions& options, OutputStream* events,
                 OutputStream* truth, RejectSink* rejects, CedImportStats* stats);

// Parses CED's two time formats into Unix seconds. Exposed for tests.
// "Tue Sep 11 19:23:20 +0800 2012" (Weibo's API format, found in a few source posts).
std::optional<UnixSeconds> ParseWeiboApiTime(std::string_view s);
// "2012-09-16 15:05:11", Beijing time.
std::optional<UnixSeconds> ParseBeijingTime(std::string_view s);
// "09月16日 15:05", Beijing time without a year: the earliest such time at or after `not_before`
// (looking at most one year on). nullopt when the text is malformed or no such date exists.
std::optional<UnixSeconds> ParseBeijingTimeWithoutYear(std::string_view s, UnixSeconds not_before);

}  // namespace sluice
