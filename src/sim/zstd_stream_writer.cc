#include "sim/zstd_stream_writer.h"

#include <zstd.h>

namespace sluice::sim {
namespace {
constexpr size_t kMaxQueued = 3;  // bounds memory: the producer waits when the worker lags
}  // namespace

ZstdStreamWriter::~ZstdStreamWriter() {
  Stop();
  if (cctx_ != nullptr) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_));
}

Status ZstdStreamWriter::Open(const std::string& path, int level) {
  SLUICE_RETURN_IF_ERROR(out_.Open(path));
  ZSTD_CCtx* c = ZSTD_createCCtx();
  if (c == nullptr) return Status::Internal(path + ": cannot create a zstd context");
  cctx_ = c;
  ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  zbuf_.resize(ZSTD_CStreamOutSize());
  current_.reserve(kChunkBytes + (64 << 10));
  running_ = true;
  worker_ = std::thread([this] { Run(); });
  return Status::Ok();
}

Status ZstdStreamWriter::Compress(const std::string& chunk, bool end) {
  ZSTD_CCtx* c = static_cast<ZSTD_CCtx*>(cctx_);
  ZSTD_inBuffer in{chunk.data(), chunk.size(), 0};
  for (;;) {
    ZSTD_outBuffer out{zbuf_.data(), zbuf_.size(), 0};
    size_t left = ZSTD_compressStream2(c, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(left))
      return Status::IoError(out_.path() + ": zstd: " + ZSTD_getErrorName(left));
    if (out.pos > 0) {
      SLUICE_RETURN_IF_ERROR(out_.Write(std::string_view(zbuf_.data(), out.pos)));
      bytes_out_ += out.pos;
    }
    if (end ? left == 0 : in.pos == in.size) return Status::Ok();
  }
}

void ZstdStreamWriter::Run() {
  for (;;) {
    std::string chunk;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    cv_.notify_all();
    Status st = error_.ok() ? Compress(chunk, false) : Status::Ok();
    chunk.clear();
    std::lock_guard<std::mutex> lock(mu_);
    if (!st.ok() && error_.ok()) error_ = st;
    spare_.push_back(std::move(chunk));
  }
}

Status ZstdStreamWriter::Flush() {
  if (current_.empty()) return Status::Ok();
  bytes_in_ += current_.size();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
  if (!error_.ok()) return error_;
  queue_.push_back(std::move(current_));
  if (!spare_.empty()) {
    current_ = std::move(spare_.front());
    spare_.pop_front();
  } else {
    current_ = std::string();
    current_.reserve(kChunkBytes + (64 << 10));
  }
  lock.unlock();
  cv_.notify_all();
  return Status::Ok();
}

void ZstdStreamWriter::Stop() {
  if (!running_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  worker_.join();
  running_ = false;
}

Status ZstdStreamWriter::Finish() {
  SLUICE_RETURN_IF_ERROR(Flush());
  Stop();
  SLUICE_RETURN_IF_ERROR(error_);
  SLUICE_RETURN_IF_ERROR(Compress(std::string(), true));
  return out_.Commit();
}

}  // namespace sluice::sim
