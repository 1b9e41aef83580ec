// Errors are values. A Status is either OK or carries a code and a one-line message meant for a
// person ("events.jsonl: no such file"). Result<T> is a value or a Status, never both.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sluice {

class Status {
 public:
  enum class Code { kOk = 0, kInvalidInput, kNotFound, kIoError, kCorrupt, kConfig, kInternal };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) { return Status(Code::kInvalidInput, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Corrupt(std::string msg) { return Status(Code::kCorrupt, std::move(msg)); }
  static Status Config(std::string msg) { return Status(Code::kConfig, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Result<T> holds a T or a non-OK Status.
// REQUIRES: value() only when ok(); status() is OK when a value is held.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}    // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace sluice

// Propagates a non-OK Status out of the current function.
#define SLUICE_RETURN_IF_ERROR(expr)            \
  do {                                          \
    ::sluice::Status _st = (expr);              \
    if (!_st.ok()) return _st;                  \
  } while (0)
