#pragma once
// Result<T> is either a value or the errors that prevented it. It is how every boundary
// (loading files, talking to GlitchTip) reports failure; callers test ok() and then take
// value() or errors(). Result<void> carries only the errors.

#include <cassert>
#include <optional>
#include <utility>

#include "planner/error.hpp"

namespace gg {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}       // NOLINT(google-explicit-constructor)
  Result(Error error) : errors_{std::move(error)} {}  // NOLINT(google-explicit-constructor)
  Result(Errors errors) : errors_(std::move(errors)) { assert(!errors_.empty()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }

  const Errors& errors() const { return errors_; }
  const Error& error() const { return errors_.front(); }

 private:
  std::optional<T> value_;
  Errors errors_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : errors_{std::move(error)} {}     // NOLINT(google-explicit-constructor)
  Result(Errors errors) : errors_(std::move(errors)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return errors_.empty(); }
  explicit operator bool() const { return ok(); }
  const Errors& errors() const { return errors_; }
  const Error& error() const { return errors_.front(); }

 private:
  Errors errors_;
};

using Status = Result<void>;

}  // namespace gg
