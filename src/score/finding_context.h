// The context a finding needs beyond its signals, taken from the world: the subject's platform,
// a post's author, and how far the subject's content travelled (reach). The case store groups
// spam by author and grades cases by reach (docs/cases.md); eval ignores these keys.
#pragma once

#include <vector>

#include "score/finding.h"
#include "world/world.h"

namespace sluice {

// Sets platform, account and reach on every finding whose subject is in the world (pages are not:
// they keep no context). A post without a platform of its own takes its author's. A post's reach counts the reposts of it (repost records and repost
// engagements), its likes, comments and reviews, and the distinct accounts behind them; an
// account's reach is the same over all of its posts.
//
// With `reached` not null, (*reached)[i] is set to the distinct accounts finding i's subject
// reached, sorted — what a caller needs to count distinct accounts over several findings.
void AddFindingContext(const World& w, std::vector<Finding>* findings,
                       std::vector<std::vector<AccountId>>* reached = nullptr);

}  // namespace sluice
