// Asynchronous calls: one thread per client, started on its first
// asynchronous call, runs every call in flight on one libcurl multi handle
// (no thread per call), with the same retries, deadlines and redaction as a
// blocking call, and hands each result to its completion on that thread.
#pragma once

#include "client.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mp {

class AsyncEngine {
  public:
    using Completion = Client::Completion;

    AsyncEngine(Client &client, Transport &transport);
    // Cancels every call still running (each completion runs, with
    // ErrorKind::Canceled) and joins the thread. Must not run on it.
    ~AsyncEngine();
    AsyncEngine(const AsyncEngine &) = delete;
    AsyncEngine &operator=(const AsyncEngine &) = delete;

    // Queues a prepared call; its completion runs exactly once.
    uint64_t submit(PreparedCall call, Completion done);
    // The call ends with ErrorKind::Canceled unless it has already ended;
    // an unknown or finished id is ignored.
    void cancel(uint64_t id);
    // Opens up to n connections of the engine's multi handle; blocks until
    // they answered or failed. Returns how many answered.
    int warm(int n);

    // The process that started the thread: a child of fork() has no such
    // thread and must start an engine of its own.
    bool belongs_to_this_process() const;

  private:
    using Clock = std::chrono::steady_clock;
    struct Job;
    // Sets the jobs' deadlines and ids (consecutive; returns the first) and
    // wakes the thread once, so that it starts them side by side.
    uint64_t queue(std::vector<std::unique_ptr<Job>> jobs);
    void run();
    void start_attempt(Job &job);
    void complete(Job &job, Client::Result result);
    void finish_transfer(Job &job, int curl_code);

    Client &client_;
    Transport &transport_;
    void *multi_ = nullptr; // CURLM
    unsigned long generation_;

    std::mutex mutex_; // guards the inbox, the cancels and stopping_
    std::vector<std::unique_ptr<Job>> inbox_;
    std::vector<uint64_t> cancels_;
    bool stopping_ = false;
    uint64_t next_id_ = 1;

    std::map<uint64_t, std::unique_ptr<Job>> jobs_; // the thread's own
    long in_flight_ = 0;                            // transfers in the multi (the thread's)
    long max_connections_ = 0;                      // CURLMOPT_MAXCONNECTS now
    static constexpr long kMaxKeptConnections = 1024;
    std::thread thread_;
};

} // namespace mp
