// The API's resource families; each routes_*.cpp registers its routes here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "router.hpp"
#include "state.hpp"
#include "webhooks.hpp"

namespace mp::sandbox {

struct Env {
    State &state;
    Webhooks &webhooks;
};

void add_card_token_routes(Router &router, Env &env);
void add_payment_routes(Router &router, Env &env);
void add_refund_routes(Router &router, Env &env);
void add_customer_routes(Router &router, Env &env);
void add_card_routes(Router &router, Env &env);
void add_catalog_routes(Router &router, Env &env);

// Helpers shared by the route files.
inline Reply reply(int status, const json &body) {
    return {status, to_text(body)};
}

// A numeric path id (payments, refunds), or nullopt.
std::optional<int64_t> parse_id(const std::string &text);

// An integer query parameter within [min, max]; absent -> fallback; else a 400 with `code`.
int64_t query_int(const Context &ctx, const char *name, int64_t fallback, int64_t min, int64_t max,
                  const json &code);

// {"paging":{"total","limit","offset"},"results":[<texts>]} from already rendered results.
std::string search_page(size_t total, int64_t limit, int64_t offset, const std::string &results);

// A JSON number as cents.
int64_t cents_of(const json &number);

// The caller's payment named by the first path parameter, else 404 cause 2000. Hold the mutex.
Payment &payment_or_404(State &state, const Context &ctx);

// The caller's customer named by the first path parameter, else 404. Hold the mutex.
Customer &customer_or_404(State &state, const Context &ctx);

// An integer that may arrive as a JSON integer, an integral float or a digit string.
std::optional<int64_t> loose_int(const json &value);

} // namespace mp::sandbox
