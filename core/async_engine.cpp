#include "async_engine.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>

namespace mp {

using InLibcurl = Transport::InLibcurl;

struct AsyncEngine::Job {
    uint64_t id = 0;
    PreparedCall call;
    Completion done;
    Clock::time_point deadline;
    Clock::time_point not_before; // the next attempt waits until then (backoff)
    Clock::time_point sent;
    int attempt = 0;
    bool warm = false;                             // a warm-up HEAD: no retries, no logs
    std::unique_ptr<Transport::Transfer> transfer; // while an attempt is in flight
};

namespace {

long ms_left(std::chrono::steady_clock::time_point until) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  until - std::chrono::steady_clock::now())
                  .count();
    return static_cast<long>(std::max<decltype(ms)>(ms, 0));
}

} // namespace

AsyncEngine::AsyncEngine(Client &client, Transport &transport)
    : client_(client), transport_(transport), generation_(Transport::generation()) {
    multi_ = curl_multi_init();
    if (!multi_) throw Error(ErrorKind::NoMemory, "out of memory");
    // HTTP/2 streams share a connection where the server offers it;
    // otherwise each call in flight gets a connection, kept for the next.
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    // Idle connections kept for the next calls: the client's setting, or as
    // many as the busiest moment had in flight (start_attempt), so that the
    // next burst of that size finds them open; libcurl's own default
    // shrinks as the calls of a burst end.
    max_connections_ = static_cast<long>(std::max<size_t>(client.config_.max_idle_connections, 1));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, max_connections_);
    thread_ = std::thread([this] { run(); });
}

AsyncEngine::~AsyncEngine() {
    if (!belongs_to_this_process()) {
        // A child of fork(): the thread and the connections are the parent's.
        thread_.detach();
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    curl_multi_wakeup(multi_);
    thread_.join();
    InLibcurl in_libcurl; // closing connections is TLS work
    curl_multi_cleanup(multi_);
}

bool AsyncEngine::belongs_to_this_process() const {
    return Transport::generation() == generation_;
}

uint64_t AsyncEngine::queue(std::vector<std::unique_ptr<Job>> jobs) {
    const auto now = Clock::now();
    for (auto &job : jobs) {
        job->deadline = now + std::chrono::milliseconds(job->call.timeout_ms);
        job->not_before = now;
    }
    uint64_t first;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) throw Error(ErrorKind::InvalidArgument, "the client is being freed");
        first = next_id_;
        for (auto &job : jobs) {
            job->id = next_id_++;
            inbox_.push_back(std::move(job));
        }
    }
    curl_multi_wakeup(multi_);
    return first;
}

uint64_t AsyncEngine::submit(PreparedCall call, Completion done) {
    auto job = std::make_unique<Job>();
    job->call = std::move(call);
    job->done = std::move(done);
    std::vector<std::unique_ptr<Job>> one;
    one.push_back(std::move(job));
    return queue(std::move(one));
}

void AsyncEngine::cancel(uint64_t id) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        cancels_.push_back(id);
    }
    curl_multi_wakeup(multi_);
}

int AsyncEngine::warm(int n) {
    std::mutex m;
    std::condition_variable cv;
    int left = n, answered = 0;
    // Queued together: were the first HEAD answered before the next started,
    // the next would take its connection instead of opening one.
    std::vector<std::unique_ptr<Job>> jobs;
    for (int i = 0; i < n; ++i) {
        auto job = std::make_unique<Job>();
        job->warm = true;
        job->call.http = transport_.warm_request();
        job->call.timeout_ms = job->call.http.timeout_ms;
        job->done = [&](uint64_t, Client::Result r) {
            std::lock_guard<std::mutex> lock(m);
            answered += r.response ? 1 : 0;
            if (--left == 0) cv.notify_one();
        };
        jobs.push_back(std::move(job));
    }
    try {
        queue(std::move(jobs));
    } catch (const Error &) { // the client is being freed: nothing was queued
        return 0;
    }
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return left == 0; });
    return answered;
}

void AsyncEngine::start_attempt(Job &job) {
    ++job.attempt;
    if (job.warm)
        job.call.http.timeout_ms = std::max(1L, ms_left(job.deadline));
    else
        client_.before_attempt(job.call, job.attempt, ms_left(job.deadline));
    job.transfer = std::make_unique<Transport::Transfer>();
    CURL *easy = transport_.begin(*job.transfer, job.call.http);
    // Calls wait for a multiplexed HTTP/2 connection rather than open more;
    // warming is meant to open them.
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, job.warm ? 0L : 1L);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, reinterpret_cast<char *>(job.id));
    job.sent = Clock::now();
    ++in_flight_;
    if (in_flight_ > max_connections_ && in_flight_ <= kMaxKeptConnections) {
        max_connections_ = in_flight_;
        curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, max_connections_);
    }
    CURLMcode mc;
    {
        InLibcurl in_libcurl;
        mc = curl_multi_add_handle(multi_, easy);
    }
    if (mc != CURLM_OK) finish_transfer(job, CURLE_FAILED_INIT);
}

// The end of an attempt (its handle already out of the multi): a result,
// or a retry after a pause.
void AsyncEngine::finish_transfer(Job &job, int curl_code) {
    --in_flight_;
    Transport::Outcome outcome = transport_.end(*job.transfer, curl_code);
    job.transfer.reset();
    long took = static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - job.sent).count());
    Client::Result result;
    if (job.warm) {
        if (outcome.ok) result.response.emplace().http = std::move(outcome.response);
        complete(job, std::move(result));
        return;
    }
    long delay = 0;
    if (client_.settle(job.call, job.attempt, took, std::move(outcome), ms_left(job.deadline),
                       result, delay)) {
        job.not_before = Clock::now() + std::chrono::milliseconds(delay);
        return;
    }
    complete(job, std::move(result));
}

void AsyncEngine::complete(Job &job, Client::Result result) {
    uint64_t id = job.id;
    Completion done = std::move(job.done);
    jobs_.erase(id); // job is gone from here on
    // A completion that throws would end the thread: the C API's never do.
    try {
        done(id, std::move(result));
    } catch (...) {
    }
}

void AsyncEngine::run() {
    for (;;) {
        std::vector<std::unique_ptr<Job>> arrived;
        std::vector<uint64_t> canceled;
        bool stopping;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            arrived.swap(inbox_);
            canceled.swap(cancels_);
            stopping = stopping_;
        }
        for (auto &job : arrived) {
            uint64_t id = job->id;
            jobs_.emplace(id, std::move(job));
        }
        if (stopping) {
            canceled.clear();
            for (auto &[id, job] : jobs_)
                canceled.push_back(id);
        }
        for (uint64_t id : canceled) {
            auto it = jobs_.find(id);
            if (it == jobs_.end()) continue; // already ended
            Job &job = *it->second;
            if (job.transfer) {
                {
                    InLibcurl in_libcurl;
                    curl_multi_remove_handle(multi_, job.transfer->easy_handle());
                }
                transport_.end(*job.transfer, CURLE_ABORTED_BY_CALLBACK);
                job.transfer.reset();
                --in_flight_;
            }
            Client::Result result;
            ErrorDetail &e = result.error.emplace();
            e.kind = ErrorKind::Canceled;
            e.message =
                stopping ? "the call was canceled: its client was freed" : "the call was canceled";
            e.idempotency_key = job.call.idempotency_key;
            e.attempts = job.attempt;
            complete(job, std::move(result));
        }
        if (stopping) return;

        // Attempts whose time has come start; the others set the wait.
        auto now = Clock::now();
        long wait_ms = 1000;
        std::vector<uint64_t> due;
        for (auto &[id, job] : jobs_) {
            if (job->transfer) continue;
            if (job->not_before <= now)
                due.push_back(id);
            else
                wait_ms = std::min<long>(
                    wait_ms,
                    static_cast<long>(
                        std::chrono::duration_cast<std::chrono::milliseconds>(job->not_before - now)
                            .count()) +
                        1);
        }
        for (uint64_t id : due) {
            auto it = jobs_.find(id);
            try {
                start_attempt(*it->second);
            } catch (const Error &e) {
                Client::Result result;
                result.error = e.detail();
                complete(*it->second, std::move(result));
            } catch (...) {
                Client::Result result;
                result.error.emplace().message = "out of memory";
                result.error->kind = ErrorKind::NoMemory;
                complete(*it->second, std::move(result));
            }
        }

        int running = 0;
        std::vector<std::pair<uint64_t, CURLcode>> ended;
        {
            InLibcurl in_libcurl;
            curl_multi_perform(multi_, &running);
            int queued = 0;
            while (CURLMsg *msg = curl_multi_info_read(multi_, &queued)) {
                if (msg->msg != CURLMSG_DONE) continue;
                char *priv = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
                ended.emplace_back(reinterpret_cast<uint64_t>(priv), msg->data.result);
                curl_multi_remove_handle(multi_, msg->easy_handle);
            }
        }
        // Outside the fork lock: a completion may take its time (a binding
        // takes its interpreter's lock there).
        for (auto &[id, rc] : ended) {
            auto it = jobs_.find(id);
            if (it != jobs_.end() && it->second->transfer) finish_transfer(*it->second, rc);
        }
        // Waiting outside the lock; libcurl shortens the wait to its own
        // next timeout, curl_multi_wakeup (a new call, a cancel) ends it.
        curl_multi_poll(multi_, nullptr, 0, static_cast<int>(std::max(0L, wait_ms)), nullptr);
    }
}

} // namespace mp
