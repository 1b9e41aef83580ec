#include "sim/script_converter.h"

#include <opencc.h>

namespace sluice::sim {
namespace {

opencc_t OpenConfig(const char* name) {
  opencc_t h = opencc_open(name);
  if (h != reinterpret_cast<opencc_t>(-1)) return h;
  // Older packagings do not search the data directory for a bare file name.
  std::string full = std::string("/usr/share/opencc/") + name;
  return opencc_open(full.c_str());
}

std::string Convert(void* handle, std::string_view s) {
  if (s.empty()) return std::string();
  char* out = opencc_convert_utf8(static_cast<opencc_t>(handle), s.data(), s.size());
  if (out == nullptr) return std::string(s);  // OpenCC only fails on invalid UTF-8
  std::string r(out);
  opencc_convert_utf8_free(out);
  return r;
}

}  // namespace

Result<std::shared_ptr<ScriptConverter>> ScriptConverter::Open() {
  std::shared_ptr<ScriptConverter> c(new ScriptConverter());
  opencc_t s2t = OpenConfig("s2t.json");
  if (s2t == reinterpret_cast<opencc_t>(-1))
    return Status::Config("OpenCC: cannot load s2t.json (is libopencc-data installed?)");
  c->s2t_ = s2t;
  opencc_t t2s = OpenConfig("t2s.json");
  if (t2s == reinterpret_cast<opencc_t>(-1))
    return Status::Config("OpenCC: cannot load t2s.json (is libopencc-data installed?)");
  c->t2s_ = t2s;
  return c;
}

ScriptConverter::~ScriptConverter() {
  if (s2t_ != nullptr) opencc_close(static_cast<opencc_t>(s2t_));
  if (t2s_ != nullptr) opencc_close(static_cast<opencc_t>(t2s_));
}

std::string ScriptConverter::ToTraditional(std::string_view s) const { return Convert(s2t_, s); }
std::string ScriptConverter::ToSimplified(std::string_view s) const { return Convert(t2s_, s); }

}  // namespace sluice::sim
