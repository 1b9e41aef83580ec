// Simplified <-> traditional Chinese through OpenCC (Debian's libopencc, configs s2t.json and
// t2s.json). The simulator writes its vocabulary in simplified characters and converts it once
// at start-up for accounts that write traditional; rumor edits convert claims per post.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sluice::sim {

class ScriptConverter {
 public:
  // Loads both OpenCC configs; fails with a message naming the config when OpenCC cannot.
  static Result<std::shared_ptr<ScriptConverter>> Open();
  ~ScriptConverter();
  ScriptConverter(const ScriptConverter&) = delete;
  ScriptConverter& operator=(const ScriptConverter&) = delete;

  std::string ToTraditional(std::string_view s) const;
  std::string ToSimplified(std::string_view s) const;

 private:
  ScriptConverter() = default;
  void* s2t_ = nullptr;
  void* t2s_ = nullptr;
};

}  // namespace sluice::sim
