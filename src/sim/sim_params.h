// Every knob of the simulator, with defaults per scale. A --config JSON file overrides any of
// them by key; docs/sim.md lists each key, its meaning and its default at every scale.
//
// Counts of injected items are exact (the truth file holds precisely what the parameters ask
// for); organic volumes are means of random draws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sluice::sim {

enum class Scale { kTiny, kSmall, kMedium, kLarge };
std::optional<Scale> ParseScale(std::string_view s);
std::string_view ScaleName(Scale s);

struct SimParams {
  // The organic world.
  int64_t accounts = 0;              // all accounts, organic and injected
  int64_t days = 0;                  // length of the simulated period
  int64_t start = 0;                 // Unix seconds of the period's start
  double posts_per_account_day = 0;  // mean original posts of an organic account per day
  double activity_zipf = 0;          // activity tail: P(rank < r) ~ (r/n)^(1-s) (Rng::PowerRank, offset n/1000)
  int64_t followers_max = 0;         // followers of the most followed account
  double followers_zipf = 0;         // followers of rank r: followers_max * r^-followers_zipf
  double engagements_per_post = 0;   // mean direct engagements of an original post
  double popularity_exponent = 0;    // engagements scale with followers^popularity_exponent
  double engagement_sigma = 0;       // log-normal spread of one post's engagement count
  double repost_share = 0;           // share of engagements that are reposts
  double comment_share = 0;          // share that are comments (the rest are likes)
  double repost_decay = 0;           // mean engagements of a repost relative to its parent
  int64_t max_cascade_depth = 0;     // reposts deeper than this are not reposted again
  double delay_median_s = 0;         // median delay from a post to an engagement
  double delay_sigma = 0;            // log-normal spread of that delay
  int64_t delay_max_s = 0;           // longest delay
  double traditional_fraction = 0;   // accounts that write traditional characters
  double emoji_prob = 0;             // chance an organic post carries emoji
  double hashtag_prob = 0;           // ... a #hashtag#
  double mention_prob = 0;           // ... an @mention
  double url_prob = 0;               // ... a URL
  int64_t hot_events = 0;            // events many organic users discuss at once
  double hot_event_posts = 0;        // mean posts per hot event
  int64_t hot_event_window_s = 0;    // the burst's e-folding time

  // Organic confounders: look like coordination, labelled organic.
  int64_t family_groups = 0;         // households sharing one device and IP
  int64_t family_size_max = 0;       // household sizes cycle 2..family_size_max
  int64_t campus_groups = 0;         // campus networks sharing one IP
  int64_t campus_size = 0;          // accounts per campus
  int64_t fan_groups = 0;            // popular accounts with devoted fans
  int64_t fans_per_group = 0;       // fans of each idol
  double fan_like_prob = 0;          // chance a fan likes each post of the idol
  int64_t fan_delay_max_s = 0;       // fans like within this many seconds
  int64_t news_accounts = 0;         // outlets that all publish each wire story
  int64_t wire_stories = 0;         // stories every outlet publishes
  int64_t wire_spread_s = 0;         // outlets publish a story within this many seconds

  // Rumors and their hard negatives.
  int64_t claims = 0;                // debunked claims in claims.jsonl
  int64_t rumor_posts_per_claim = 0;  // organic posts spreading each claim
  double multi_edit_fraction = 0;    // rumor posts that combine two or three edits
  int64_t same_topic_per_claim = 0;  // on-topic posts that do not assert the claim
  int64_t debunk_per_claim = 0;      // posts that quote the claim to refute it
  double traditional_claim_fraction = 0;  // claims registered in traditional characters
  int64_t rumor_window_s = 0;        // rumor posts spread over this long around the debunk

  // Water armies.
  int64_t fake_engagement_groups = 0;    // FRAUDAR-style blocks of fake engagement
  int64_t fake_engagement_accounts = 0;  // n
  int64_t fake_engagement_targets = 0;   // m target posts per group
  double fake_engagement_density = 0;    // p: chance each account engages each target
  double camouflage_ratio = 0;           // camouflage engagements per fraud engagement
  double camouflage_popular = 0;         // share of camouflage aimed at popular posts
  int64_t fake_engagement_window_s = 0;  // fraud and camouflage land within this after a target
  int64_t lockstep_groups = 0;           // groups acting on common targets in step
  int64_t lockstep_size = 0;             // accounts per group
  int64_t lockstep_targets = 0;          // common targets per group
  double lockstep_participation = 0;     // chance a member joins each target
  int64_t lockstep_window_s = 0;         // members act within this many seconds of each other
  int64_t lockstep_span_s = 0;           // the group's targets spread over this long
  int64_t copy_paste_groups = 0;         // groups posting variants of one text
  int64_t copy_paste_size = 0;           // k accounts
  int64_t copy_paste_rounds = 0;         // texts per group; every member posts each once
  int64_t copy_paste_window_s = 0;       // a round's posts fall within this many seconds
  double copy_paste_shared_tag = 0;      // chance a round shares one hashtag
  double copy_paste_shared_link = 0;     // chance a round shares one link
  double copy_paste_rumor_fraction = 0;  // groups whose texts spread a claim
  int64_t device_farm_groups = 0;        // phone farms run by group-control software
  int64_t farm_devices = 0;              // devices per farm
  int64_t farm_accounts_per_device = 0;  // N
  int64_t farm_sessions = 0;             // sessions per farm
  int64_t farm_session_targets = 0;      // posts every account engages in a session
  double farm_post_prob = 0;             // chance an account also posts in a session

  // Spam.
  int64_t pages = 0;                     // crawled pages in pages/
  double spam_page_fraction = 0;         // pages with an injected keyword block
  double spam_midpage_fraction = 0;      // of those, blocks injected mid-page (also or instead)
  int64_t spam_posts = 0;                // posts with a spam tail
  int64_t spammers = 0;                  // accounts that post them
};

SimParams DefaultParams(Scale scale);

// Calls f(key, field, min, max) for every parameter, in documentation order. `field` is an
// int64_t& or a double&.
template <typename P, typename F>
void ForEachParam(P& p, F&& f);

// Overrides fields from a JSON object of {key: number}. An unknown key, a non-number, a
// fraction given for a count, or a value out of range is an error naming `path` and the key.
Status ApplyConfigFile(const std::string& path, SimParams* p);
Status ApplyConfigJson(std::string_view json, const std::string& path, SimParams* p);

// Checks that the parameters fit together (enough organic accounts for the groups asked for).
Status ValidateParams(const SimParams& p);

// The parameters as one JSON object, keys in documentation order.
std::string ParamsToJson(const SimParams& p);

// Accounts taken by injected groups (water armies and spammers).
int64_t InjectedAccounts(const SimParams& p);
// Organic accounts that belong to a confounder group.
int64_t ConfounderAccounts(const SimParams& p);
// Whether copy-paste group g (0-based) spreads a claim: groups 0, 1/f, 2/f... do, so
// ceil(groups * copy_paste_rumor_fraction) groups do in all (when there are claims).
bool IsRumorGroup(const SimParams& p, int64_t g);
// Members of household g (0-based): sizes cycle 2..family_size_max.
int64_t FamilySize(const SimParams& p, int64_t g);

template <typename P, typename F>
void ForEachParam(P& p, F&& f) {
  constexpr double kBig = 1e12;
  f("accounts", p.accounts, 50, 2e9);
  f("days", p.days, 1, 3650);
  f("start", p.start, 0, 4e9);
  f("posts_per_account_day", p.posts_per_account_day, 0, 1000);
  f("activity_zipf", p.activity_zipf, 0, 0.95);
  f("followers_max", p.followers_max, 1, kBig);
  f("followers_zipf", p.followers_zipf, 0, 3);
  f("engagements_per_post", p.engagements_per_post, 0, 10000);
  f("popularity_exponent", p.popularity_exponent, 0, 2);
  f("engagement_sigma", p.engagement_sigma, 0, 4);
  f("repost_share", p.repost_share, 0, 1);
  f("comment_share", p.comment_share, 0, 1);
  f("repost_decay", p.repost_decay, 0, 0.95);
  f("max_cascade_depth", p.max_cascade_depth, 1, 50);
  f("delay_median_s", p.delay_median_s, 1, 1e6);
  f("delay_sigma", p.delay_sigma, 0, 5);
  f("delay_max_s", p.delay_max_s, 60, 1e7);
  f("traditional_fraction", p.traditional_fraction, 0, 1);
  f("emoji_prob", p.emoji_prob, 0, 1);
  f("hashtag_prob", p.hashtag_prob, 0, 1);
  f("mention_prob", p.mention_prob, 0, 1);
  f("url_prob", p.url_prob, 0, 1);
  f("hot_events", p.hot_events, 0, 1e6);
  f("hot_event_posts", p.hot_event_posts, 0, 1e7);
  f("hot_event_window_s", p.hot_event_window_s, 60, 1e7);
  f("family_groups", p.family_groups, 0, 1e8);
  f("family_size_max", p.family_size_max, 2, 20);
  f("campus_groups", p.campus_groups, 0, 1e7);
  f("campus_size", p.campus_size, 2, 1e6);
  f("fan_groups", p.fan_groups, 0, 1e6);
  f("fans_per_group", p.fans_per_group, 1, 1e6);
  f("fan_like_prob", p.fan_like_prob, 0, 1);
  f("fan_delay_max_s", p.fan_delay_max_s, 10, 1e6);
  f("news_accounts", p.news_accounts, 0, 1e5);
  f("wire_stories", p.wire_stories, 0, 1e6);
  f("wire_spread_s", p.wire_spread_s, 60, 1e6);
  f("claims", p.claims, 0, 1e6);
  f("rumor_posts_per_claim", p.rumor_posts_per_claim, 0, 1e6);
  f("multi_edit_fraction", p.multi_edit_fraction, 0, 1);
  f("same_topic_per_claim", p.same_topic_per_claim, 0, 1e6);
  f("debunk_per_claim", p.debunk_per_claim, 0, 1e6);
  f("traditional_claim_fraction", p.traditional_claim_fraction, 0, 1);
  f("rumor_window_s", p.rumor_window_s, 60, 1e8);
  f("fake_engagement_groups", p.fake_engagement_groups, 0, 1e6);
  f("fake_engagement_accounts", p.fake_engagement_accounts, 1, 1e6);
  f("fake_engagement_targets", p.fake_engagement_targets, 1, 1e6);
  f("fake_engagement_density", p.fake_engagement_density, 0, 1);
  f("camouflage_ratio", p.camouflage_ratio, 0, 100);
  f("camouflage_popular", p.camouflage_popular, 0, 1);
  f("fake_engagement_window_s", p.fake_engagement_window_s, 60, 1e8);
  f("lockstep_groups", p.lockstep_groups, 0, 1e6);
  f("lockstep_size", p.lockstep_size, 2, 1e6);
  f("lockstep_targets", p.lockstep_targets, 1, 1e6);
  f("lockstep_participation", p.lockstep_participation, 0, 1);
  f("lockstep_window_s", p.lockstep_window_s, 1, 1e6);
  f("lockstep_span_s", p.lockstep_span_s, 60, 1e8);
  f("copy_paste_groups", p.copy_paste_groups, 0, 1e6);
  f("copy_paste_size", p.copy_paste_size, 2, 1e6);
  f("copy_paste_rounds", p.copy_paste_rounds, 1, 1e4);
  f("copy_paste_window_s", p.copy_paste_window_s, 1, 1e7);
  f("copy_paste_shared_tag", p.copy_paste_shared_tag, 0, 1);
  f("copy_paste_shared_link", p.copy_paste_shared_link, 0, 1);
  f("copy_paste_rumor_fraction", p.copy_paste_rumor_fraction, 0, 1);
  f("device_farm_groups", p.device_farm_groups, 0, 1e6);
  f("farm_devices", p.farm_devices, 1, 1e6);
  f("farm_accounts_per_device", p.farm_accounts_per_device, 2, 1e4);
  f("farm_sessions", p.farm_sessions, 1, 1e5);
  f("farm_session_targets", p.farm_session_targets, 1, 1e4);
  f("farm_post_prob", p.farm_post_prob, 0, 1);
  f("pages", p.pages, 0, 1e8);
  f("spam_page_fraction", p.spam_page_fraction, 0, 1);
  f("spam_midpage_fraction", p.spam_midpage_fraction, 0, 1);
  f("spam_posts", p.spam_posts, 0, 1e9);
  f("spammers", p.spammers, 1, 1e7);
}

}  // namespace sluice::sim
