// The event simulation: accounts, then posts and engagements in time order, and the truth about
// every injected item. Time advances in one-hour slices; everything that will happen later (an
// engagement half an hour after its post, the next level of a repost cascade, a campaign's
// scheduled actions) waits in one time-ordered queue, so memory holds only what is pending —
// about the events of the next few hours — never the whole world.
#pragma once

#include <array>
#include <cstdint>
#include <queue>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/output_file.h"
#include "core/status.h"
#include "ingest/record.h"
#include "sim/claims.h"
#include "sim/lexicon.h"
#include "sim/population.h"
#include "sim/post_composer.h"
#include "sim/rng.h"
#include "sim/script_converter.h"
#include "sim/sim_params.h"
#include "sim/zstd_stream_writer.h"

namespace sluice::sim {

struct SimCounts {
  uint64_t accounts = 0, posts = 0, engagements = 0;
  uint64_t truth_lines = 0;
  uint64_t max_pending = 0;  // the queue's high-water mark
  uint64_t events() const { return accounts + posts + engagements; }
};

class Simulator {
 public:
  // REQUIRES: every argument outlives the simulator; `claims` come from MakeClaims(p, ...).
  Simulator(const SimParams& p, uint64_t seed, const Lexicon& lex, const ScriptConverter& conv,
            const std::vector<Claim>& claims);

  // Writes every event to `events` and every truth line about accounts and posts to `truth`.
  Status Run(ZstdStreamWriter* events, OutputFile* truth);
  const SimCounts& counts() const { return counts_; }

 private:
  enum class Act : uint8_t {
    kOrganicPost, kHotEvent, kHotPost, kRepost, kEngage, kCamouflage, kWireStory, kWirePost,
    kRumorPost, kSameTopicPost, kDebunkPost, kFakeEngagementStart, kFakeEngagementTarget,
    kLockstepTarget, kCopyPasteRound, kCopyPastePost, kFarmSession, kFarmPost, kSpamPost
  };
  struct Pending {
    int64_t time;
    uint64_t seq;     // insertion order: breaks ties so the order is total
    Act act;
    uint8_t kind;     // an EngagementKind for kEngage
    uint8_t depth;    // cascade depth of a repost
    uint8_t army;     // 1 when a water army acts: no organic follow-ons
    uint32_t account;
    uint32_t a;       // group, claim, story or event index; a repost's parent author
    uint64_t b;       // a post number, round or ordinal
  };
  struct Later {
    bool operator()(const Pending& x, const Pending& y) const {
      return x.time != y.time ? x.time > y.time : x.seq > y.seq;
    }
  };
  struct PoolEntry {
    uint64_t post;
    uint32_t author;
  };

  void Push(Pending e);
  Pending At(int64_t time, Act act, uint32_t account = 0, uint32_t a = 0, uint64_t b = 0);
  int64_t CampaignStart(Rng& rng, int64_t span) const;
  int64_t Clamp(int64_t t) const;

  Status EmitAccounts();
  const std::vector<const Group*>& Groups(Role r) const { return by_role_[static_cast<int>(r)]; }
  void ScheduleInjected();
  void ScheduleOrganicPosts(int64_t t0);
  Status Handle(const Pending& e);

  // Writes a post and returns its number (its id is "m<number>").
  uint64_t EmitPost(uint32_t author, int64_t t, const PostText& text, uint64_t repost_of);
  void EmitEngagement(uint32_t account, uint64_t post, EngagementKind kind, int64_t t);
  void EmitTruth(const struct TruthRecord& r);
  // Organic reactions to a post: engagements and reposts (themselves reposted, level by level).
  void ScheduleReactions(uint64_t post, uint32_t author, int64_t t, double mean, uint8_t depth);
  void AddToPools(uint64_t post, uint32_t author, double mean);
  bool PickTarget(Rng& rng, bool popular, PoolEntry* out) const;
  // An army engagement of `kind` on `post` at t: a repost is also a post. An account engages a
  // post at most once (a platform keeps one like per account and post); returns false when
  // `account` already engaged `post`.
  bool ArmyAct(uint32_t account, uint64_t post, uint32_t post_author, EngagementKind kind,
               int64_t t);
  // Marks (account, post) as engaged by a water army; false when it already was.
  bool FirstTime(uint32_t account, uint64_t post);
  bool Engaged(uint32_t account, uint64_t post) const;
  static uint64_t PairKey(uint32_t account, uint64_t post);
  EngagementKind ArmyKind(Rng& rng) const;
  std::string PostId(uint64_t n) const;
  std::string GroupName(const Group& g) const;
  // The author's id when this is the claim's first rumor post (the events run in time order),
  // else empty; marks the claim started.
  std::string Originator(const Claim& c, uint32_t author);

  const SimParams& p_;
  uint64_t seed_;
  const Lexicon& lex_;
  const ScriptConverter& conv_;
  const std::vector<Claim>& claims_;
  Population pop_;
  PostComposer composer_;
  Rng organic_rng_, inject_rng_;
  int64_t end_;
  std::vector<double> rhythm_;  // posting rate multiplier per local hour, mean 1
  std::vector<HotEvent> hot_events_;
  std::array<std::vector<const Group*>, kRoleCount> by_role_;

  std::priority_queue<Pending, std::vector<Pending>, Later> queue_;
  uint64_t seq_ = 0;
  uint64_t next_post_ = 0;
  std::vector<PoolEntry> recent_, popular_;  // ring buffers of emitted organic posts
  size_t recent_next_ = 0, popular_next_ = 0;

  ZstdStreamWriter* events_ = nullptr;
  OutputFile* truth_file_ = nullptr;
  std::string truth_;
  std::string line_;
  PostText text_;
  std::vector<uint32_t> engagers_, fan_likers_;
  // (account, post) pairs that water armies have engaged: bounded by the campaigns' sizes.
  std::unordered_set<uint64_t> army_pairs_;
  // Per claim: whether its first rumor post (the origin of its cascade) has been written.
  std::vector<uint8_t> claim_started_;
  SimCounts counts_;
};

}  // namespace sluice::sim
