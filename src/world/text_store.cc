#include "world/text_store.h"

#include <algorithm>
#include <cstring>

namespace sluice {

std::string_view TextStore::Append(std::string_view s) {
  if (s.size() > open_left_) {
    // The rest of the open chunk is left unused: at most one text's worth per megabyte.
    const size_t size = std::max(kChunk, s.size());
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    open_ = chunks_.back().get();
    open_left_ = size;
  }
  if (!s.empty()) std::memcpy(open_, s.data(), s.size());
  std::string_view stored(open_, s.size());
  open_ += s.size();
  open_left_ -= s.size();
  bytes_ += s.size();
  return stored;
}

void TextStore::Adopt(std::unique_ptr<char[]> chunk, size_t size) {
  adopted_begin_ = chunk.get();
  adopted_end_ = chunk.get() + size;
  chunks_.push_back(std::move(chunk));
  bytes_ += size;
}

}  // namespace sluice
