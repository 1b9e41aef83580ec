// The fixed names of the truth/findings contract (docs/findings.md). The names are part of the
// contract: detectors, the simulator and converted outside tools all write them, so they must
// never change; the enum order is the order eval prints them in.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::eval {

enum class Subject : uint8_t { kAccount, kPost, kPage };
inline constexpr std::array<std::string_view, 3> kSubjectNames = {"account", "post", "page"};

// kOrganic marks a labelled negative (a hard negative or a confounder); the other four are the
// positive labels a detector is scored on.
enum class Label : uint8_t { kRumor, kCopyPaste, kSpam, kWaterArmy, kOrganic };
inline constexpr std::array<std::string_view, 5> kLabelNames = {"rumor", "copy_paste", "spam",
                                                                "water_army", "organic"};
inline constexpr int kPositiveLabelCount = 4;

enum class Tactic : uint8_t { kFakeEngagement, kLockstep, kCopyPaste, kDeviceFarm };
inline constexpr std::array<std::string_view, 4> kTacticNames = {
    "fake_engagement", "lockstep", "copy_paste", "device_farm"};

enum class EditKind : uint8_t {
  kExact, kTradSimp, kPunctuation, kEmoji, kZeroWidth, kFullwidth, kHomoglyph, kLookalikeHan,
  kHomophone, kPartial, kEmbedded
};
inline constexpr std::array<std::string_view, 11> kEditKindNames = {
    "exact",     "trad_simp", "punctuation",   "emoji",     "zero_width", "fullwidth",
    "homoglyph", "lookalike_han", "homophone", "partial",   "embedded"};
// The breakdown row for rumor posts that carry two or more edits.
inline constexpr std::string_view kMultiEditName = "multi";

enum class HardNegative : uint8_t { kSameTopic, kDebunk };
inline constexpr std::array<std::string_view, 2> kHardNegativeNames = {"same_topic", "debunk"};

enum class Confounder : uint8_t { kFamilyDevice, kCampusIp, kFan, kNewsWire };
inline constexpr std::array<std::string_view, 4> kConfounderNames = {"family_device", "campus_ip",
                                                                     "fan", "news_wire"};

// The index of `s` in `names`, or nullopt when it is not one of them.
template <size_t N>
std::optional<uint8_t> LookupName(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<uint8_t>(i);
  return std::nullopt;
}

// "a, b or c": the accepted names, for error messages.
template <size_t N>
std::string NameList(const std::array<std::string_view, N>& names) {
  std::string s;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) s += i + 1 == N ? " or " : ", ";
    s += names[i];
  }
  return s;
}

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, E e) {
  return names[static_cast<size_t>(e)];
}

}  // namespace sluice::eval
