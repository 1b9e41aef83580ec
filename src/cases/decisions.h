// Reviewers' writes to the case store (依法: on evidence, by a person, open to appeal): decisions
// on a case, the platform's report that it acted, appeals and their outcome. Each call is one
// transaction with its audit entry: it happens whole or not at all. The times in a request are
// when the thing happened (they land in the rows); `now` is when it is written down (it lands in
// the audit entry).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cases/case_store.h"
#include "core/status.h"
#include "core/time.h"
#include "score/vocabulary.h"

namespace sluice {

inline constexpr std::array<std::string_view, 4> kActions = {"dismiss", "limit", "remove_post",
                                                             "suspend_account"};

struct DecisionRequest {
  int64_t case_id = 0;
  std::string action;    // one of kActions
  std::string reviewer;  // who decided; required
  std::string reason;    // why, on the evidence; required
  std::string basis;     // the policy or legal provision applied; required
  // The platform told to carry the decision out (一案雙查), and when it did, if it already has.
  // REQUIRES for dismiss: both empty (there is nothing to carry out).
  std::string platform;
  std::optional<UnixSeconds> platform_acted_at;
  // What the action applies to. Empty: every item it can apply to — for remove_post the case's
  // posts and pages, for suspend_account and limit its accounts and the authors of its posts.
  // Named subjects must be such items of the case. Empty for dismiss.
  std::vector<std::pair<SubjectKind, std::string>> subjects;
  UnixSeconds decided_at = 0;
};

// Records the decision and closes the case. Errors: NotFound for a missing case;
// InvalidInput for a rule the request breaks, said in one line.
Result<DecisionRecord> Decide(CaseStore* store, const DecisionRequest& req, UnixSeconds now);

// Records when the platform carried out decision `decision_id`.
// REQUIRES (else InvalidInput): the decision names a platform, has no action time yet, and
// acted_at is not before the decision.
Result<DecisionRecord> RecordPlatformAction(CaseStore* store, int64_t decision_id,
                                            UnixSeconds acted_at, const std::string& actor,
                                            UnixSeconds now);

struct AppealRequest {
  int64_t decision_id = 0;
  std::string filed_by, reason;  // required
  UnixSeconds filed_at = 0;
};

// Files an appeal against a decision in force that acted on someone (not a dismissal), when no
// other appeal against it is pending.
Result<AppealRecord> FileAppeal(CaseStore* store, const AppealRequest& req, UnixSeconds now);

struct AppealResolution {
  int64_t appeal_id = 0;
  std::string outcome;  // upheld | overturned
  std::string reviewer, reason;  // required
  UnixSeconds resolved_at = 0;
};

// Settles a pending appeal. Overturning sets the decision aside; a case left with no decision
// in force goes back to the review queue.
Result<AppealRecord> ResolveAppeal(CaseStore* store, const AppealResolution& res, UnixSeconds now);

}  // namespace sluice
