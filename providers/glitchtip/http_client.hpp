#pragma once
// HttpClient talks HTTP to one GlitchTip instance: libcurl's multi interface driven by one
// event loop thread, at most `parallelism` requests in flight, keep-alive connections
// reused, HTTP/2 where the server offers it over TLS. Callers submit requests from any
// thread and get the final answer (after retries) through a callback, or block on one
// request with perform().
//
// Retries: a failed request is sent again, with backoff and jitter (or after Retry-After),
// up to max_retries times, when it failed in a way worth retrying (connection failures,
// timeouts, 429, 502, 503, 504) and it is safe to repeat. A request that is not repeatable
// (a create) is retried only when it cannot have been handled (the connection was never
// made, or 429); any other failure comes back marked `ambiguous` so that the caller can
// learn from GlitchTip whether it happened. Such requests also always use a fresh
// connection, because libcurl silently resends a request once when a reused connection
// dies before answering.
//
// Safety: redirects are never followed; TLS is verified unless the endpoint says
// otherwise; answers are bounded in size; the token only ever appears in the Authorization
// header, and libcurl's verbose output is never turned on.

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "planner/result.hpp"
#include "providers/glitchtip/backoff.hpp"
#include "providers/glitchtip/token.hpp"

namespace gg::glitchtip {

struct Endpoint {
  std::string base_url;  // "https://glitchtip.example.com", no trailing slash
  std::string ca_file;   // a PEM bundle for a private CA; empty: the system's
  bool verify_tls = true;
};

struct TransportOptions {
  int parallelism = 8;  // requests in flight at once
  int max_retries = 3;
  BackoffPolicy backoff;
  std::size_t max_response_bytes = 64u << 20;
};

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // "/api/0/organizations/?limit=100", appended to the base URL
  std::optional<nlohmann::json> body;
  std::chrono::milliseconds timeout{30000};
  bool repeatable = true;  // safe to send twice (GET, PUT, DELETE, idempotent POSTs)
};

struct HttpResponse {
  long status = 0;  // the HTTP status; 0 when there was no answer
  std::string body;
  std::string link;        // the Link header, empty when absent
  std::string failure;     // without an answer: what went wrong, for a person
  bool timed_out = false;  // no answer within the request's timeout
  // No usable answer, and the request may have been handled (a timeout, a dropped
  // connection, 502/503/504): only a fresh read can tell.
  bool ambiguous = false;
  int attempts = 0;
};

struct RequestStats {
  uint64_t requests = 0;  // HTTP requests sent, retries included
  uint64_t retries = 0;
  uint64_t bytes_received = 0;
};

class HttpClient {
 public:
  using Callback = std::function<void(HttpResponse)>;

  // Starts the event loop thread. Fails when libcurl cannot be set up or the CA file is
  // unreadable.
  static Result<std::unique_ptr<HttpClient>> create(Endpoint endpoint, Token token,
                                                    TransportOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Queues a request; `done` runs on the client's loop thread with the final answer. It may
  // submit more requests, but must not call perform() (that would wait on itself).
  void submit(HttpRequest request, Callback done);

  // Sends one request and waits for its final answer. Not from a callback.
  HttpResponse perform(HttpRequest request);

  // Fails every request in flight or queued, and every later one, at once ("the request
  // was cancelled"), without waiting for the server. From any thread; cannot be undone.
  void cancel();

  RequestStats stats() const;
  const std::string& base_url() const;

 private:
  struct Loop;
  explicit HttpClient(std::unique_ptr<Loop> loop);
  std::unique_ptr<Loop> loop_;
};

}  // namespace gg::glitchtip
