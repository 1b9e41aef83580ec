// A water-army group as one detector proposes it: members, the shared targets with the members'
// timestamps, the devices, group-level signals, and the signal it gives each member. The
// detectors (device_farm, lockstep, copy_paste, fake_engagement) each produce Candidates;
// water_army.h combines them into findings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coord/device_farm.h"
#include "world/world.h"

namespace sluice::coord {

enum class Tactic : uint8_t { kFakeEngagement, kLockstep, kCopyPaste, kDeviceFarm };

inline std::string_view TacticName(Tactic t) {
  switch (t) {
    case Tactic::kFakeEngagement: return "fake_engagement";
    case Tactic::kLockstep: return "lockstep";
    case Tactic::kCopyPaste: return "copy_paste";
    case Tactic::kDeviceFarm: return "device_farm";
  }
  return "?";
}

struct Signal {
  std::string name;
  double weight = 0;
  std::string evidence;  // a JSON object
};

struct GroupAction {
  AccountId account;
  Time32 time;
  PostId post;  // the member's own post (copy_paste) or kNone (an engagement)
};

// A shared target with the members' timestamps; for copy_paste, a cluster of similar texts (post
// is its earliest post).
struct GroupTarget {
  PostId post;
  std::vector<GroupAction> actions;  // by time
};

struct GroupDevice {
  TokenKind kind;
  TokenId token;
  uint32_t accounts = 0, in_step = 0, median_step_s = 0;
};

struct CoordGroup {
  Tactic tactic = Tactic::kFakeEngagement;
  std::string id;                   // assigned once groups are final ("wa0001", ...)
  std::vector<AccountId> found;     // members as the detector found them, sorted
  std::vector<AccountId> members;   // flagged accounts whose group this is, sorted
  std::vector<GroupTarget> targets; // sorted by first action time
  std::vector<GroupDevice> devices;
  std::vector<Signal> signals;      // group-level evidence; the first is the detector's
  double score = 0;                 // mean score of the members
};

struct MemberSignal {
  AccountId account;
  Signal signal;
};

// A group as one detector found it, with the signal it gives each member.
struct Candidate {
  CoordGroup group;
  std::vector<MemberSignal> member_signals;
};

}  // namespace sluice::coord
