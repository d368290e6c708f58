#include "routes.hpp"

#include <algorithm>
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

int64_t query_limit(const Context &ctx, int64_t fallback, int64_t max, const json &code) {
    int64_t limit = query_int(ctx, "limit", fallback, 0, max, code);
    return limit == 0 ? fallback : limit;
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

Payment &payment_or_404(State &state, const Context &ctx, std::string_view param) {
    auto id = parse_id(ctx.param(param));
    Payment *payment = id ? state.find_payment(ctx.cred.collector, *id) : nullptr;
    if (!payment) throw not_found(2000, "Payment not found");
    return *payment;
}

Customer &customer_or_404(State &state, const Context &ctx, std::string_view param) {
    Customer *customer = state.find_customer(ctx.cred.collector, ctx.param(param));
    if (!customer) throw not_found("not_found", "Customer not found");
    return *customer;
}

void add_api_routes(Router &router, Env &env) {
    add_card_token_routes(router, env);
    add_payment_routes(router, env);
    add_refund_routes(router, env);
    add_customer_routes(router, env);
    add_card_routes(router, env);
    add_catalog_routes(router, env);
    add_preference_routes(router, env);
    add_merchant_order_routes(router, env);
    add_subscription_routes(router, env);
    add_chargeback_routes(router, env);
    add_oauth_routes(router, env);
    add_advanced_payment_routes(router, env);
    add_order_routes(router, env);
    add_point_routes(router, env);
    add_instore_routes(router, env);
    add_test_user_routes(router, env);
    add_installment_routes(router, env);
    add_user_routes(router, env);
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

json &doc_or_404(State &state, const Context &ctx, const char *family, const std::string &id,
                 const char *what) {
    json *doc = state.collections[family].find(ctx.cred.collector, id);
    if (!doc) throw not_found("not_found", std::string(what) + " not found");
    return *doc;
}

namespace {

std::string scalar_text(const json &value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

} // namespace

std::vector<const json *> filter_docs(State &state, const Context &ctx, const char *family,
                                      std::initializer_list<const char *> fields) {
    std::vector<std::pair<const char *, std::string>> wanted;
    for (const char *field : fields)
        if (auto value = ctx.query(field)) wanted.emplace_back(field, *value);
    std::vector<const json *> out;
    for (const json *doc : state.collections[family].list(ctx.cred.collector)) {
        bool ok = true;
        for (const auto &[field, value] : wanted) {
            auto it = doc->find(field);
            if (it == doc->end() || scalar_text(*it) != value) {
                ok = false;
                break;
            }
        }
        if (ok) out.push_back(doc);
    }
    return out;
}

Window query_window(const Context &ctx, int64_t default_limit, int64_t max_limit) {
    Window window;
    window.limit = query_limit(ctx, default_limit, max_limit, 1);
    window.offset = query_int(ctx, "offset", 0, 0, 1'000'000'000, 1);
    return window;
}

std::string render_page(PageShape shape, const std::vector<const json *> &docs, Window window) {
    json items = json::array();
    size_t total = docs.size();
    for (size_t i = static_cast<size_t>(window.offset);
         i < total && i < static_cast<size_t>(window.offset + window.limit); ++i)
        items.push_back(*docs[i]);
    switch (shape) {
    case PageShape::Results:
        return to_text(
            {{"paging", {{"total", total}, {"limit", window.limit}, {"offset", window.offset}}},
             {"results", std::move(items)}});
    case PageShape::Elements: {
        int64_t next = std::min<int64_t>(window.offset + window.limit, static_cast<int64_t>(total));
        return to_text({{"elements", std::move(items)},
                        {"next_offset", std::max<int64_t>(next, window.offset)},
                        {"total", total}});
    }
    case PageShape::Data:
        return to_text({{"data", std::move(items)},
                        {"paging",
                         {{"total", std::to_string(total)},
                          {"offset", window.offset},
                          {"limit", window.limit}}}});
    }
    return "{}";
}

const json *optional_object(const json &object, const char *key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    if (!it->is_object()) throw bad_request(1, std::string(key) + " must be an object");
    return &*it;
}

std::optional<int64_t> amount_cents(const json &value) {
    if (value.is_number()) {
        double d = value.get<double>();
        if (!std::isfinite(d) || std::fabs(d) > 1e13) return std::nullopt;
        return to_cents(d);
    }
    if (!value.is_string()) return std::nullopt;
    const auto &s = value.get_ref<const std::string &>();
    size_t dot = s.find('.');
    std::string whole = s.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (whole.empty() || whole.size() > 12 || !is_digits(whole) || frac.size() > 2 ||
        (!frac.empty() && !is_digits(frac)) || (dot != std::string::npos && frac.empty()))
        return std::nullopt;
    while (frac.size() < 2)
        frac += '0';
    return std::stoll(whole) * 100 + std::stoll(frac);
}

std::string cents_text(int64_t cents) {
    std::string sign = cents < 0 ? "-" : "";
    int64_t v = cents < 0 ? -cents : cents;
    std::string frac = std::to_string(v % 100);
    if (frac.size() < 2) frac = "0" + frac;
    return sign + std::to_string(v / 100) + "." + frac;
}

} // namespace mp::sandbox
