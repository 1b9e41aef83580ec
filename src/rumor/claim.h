// A debunked claim, as registered: what was said, who debunked it and when.
#pragma once

#include <cstdint>
#include <string>

namespace sluice::rumor {

struct Claim {
  std::string id;        // unique in a registry; never empty
  std::string text;      // the claim as it spread (UTF-8)
  std::string source;    // who debunked it (a URL or an organisation); may be empty
  std::string verdict;   // e.g. "false", "misleading"; may be empty
  int64_t published = 0; // when the debunk was published, Unix seconds; 0 when unknown
};

}  // namespace sluice::rumor
