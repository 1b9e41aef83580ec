// Reading claims from a file: JSONL (one claim a line, plain or zstd-compressed, "-" for stdin)
// or a claim database written by ClaimStore (recognised by SQLite's header, not by its name).
//
// A JSONL line is a schema v1 claim record ({"type":"claim","id":..,"text":..}, as `sluice gen`
// writes claims.jsonl) or the same object without "type". `id` is a string or an integer and
// `text` a string; `source`, `verdict` (strings) and `published` (RFC 3339 or Unix seconds) are
// optional. Blank lines are skipped. Any other line is an error naming the file, line and reason:
// a registry that silently lost a claim would silently stop matching it.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "rumor/claim.h"

namespace sluice::rumor {

Result<std::vector<Claim>> ReadClaims(const std::string& path);

}  // namespace sluice::rumor
