// The per-code-point table behind normalization: for every code point, what it becomes on the
// character channel and on the sound channel, and which normalizations changed it. Built once per
// process from ICU (NFKC case folding, confusable skeletons, Han-Latin), OpenCC (traditional →
// simplified) and the 形近字 table, so normalizing a post costs one table lookup per code point.
//
// Tokens: a character-channel token is a code point. A sound-channel token is the same code
// point, except for Han characters with a reading, whose sound token is kSoundBase + syllable id,
// so 的 and 得 (both "de") share a sound token. A key (the candidate channel) is the sound token
// of the character-channel token: the sound of a look-alike group's first member, so that both
// a 形近字 swap and most 諧音 swaps leave it unchanged; the matcher finds candidates with it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sluice::text {

inline constexpr uint32_t kSoundBase = 0x110000;

struct CharEntry {
  // count == 1: the token (0 means the code point itself); count > 1: first index into pool().
  uint32_t token = 0;
  // count == 1: the sound token (0 means the same as the token).
  uint32_t sound = 0;
  // count == 1: the key (0 means the same as the sound token).
  uint32_t key = 0;
  uint16_t flags = 0;  // Normalization bits: what changed this code point, or why it was dropped
  uint8_t count = 1;   // tokens produced: 0 when the code point is dropped
  uint8_t reserved = 0;
};

struct PooledToken {
  uint32_t token, sound, key;
};

class CharTable {
 public:
  // The process-wide table, built on first use (about half a second) in a thread-safe way;
  // afterwards it is immutable and may be read from any thread.
  static const CharTable& Get();

  // REQUIRES: cp <= 0x10FFFF.
  const CharEntry& Lookup(char32_t cp) const {
    return blocks_[(static_cast<size_t>(stage1_[cp >> 8]) << 8) | (cp & 0xFF)];
  }
  const PooledToken* pool() const { return pool_.data(); }

  // The key of every BMP code point that gives exactly one token, in one flat array (256 KiB,
  // one load per character on the hottest path); 0 for a dropped code point; kSlowKey where
  // Lookup() must be asked (several tokens, or '[' and 'h' that may start a dropped run).
  static constexpr uint32_t kSlowKey = UINT32_MAX;
  const uint32_t* bmp_keys() const { return bmp_keys_.data(); }

  // Readable form of a sound token: the pinyin syllable ("zhong") or the code point as UTF-8.
  std::string SoundName(uint32_t sound) const;

  // Where the traditional → simplified data came from ("opencc" or "icu"), and notes about any
  // part of the table that could not be built (empty when everything was available).
  const std::string& trad_simp_source() const { return trad_simp_source_; }
  const std::string& build_notes() const { return build_notes_; }
  size_t MemoryBytes() const;

 private:
  CharTable() = default;
  friend struct CharTableBuilder;

  std::vector<uint16_t> stage1_;   // cp >> 8 -> block
  std::vector<CharEntry> blocks_;  // 256 entries a block; identical blocks are shared
  std::vector<PooledToken> pool_;
  std::vector<uint32_t> bmp_keys_;
  std::vector<std::string> syllables_;
  std::string trad_simp_source_;
  std::string build_notes_;
};

}  // namespace sluice::text
