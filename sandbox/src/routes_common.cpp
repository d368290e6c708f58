#include "routes.hpp"

#include <cmath>

#include "errors.hpp"

namespace mp::sandbox {

std::optional<int64_t> parse_id(const std::string &text) {
    if (!is_digits(text) || text.size() > 18) return std::nullopt;
    return std::stoll(text);
}

int64_t query_int(const Context &ctx, const char *name, int64_t fallback, int64_t min, int64_t max,
                  const json &code) {
    auto value = ctx.query(name);
    if (!value) return fallback;
    if (!is_digits(*value) || value->size() > 12 || std::stoll(*value) < min ||
        std::stoll(*value) > max)
        throw bad_request(code, std::string("Invalid value for '") + name +
                                    "': it must be an integer from " + std::to_string(min) +
                                    " to " + std::to_string(max));
    return std::stoll(*value);
}

std::string search_page(size_t total, int64_t limit, int64_t offset, const std::string &results) {
    std::string out = "{\"paging\":{\"total\":" + std::to_string(total) +
                      ",\"limit\":" + std::to_string(limit) +
                      ",\"offset\":" + std::to_string(offset) + "},\"results\":[";
    out += results;
    out += "]}";
    return out;
}

int64_t cents_of(const json &number) {
    return to_cents(number.get<double>());
}

Payment &payment_or_404(State &state, const Context &ctx) {
    auto id = parse_id(ctx.param(0));
    Payment *payment = id ? state.find_payment(ctx.cred.collector, *id) : nullptr;
    if (!payment) throw not_found(2000, "Payment not found");
    return *payment;
}

Customer &customer_or_404(State &state, const Context &ctx) {
    Customer *customer = state.find_customer(ctx.cred.collector, ctx.param(0));
    if (!customer) throw not_found("not_found", "Customer not found");
    return *customer;
}

std::optional<int64_t> loose_int(const json &value) {
    if (value.is_number_integer()) return value.get<int64_t>();
    if (value.is_number_float()) {
        double d = value.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 1e15)
            return static_cast<int64_t>(d);
        return std::nullopt;
    }
    if (value.is_string()) {
        const auto &s = value.get_ref<const std::string &>();
        if (is_digits(s) && s.size() <= 9) return std::stoll(s);
    }
    return std::nullopt;
}

} // namespace mp::sandbox
