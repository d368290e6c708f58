// The API's resource families; each routes_*.cpp registers its routes here.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>
#include <optional>
#include <string>

#include "accounts.hpp"
#include "router.hpp"
#include "state.hpp"
#include "webhooks.hpp"

namespace mp::sandbox {

struct Env {
    State &state;
    Webhooks &webhooks;
    Accounts &accounts;
};

void add_card_token_routes(Router &router, Env &env);
void add_payment_routes(Router &router, Env &env);
void add_refund_routes(Router &router, Env &env);
void add_customer_routes(Router &router, Env &env);
void add_card_routes(Router &router, Env &env);
void add_catalog_routes(Router &router, Env &env);
void add_preference_routes(Router &router, Env &env);
void add_merchant_order_routes(Router &router, Env &env);
void add_subscription_routes(Router &router, Env &env); // preapproval, plans, invoices
void add_chargeback_routes(Router &router, Env &env);
void add_oauth_routes(Router &router, Env &env);
void add_advanced_payment_routes(Router &router, Env &env);
void add_order_routes(Router &router, Env &env);
void add_point_routes(Router &router, Env &env);
void add_instore_routes(Router &router, Env &env); // stores, POS, QR orders
void add_test_user_routes(Router &router, Env &env);
void add_installment_routes(Router &router, Env &env);
void add_user_routes(Router &router, Env &env); // GET /users/me

// The routes only MercadoPago.js calls (routes_browser.cpp): payment method search, card issuers,
// updateCardToken. Outside add_api_routes, which serves the operations table and nothing else.
void add_browser_routes(Router &router, Env &env);

// The browser side served from the repository's sandbox/web files, embedded at build time
// (routes_web.cpp): GET /js/v2 (the MercadoPago.js test double) and the Secure Fields page.
void add_web_routes(Router &router, bool tls);

// The /__sandbox/accounts and /__sandbox/credentials/renew controls (routes_accounts.cpp).
void add_account_routes(Router &router, Accounts &accounts);

// All of the above: the handlers of the operations table (routes_common.cpp).
void add_api_routes(Router &router, Env &env);

// Helpers shared by the route files.
inline Reply reply(int status, const json &body) {
    return {status, to_text(body)};
}

// The caller's site: its currency, payment methods, identification types (catalog.hpp).
inline const Site &site_of(const Context &ctx) {
    return site_or_default(ctx.cred.site_id);
}

// A numeric path id (payments, refunds), or nullopt.
std::optional<int64_t> parse_id(const std::string &text);

// An integer query parameter within [min, max]; absent -> fallback; else a 400 with `code`.
int64_t query_int(const Context &ctx, const char *name, int64_t fallback, int64_t min, int64_t max,
                  const json &code);

// The limit query parameter of a search: absent or 0 -> fallback (the API answers limit=0 with its
// default page size), else from 1 to max; anything else is a 400 with `code`.
int64_t query_limit(const Context &ctx, int64_t fallback, int64_t max, const json &code);

// {"paging":{"total","limit","offset"},"results":[<texts>]} from already rendered results.
std::string search_page(size_t total, int64_t limit, int64_t offset, const std::string &results);

// A JSON number as cents.
int64_t cents_of(const json &number);

// The caller's payment named by the path parameter `param` ({id}, {payment_id}), else 404 cause
// 2000. Hold the mutex.
Payment &payment_or_404(State &state, const Context &ctx, std::string_view param);

// The caller's customer named by the path parameter `param` ({id}, {customer_id}), else 404.
// Hold the mutex.
Customer &customer_or_404(State &state, const Context &ctx, std::string_view param);

// An integer that may arrive as a JSON integer, an integral float or a digit string.
std::optional<int64_t> loose_int(const json &value);

// --- document families (routes_<family>.cpp) ---------------------------------------------------

// The caller's document `id` in `family`, else a 404 envelope "<what> not found". Hold the mutex.
json &doc_or_404(State &state, const Context &ctx, const char *family, const std::string &id,
                 const char *what);

// The caller's documents of `family` whose top-level `fields` equal the query parameters of the
// same name (scalars compared as text), oldest first. Hold the mutex.
std::vector<const json *> filter_docs(State &state, const Context &ctx, const char *family,
                                      std::initializer_list<const char *> fields);

struct Window {
    int64_t offset = 0;
    int64_t limit = 30;
};
// offset/limit query parameters (see query_limit: limit 0 is the default page size).
Window query_window(const Context &ctx, int64_t default_limit, int64_t max_limit);

// Page shapes: {"paging":{total,limit,offset},"results":[..]}, {"elements":[..],"next_offset",
// "total"}, {"data":[..],"paging":{"total":"<string>","offset","limit"}}.
enum class PageShape { Results, Elements, Data };
std::string render_page(PageShape shape, const std::vector<const json *> &docs, Window window);

// A field that must be a JSON object when present: nullptr when absent or null, else 400.
const json *optional_object(const json &object, const char *key);
// A money amount from a JSON number or a decimal string ("10.50"); nullopt when malformed.
std::optional<int64_t> amount_cents(const json &value);
// Cents as the Orders API writes them: "10.50".
std::string cents_text(int64_t cents);

} // namespace mp::sandbox
