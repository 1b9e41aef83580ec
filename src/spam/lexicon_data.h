// The phrase lists of data/spam/, embedded into the binary at build time (embed_lexicon.cmake
// writes lexicon_data.cc), so `sluice clean` works from any directory.
#pragma once

#include <cstddef>

namespace sluice::spam {

struct EmbeddedFile {
  const char* name;
  const unsigned char* data;
  size_t size;
};

extern const EmbeddedFile kEmbeddedLexicon[];
extern const size_t kEmbeddedLexiconCount;

}  // namespace sluice::spam
