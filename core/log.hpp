// The log callback: what the client traces, always redacted before it leaves.
#pragma once

#include <atomic>
#include <functional>
#include <string_view>

namespace mp {

enum class LogLevel { Error = 1, Warn = 2, Info = 3, Debug = 4 };

struct Logger {
    std::function<void(LogLevel, std::string_view)> sink;
    // Atomic: a client's level may change while other threads call it
    // (mp_client_set_log_level); 0 logs nothing.
    std::atomic<int> max_level{static_cast<int>(LogLevel::Info)};

    Logger() = default;
    Logger(const Logger &o) : sink(o.sink), max_level(o.max_level.load()) {}
    Logger &operator=(const Logger &o) {
        sink = o.sink;
        max_level.store(o.max_level.load());
        return *this;
    }

    bool enabled(LogLevel level) const {
        return sink && static_cast<int>(level) <= max_level.load(std::memory_order_relaxed);
    }
    void log(LogLevel level, std::string_view message) const {
        if (enabled(level)) sink(level, message);
    }
};

} // namespace mp
