#pragma once
// The current time as ISO-8601 UTC with second precision ("2026-11-29T05:00:00Z"), the form
// of every time stamp in the snapshot and its lock, and of a plan's created_at.

#include <chrono>
#include <string>

namespace gg {

std::string iso8601_utc(std::chrono::system_clock::time_point time);
std::string now_iso8601_utc();

}  // namespace gg
