// The log callback: what the client traces, always redacted before it leaves.
#pragma once

#include <functional>
#include <string_view>

namespace mp {

enum class LogLevel { Error = 1, Warn = 2, Info = 3, Debug = 4 };

struct Logger {
    std::function<void(LogLevel, std::string_view)> sink;
    LogLevel max_level = LogLevel::Info;

    bool enabled(LogLevel level) const { return sink && level <= max_level; }
    void log(LogLevel level, std::string_view message) const {
        if (enabled(level)) sink(level, message);
    }
};

} // namespace mp
