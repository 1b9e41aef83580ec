#include "core/output_stream.h"

#include <zstd.h>

namespace sluice {
namespace {
constexpr size_t kBlock = 1 << 20;  // bytes gathered before each call into zstd

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}
}  // namespace

OutputStream::~OutputStream() { Abandon(); }

Status OutputStream::Open(const std::string& path, int zstd_level) {
  Abandon();
  SLUICE_RETURN_IF_ERROR(file_.Open(path));
  bytes_in_ = 0;
  if (path != "-" && EndsWith(path, ".zst")) {
    cctx_ = ZSTD_createCCtx();
    if (cctx_ == nullptr) return Status::Internal(path + ": cannot start zstd compression");
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, zstd_level);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
    out_buf_.resize(ZSTD_CStreamOutSize());
    pending_.reserve(kBlock);
  }
  return Status::Ok();
}

Status OutputStream::Compress(bool end) {
  ZSTD_inBuffer in{pending_.data(), pending_.size(), 0};
  ZSTD_EndDirective mode = end ? ZSTD_e_end : ZSTD_e_continue;
  for (;;) {
    ZSTD_outBuffer out{out_buf_.data(), out_buf_.size(), 0};
    size_t left = ZSTD_compressStream2(cctx_, &out, &in, mode);
    if (ZSTD_isError(left))
      return Status::Internal(path() + ": zstd compression failed: " + ZSTD_getErrorName(left));
    SLUICE_RETURN_IF_ERROR(file_.Write(std::string_view(out_buf_.data(), out.pos)));
    if (end ? left == 0 : in.pos == in.size) break;
  }
  pending_.clear();
  return Status::Ok();
}

Status OutputStream::Write(std::string_view bytes) {
  bytes_in_ += bytes.size();
  if (cctx_ == nullptr) return file_.Write(bytes);
  pending_.append(bytes);
  if (pending_.size() >= kBlock) return Compress(false);
  return Status::Ok();
}

Status OutputStream::Commit() {
  if (cctx_ != nullptr) {
    SLUICE_RETURN_IF_ERROR(Compress(true));
    ZSTD_freeCCtx(cctx_);
    cctx_ = nullptr;
  }
  return file_.Commit();
}

void OutputStream::Abandon() {
  if (cctx_ != nullptr) ZSTD_freeCCtx(cctx_);
  cctx_ = nullptr;
  pending_.clear();
  file_.Abandon();
}

}  // namespace sluice
