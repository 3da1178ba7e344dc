#include "providers/glitchtip/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace gg::glitchtip {
namespace {

using Clock = std::chrono::steady_clock;

struct Transfer {
  HttpRequest request;
  HttpClient::Callback done;
  int attempt = 0;
  Clock::time_point due;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string request_body;
  std::string response_body;
  std::string link;
  std::string retry_after;
  bool too_large = false;
  std::size_t max_bytes = 0;
  char error[CURL_ERROR_SIZE] = {};
};

bool header_named(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

std::string header_value(std::string_view line, std::size_t name_size) {
  line.remove_prefix(name_size + 1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
    line.remove_suffix(1);
  }
  return std::string(line);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (after a 100 Continue, say)
    transfer->link.clear();
    transfer->retry_after.clear();
  } else if (header_named(line, "link")) {
    transfer->link = header_value(line, 4);
  } else if (header_named(line, "retry-after")) {
    transfer->retry_after = header_value(line, 11);
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  if (transfer->response_body.size() + size * count > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer->response_body.append(data, size * count);
  return size * count;
}

// Failures where the request never reached GlitchTip.
bool never_sent(CURLcode code) {
  return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT;
}

bool transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

bool transient_status(long status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

std::string describe_failure(CURLcode code, const Transfer& transfer, const std::string& base) {
  std::string detail = transfer.error[0] != '\0' ? transfer.error : curl_easy_strerror(code);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(transfer.request.timeout);
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot resolve the host of " + base + " (" + detail + ")";
    case CURLE_COULDNT_CONNECT:
      return "cannot connect to " + base + " (" + detail + ")";
    case CURLE_OPERATION_TIMEDOUT:
      return "no answer within " + std::to_string(seconds.count()) + " s (" + detail + ")";
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return "the connection was closed before GlitchTip answered (" + detail + ")";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "the server's TLS certificate could not be verified (" + detail +
             "); for a private CA set caFile on the Instance";
    case CURLE_WRITE_ERROR:
      if (transfer.too_large) {
        return "the answer is larger than " + std::to_string(transfer.max_bytes >> 20) +
               " MiB; refusing to read it";
      }
      return detail;
    default:
      return detail;
  }
}

}  // namespace

struct HttpClient::Loop {
  Endpoint endpoint;
  Token token;
  TransportOptions options;
  CURLM* multi = nullptr;
  std::thread thread;
  std::mt19937_64 rng{std::random_device{}()};

  std::mutex mutex;  // guards incoming, stopping and cancelled
  std::deque<std::unique_ptr<Transfer>> incoming;
  bool stopping = false;
  bool cancelled = false;  // every request, queued or later, fails at once

  // Owned by the loop thread only.
  std::deque<std::unique_ptr<Transfer>> ready;
  std::vector<std::unique_ptr<Transfer>> delayed;
  std::vector<std::unique_ptr<Transfer>> in_flight;

  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> retries{0};
  std::atomic<uint64_t> bytes{0};

  Loop(Endpoint e, Token t, TransportOptions o)
      : endpoint(std::move(e)), token(std::move(t)), options(o) {}

  ~Loop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    if (multi != nullptr) curl_multi_wakeup(multi);
    if (thread.joinable()) thread.join();
    if (multi != nullptr) curl_multi_cleanup(multi);
  }

  bool start() {
    multi = curl_multi_init();
    if (multi == nullptr) return false;
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, long{options.parallelism});
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, long{options.parallelism} * 2);
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, long{CURLPIPE_MULTIPLEX});
    thread = std::thread([this] { run(); });
    return true;
  }

  void submit(std::unique_ptr<Transfer> transfer) {
    {
      std::lock_guard lock(mutex);
      incoming.push_back(std::move(transfer));
    }
    curl_multi_wakeup(multi);
  }

  bool start_transfer(Transfer& t) {
    t.easy = curl_easy_init();
    if (t.easy == nullptr) return false;
    ++t.attempt;
    t.response_body.clear();
    t.link.clear();
    t.retry_after.clear();
    t.too_large = false;
    t.error[0] = '\0';
    t.max_bytes = options.max_response_bytes;

    const std::string url = endpoint.base_url + t.request.path;
    curl_easy_setopt(t.easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(t.easy, CURLOPT_ERRORBUFFER, t.error);
    curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t.easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(t.easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t.easy, CURLOPT_HTTP_VERSION, long{CURL_HTTP_VERSION_2TLS});
    curl_easy_setopt(t.easy, CURLOPT_TIMEOUT_MS, static_cast<long>(t.request.timeout.count()));
    curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min<int64_t>(t.request.timeout.count(), 10000)));
    curl_easy_setopt(t.easy, CURLOPT_SSL_VERIFYPEER, endpoint.verify_tls ? 1L : 0L);
    curl_easy_setopt(t.easy, CURLOPT_SSL_VERIFYHOST, endpoint.verify_tls ? 2L : 0L);
    if (!endpoint.ca_file.empty())
      curl_easy_setopt(t.easy, CURLOPT_CAINFO, endpoint.ca_file.c_str());
    curl_easy_setopt(t.easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t);
    if (!t.request.repeatable) curl_easy_setopt(t.easy, CURLOPT_FRESH_CONNECT, 1L);

    t.headers = curl_slist_append(nullptr, token.authorization_header().c_str());
    t.headers = curl_slist_append(t.headers, "Accept: application/json");
    if (t.request.method == "GET") {
      curl_easy_setopt(t.easy, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(t.easy, CURLOPT_CUSTOMREQUEST, t.request.method.c_str());
      t.request_body = t.request.body ? t.request.body->dump() : std::string();
      if (t.request.body || t.request.method == "POST" || t.request.method == "PUT") {
        t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
        curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, t.request_body.c_str());
        curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(t.request_body.size()));
      }
    }
    t.headers = curl_slist_append(t.headers, "Expect:");
    curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers);
    ++requests;
    curl_multi_add_handle(multi, t.easy);
    return true;
  }

  void release_handle(Transfer& t) {
    curl_multi_remove_handle(multi, t.easy);
    curl_easy_cleanup(t.easy);
    t.easy = nullptr;
    curl_slist_free_all(t.headers);
    t.headers = nullptr;
  }

  void finish(std::unique_ptr<Transfer> t, HttpResponse response) {
    response.attempts = t->attempt;
    bytes += response.body.size();
    t->done(std::move(response));
  }

  void completed(std::unique_ptr<Transfer> t, CURLcode code) {
    long status = 0;
    if (code == CURLE_OK) curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    release_handle(*t);

    const bool failed = code != CURLE_OK ? transient(code) : transient_status(status);
    const bool cannot_have_happened = (code != CURLE_OK && never_sent(code)) || status == 429;
    const bool may_retry = t->request.repeatable || cannot_have_happened;
    if (failed && may_retry && t->attempt <= options.max_retries) {
      std::optional<int> retry_after;
      if (!t->retry_after.empty()) retry_after = parse_retry_after(t->retry_after);
      t->due = Clock::now() + retry_delay(options.backoff, t->attempt, retry_after, rng);
      ++retries;
      delayed.push_back(std::move(t));
      return;
    }
    HttpResponse response;
    response.status = status;
    if (code != CURLE_OK) {
      response.failure = describe_failure(code, *t, endpoint.base_url);
      response.timed_out = code == CURLE_OPERATION_TIMEDOUT;
      response.ambiguous = transient(code) && !never_sent(code);
    } else {
      response.ambiguous = failed && status != 429;
      response.body = std::move(t->response_body);
      response.link = std::move(t->link);
    }
    finish(std::move(t), std::move(response));
  }

  void fail_unstarted(std::unique_ptr<Transfer> t, const std::string& why) {
    HttpResponse response;
    response.failure = why;
    finish(std::move(t), std::move(response));
  }

  void move_due_and_incoming() {
    {
      std::lock_guard lock(mutex);
      while (!incoming.empty()) {
        ready.push_back(std::move(incoming.front()));
        incoming.pop_front();
      }
    }
    const auto now = Clock::now();
    for (auto it = delayed.begin(); it != delayed.end();) {
      if ((*it)->due <= now) {
        ready.push_front(std::move(*it));
        it = delayed.erase(it);
      } else {
        ++it;
      }
    }
  }

  void start_ready() {
    while (!ready.empty() && static_cast<int>(in_flight.size()) < options.parallelism) {
      auto t = std::move(ready.front());
      ready.pop_front();
      if (!start_transfer(*t)) {
        fail_unstarted(std::move(t), "libcurl could not create a request handle");
        continue;
      }
      in_flight.push_back(std::move(t));
    }
  }

  void collect_completed() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      const auto found = std::find_if(in_flight.begin(), in_flight.end(), [&](const auto& t) {
        return t->easy == message->easy_handle;
      });
      if (found == in_flight.end()) continue;
      auto t = std::move(*found);
      in_flight.erase(found);
      completed(std::move(t), message->data.result);
    }
  }

  int poll_timeout_ms() const {
    if (!ready.empty() && static_cast<int>(in_flight.size()) < options.parallelism) return 0;
    auto wait = std::chrono::milliseconds(1000);
    const auto now = Clock::now();
    for (const auto& t : delayed) {
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(t->due - now));
    }
    return static_cast<int>(std::max<int64_t>(0, wait.count()));
  }

  void cancel() {
    {
      std::lock_guard lock(mutex);
      cancelled = true;
    }
    curl_multi_wakeup(multi);
  }

  // After cancel(): fails every request, including those the failures' callbacks submit,
  // so that whoever waits on them returns promptly.
  void fail_all(const std::string& why) {
    for (auto& t : in_flight) release_handle(*t);
    std::vector<std::unique_ptr<Transfer>> failing;
    for (auto& t : in_flight) failing.push_back(std::move(t));
    for (auto& t : delayed) failing.push_back(std::move(t));
    for (auto& t : ready) failing.push_back(std::move(t));
    in_flight.clear();
    delayed.clear();
    ready.clear();
    {
      std::lock_guard lock(mutex);
      for (auto& t : incoming) failing.push_back(std::move(t));
      incoming.clear();
    }
    for (auto& t : failing) fail_unstarted(std::move(t), why);
  }

  void run() {
    while (true) {
      bool cancelling = false;
      {
        std::lock_guard lock(mutex);
        if (stopping) break;
        cancelling = cancelled;
      }
      if (cancelling) {
        fail_all("the request was cancelled");
        curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
        continue;
      }
      move_due_and_incoming();
      start_ready();
      int running = 0;
      curl_multi_perform(multi, &running);
      collect_completed();
      curl_multi_poll(multi, nullptr, 0, poll_timeout_ms(), nullptr);
    }
    for (auto& t : in_flight) release_handle(*t);
    const std::string why = "the GlitchTip client was shut down before the request finished";
    for (auto& t : in_flight) fail_unstarted(std::move(t), why);
    for (auto& t : delayed) fail_unstarted(std::move(t), why);
    for (auto& t : ready) fail_unstarted(std::move(t), why);
    std::lock_guard lock(mutex);
    for (auto& t : incoming) fail_unstarted(std::move(t), why);
  }
};

Result<std::unique_ptr<HttpClient>> HttpClient::create(Endpoint endpoint, Token token,
                                                       TransportOptions options) {
  static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (global != CURLE_OK) {
    return Error{endpoint.base_url, "libcurl could not be initialised", curl_easy_strerror(global)};
  }
  if (!endpoint.ca_file.empty() && !std::ifstream(endpoint.ca_file)) {
    return Error{endpoint.base_url, "cannot read the CA file " + endpoint.ca_file,
                 "check caFile on the Instance"};
  }
  while (!endpoint.base_url.empty() && endpoint.base_url.back() == '/')
    endpoint.base_url.pop_back();
  options.parallelism = std::max(1, options.parallelism);
  options.max_retries = std::max(0, options.max_retries);
  auto loop = std::make_unique<Loop>(std::move(endpoint), std::move(token), options);
  if (!loop->start()) {
    return Error{loop->endpoint.base_url, "libcurl could not create a multi handle", ""};
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(loop)));
}

HttpClient::HttpClient(std::unique_ptr<Loop> loop) : loop_(std::move(loop)) {}

HttpClient::~HttpClient() = default;

void HttpClient::submit(HttpRequest request, Callback done) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  transfer->done = std::move(done);
  loop_->submit(std::move(transfer));
}

HttpResponse HttpClient::perform(HttpRequest request) {
  std::promise<HttpResponse> answer;
  auto future = answer.get_future();
  submit(std::move(request),
         [&answer](HttpResponse response) { answer.set_value(std::move(response)); });
  return future.get();
}

void HttpClient::cancel() {
  loop_->cancel();
}

RequestStats HttpClient::stats() const {
  return {loop_->requests.load(), loop_->retries.load(), loop_->bytes.load()};
}

const std::string& HttpClient::base_url() const {
  return loop_->endpoint.base_url;
}

}  // namespace gg::glitchtip
