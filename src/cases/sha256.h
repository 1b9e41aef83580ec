// SHA-256 (OpenSSL's EVP interface), for the audit chain and for digests of ingested files.
#pragma once

#include <string>
#include <string_view>

namespace sluice {

// Lower-case hex digest of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Incremental form, for files too large to hold at once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view bytes);
  std::string HexDigest();  // finishes; REQUIRES: called once

 private:
  void* ctx_;
};

}  // namespace sluice
