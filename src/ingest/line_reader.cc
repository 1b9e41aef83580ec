#include "ingest/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace sluice {

// A stream of uncompressed bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes; 0 means end of input. An error Status on failure.
  virtual Result<size_t> Read(char* dst, size_t n) = 0;
  virtual uint64_t bytes_in() const = 0;
  virtual bool compressed() const = 0;
};

namespace {

std::string ErrnoText() { return std::strerror(errno); }

// Reads raw bytes from a file descriptor. The first bytes, already read to sniff the format,
// are replayed before the descriptor is read again.
class FdSource : public ByteSource {
 public:
  FdSource(std::string path, int fd, bool owns, std::string prefix)
      : path_(std::move(path)), fd_(fd), owns_(owns), prefix_(std::move(prefix)) {}
  ~FdSource() override {
    if (owns_) ::close(fd_);
  }
  Result<size_t> Read(char* dst, size_t n) override {
    if (prefix_pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(dst, prefix_.data() + prefix_pos_, k);
      prefix_pos_ += k;
      return k;
    }
    for (;;) {
      ssize_t r = ::read(fd_, dst, n);
      if (r >= 0) {
        bytes_in_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": read failed: " + ErrnoText());
    }
  }
  uint64_t bytes_in() const override { return bytes_in_ + prefix_.size(); }
  bool compressed() const override { return false; }

 private:
  std::string path_;
  int fd_;
  bool owns_;
  std::string prefix_;
  size_t prefix_pos_ = 0;
  uint64_t bytes_in_ = 0;
};

// Decompresses a zstd stream (one or more frames) read from another source.
class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::string path, std::unique_ptr<ByteSource> raw)
      : path_(std::move(path)), raw_(std::move(raw)), in_buf_(ZSTD_DStreamInSize()) {
    ds_ = ZSTD_createDStream();
    ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

  Result<size_t> Read(char* dst, size_t n) override {
    ZSTD_outBuffer out{dst, n, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        if (raw_eof_) {
          // A frame still open at the end of input means the file was cut short.
          if (last_ret_ != 0)
            return Status::Corrupt(path_ + ": truncated zstd stream (the file ends inside a frame)");
          return size_t{0};
        }
        Result<size_t> r = raw_->Read(in_buf_.data(), in_buf_.size());
        if (!r.ok()) return r.status();
        if (r.value() == 0) {
          raw_eof_ = true;
          continue;
        }
        in_ = ZSTD_inBuffer{in_buf_.data(), r.value(), 0};
      }
      size_t ret = ZSTD_decompressStream(ds_, &out, &in_);
      if (ZSTD_isError(ret))
        return Status::Corrupt(path_ + ": corrupt zstd data: " + ZSTD_getErrorName(ret));
      last_ret_ = ret;
    }
    return out.pos;
  }
  uint64_t bytes_in() const override { return raw_->bytes_in(); }
  bool compressed() const override { return true; }

 private:
  std::string path_;
  std::unique_ptr<ByteSource> raw_;
  std::vector<char> in_buf_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  ZSTD_DStream* ds_;
  size_t last_ret_ = 0;
  bool raw_eof_ = false;
};

constexpr size_t kChunk = 1 << 20;

}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                     size_t max_line_bytes) {
  int fd;
  bool owns = true;
  std::string name = path;
  if (path == "-") {
    fd = STDIN_FILENO;
    owns = false;
    name = "<stdin>";
  } else {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open: " + ErrnoText());
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      std::string msg = path + ": cannot stat: " + ErrnoText();
      ::close(fd);
      return Status::IoError(msg);
    }
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status::InvalidInput(path + ": is a directory, not a file of events");
    }
  }
  // Sniff the first four bytes for the zstd magic number 0xFD2FB528 (little-endian).
  std::string prefix(4, '\0');
  size_t got = 0;
  while (got < prefix.size()) {
    ssize_t r = ::read(fd, prefix.data() + got, prefix.size() - got);
    if (r == 0) break;
    if (r < 0) {
      if (errno == EINTR) continue;
      std::string msg = name + ": read failed: " + ErrnoText();
      if (owns) ::close(fd);
      return Status::IoError(msg);
    }
    got += static_cast<size_t>(r);
  }
  prefix.resize(got);
  bool zstd = got == 4 && static_cast<unsigned char>(prefix[0]) == 0x28 &&
              static_cast<unsigned char>(prefix[1]) == 0xB5 &&
              static_cast<unsigned char>(prefix[2]) == 0x2F &&
              static_cast<unsigned char>(prefix[3]) == 0xFD;
  std::unique_ptr<ByteSource> src = std::make_unique<FdSource>(name, fd, owns, std::move(prefix));
  if (zstd) src = std::make_unique<ZstdSource>(name, std::move(src));
  return std::unique_ptr<LineReader>(new LineReader(name, std::move(src), max_line_bytes));
}

LineReader::LineReader(std::string path, std::unique_ptr<ByteSource> src, size_t max_line_bytes)
    : path_(std::move(path)), src_(std::move(src)), max_line_bytes_(std::max<size_t>(max_line_bytes, 1)) {
  cap_ = std::max(kChunk, max_line_bytes_ + kChunk / 4);
  buf_.reset(new char[cap_ + kPadding]);
}

LineReader::~LineReader() = default;

uint64_t LineReader::bytes_in() const { return src_->bytes_in(); }
bool LineReader::compressed() const { return src_->compressed(); }

Status LineReader::Fill() {
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (!eof_ && end_ < cap_) {
    Result<size_t> r = src_->Read(buf_.get() + end_, cap_ - end_);
    if (!r.ok()) return r.status();
    if (r.value() == 0) {
      eof_ = true;
      break;
    }
    end_ += r.value();
    break;  // hand out what we have; the caller asks again when it needs more
  }
  return Status::Ok();
}

Result<bool> LineReader::NextBlockInto(char* dst, size_t room, std::string_view* block) {
  // No more than the buffer could take back (below), so a line cut off at the end fits it.
  room = std::min(room, cap_);
  for (;;) {
    // What is buffered first (usually the unfinished line of the last read), then the input.
    const size_t buffered = end_ - begin_;
    size_t total = std::min(buffered, room);
    std::memcpy(dst, buf_.get() + begin_, total);
    const bool emptied = total == buffered;
    if (emptied) {
      begin_ = end_ = 0;
      if (total < room && !eof_) {
        Result<size_t> r = src_->Read(dst + total, room - total);
        if (!r.ok()) return r.status();
        if (r.value() == 0) eof_ = true;
        total += r.value();
      }
    } else {
      begin_ += total;
    }
    // Whole lines, each of at most max_line_bytes_ and its newline: the last newline within
    // max_line_bytes_ + 1 bytes ends a run of allowed lines; the next run starts after it.
    size_t len = 0;
    for (;;) {
      const size_t scan = std::min(total - len, max_line_bytes_ + 1);
      const void* nl = scan == 0 ? nullptr : ::memrchr(dst + len, '\n', scan);
      if (nl == nullptr) break;
      len = static_cast<size_t>(static_cast<const char*>(nl) - dst) + 1;
    }
    // The bytes after the run go back in front of what is buffered.
    const size_t rest = total - len;
    if (emptied) {
      std::memcpy(buf_.get(), dst + len, rest);
      end_ = rest;
    } else {
      begin_ -= rest;
    }
    if (len > 0) {
      *block = std::string_view(dst, len);
      bytes_out_ += len;
      return true;
    }
    // No newline in the first min(total, max_line_bytes_ + 1) bytes.
    if (total > max_line_bytes_) return false;  // an over-long line: Next() takes it
    if (total == room) {                        // the next line is longer than `room`
      *block = std::string_view();
      return true;
    }
    if (eof_) return false;          // a last line without a newline, or the end: Next()
    SLUICE_RETURN_IF_ERROR(Fill());  // a short read (a pipe, zstd): the line is not all here
  }
}

Result<bool> LineReader::Next(Line* line) {
  for (;;) {
    char* start = buf_.get() + begin_;
    size_t avail = end_ - begin_;
    size_t scan = std::min(avail, max_line_bytes_ + 1);
    char* nl = static_cast<char*>(std::memchr(start, '\n', scan));
    if (nl != nullptr) {  // the scan bound makes len <= max_line_bytes_
      size_t len = static_cast<size_t>(nl - start);
      begin_ += len + 1;
      ++line_no_;
      bytes_out_ += len + 1;
      if (len > 0 && start[len - 1] == '\r') --len;
      *line = Line{std::string_view(start, len), line_no_, len, false};
      return true;
    }
    if (avail > max_line_bytes_) {
      // Too long: keep the head for the reject record, drop the rest up to the next newline.
      long_head_.reserve(max_line_bytes_ + kPadding);
      long_head_.assign(start, max_line_bytes_);
      uint64_t full;
      char* rest_nl = static_cast<char*>(std::memchr(start + scan, '\n', avail - scan));
      if (rest_nl != nullptr) {  // the line ends within what is already buffered
        full = static_cast<uint64_t>(rest_nl - start);
        begin_ += full + 1;
      } else {
        full = avail;
        begin_ = end_;
      }
      while (rest_nl == nullptr) {
        SLUICE_RETURN_IF_ERROR(Fill());
        if (end_ == 0 && eof_) break;
        char* p = static_cast<char*>(std::memchr(buf_.get(), '\n', end_));
        if (p != nullptr) {
          size_t k = static_cast<size_t>(p - buf_.get());
          full += k;
          begin_ = k + 1;
          break;
        }
        full += end_;
        begin_ = end_;
        if (eof_) break;
      }
      ++line_no_;
      bytes_out_ += full + 1;
      *line = Line{std::string_view(long_head_.data(), long_head_.size()), line_no_, full, true};
      return true;
    }
    if (eof_) {
      if (avail == 0) return false;
      // A last line without a newline.
      size_t len = avail;
      begin_ = end_;
      ++line_no_;
      bytes_out_ += len;
      if (start[len - 1] == '\r') --len;
      *line = Line{std::string_view(start, len), line_no_, len, false};
      return true;
    }
    SLUICE_RETURN_IF_ERROR(Fill());
  }
}

}  // namespace sluice
