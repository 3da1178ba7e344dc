#pragma once
// Runs body(worker, i) for every i in [0, count) on up to one thread per core, the calling
// thread included. `worker` (0 <= worker < worker_count(count)) lets each thread keep state
// of its own (a schema validator). Items are handed out one at a time, so uneven items
// (one large file among small ones) still spread. `body` must not throw.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace gg::definitions {

inline size_t worker_count(size_t count) {
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(1, std::min(count, cores));
}

template <class Body>
void parallel_for(size_t count, const Body& body) {
  const size_t workers = worker_count(count);
  std::atomic<size_t> next{0};
  const auto work = [&](size_t worker) {
    for (size_t i = next++; i < count; i = next++) body(worker, i);
  };
  std::vector<std::jthread> threads;
  threads.reserve(workers - 1);
  for (size_t worker = 1; worker < workers; ++worker) threads.emplace_back(work, worker);
  work(0);
}

}  // namespace gg::definitions
