// The texts of a world's posts: bytes in chunks that never move, so a text's address is fixed
// once stored and growing the store copies nothing (one growing buffer copied every text into
// fresh pages at each doubling).
//
// Texts come in two ways: Append copies one in; Adopt takes a whole chunk of texts written by
// someone else (ingest's parsing thread copies a batch's texts into a chunk, off the building
// thread) and InLastAdopted tells whether a text already lies in the chunk taken last, so it
// need not be copied again.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace sluice {

class TextStore {
 public:
  // A copy of s that stays where it is as long as the store.
  std::string_view Append(std::string_view s);
  // Takes over `size` bytes of text at chunk.get().
  void Adopt(std::unique_ptr<char[]> chunk, size_t size);
  bool InLastAdopted(std::string_view s) const {
    return s.data() >= adopted_begin_ && s.data() + s.size() <= adopted_end_;
  }
  // Bytes of text held (adopted chunks count whole).
  size_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kChunk = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* open_ = nullptr;  // where Append writes next, in the last chunk it opened
  size_t open_left_ = 0;
  const char* adopted_begin_ = nullptr;
  const char* adopted_end_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace sluice
