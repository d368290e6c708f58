// The sandbox's own account controls (no credentials needed, like the other /__sandbox/ routes):
//   POST /__sandbox/accounts {"site_id":"MLA"}     201: a new account with both pairs issued
//   GET  /__sandbox/accounts/{id}                  200: the account and its current pairs
//   POST /__sandbox/credentials/renew              200: the account after renewing one pair,
//        {"access_token":"<current>"} or {"public_key":"<current>"} (that pair), or
//        {"user_id":N,"mode":"test"|"production"} (a test user gets both pairs issued first)
// Renewal makes the pair's old public key and access token answer 401 (accounts.hpp).
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

std::string requested_site(const json &body, const Accounts &accounts) {
    auto site = optional_string(body, "site_id", 1);
    if (!site) return accounts.default_site();
    if (!find_site(*site)) throw bad_request(1, "site_id must be one of " + site_list_text());
    return *site;
}

Reply renew(Accounts &accounts, Context &ctx) {
    json body = ctx.body_object(1);
    std::optional<Account> renewed;
    auto token = optional_string(body, "access_token", 1);
    auto key = optional_string(body, "public_key", 1);
    if (token || key) {
        // Only a current credential names a pair: an old one was already replaced.
        auto owner = accounts.owner_of(token ? *token : *key);
        if (!owner) throw not_found("not_found", "No account has these current credentials");
        renewed = accounts.renew(owner->first, owner->second);
    } else {
        auto id = body.contains("user_id") ? loose_int(body["user_id"]) : std::nullopt;
        if (!id) throw bad_request(1, "access_token, public_key or user_id is required");
        auto mode = optional_string(body, "mode", 1).value_or("test");
        if (mode != "test" && mode != "production")
            throw bad_request(1, "mode must be test or production");
        renewed = accounts.renew(*id, mode == "production");
        if (!renewed) throw not_found("not_found", "Account not found");
    }
    return reply(200, renewed->to_json());
}

} // namespace

void add_account_routes(Router &router, Accounts &accounts) {
    router.add("POST", "/__sandbox/accounts", kNoAuth, [&accounts](Context &ctx) {
        auto body = ctx.body_json(1);
        if (body && !body->is_object()) throw bad_request(1, "the body must be a JSON object");
        std::string site = requested_site(body ? *body : json::object(), accounts);
        return reply(201, accounts.create(site).to_json());
    });
    router.add("GET", "/__sandbox/accounts/{id}", kNoAuth, [&accounts](Context &ctx) {
        auto id = parse_id(ctx.param("id"));
        auto account = id ? accounts.find(*id) : std::nullopt;
        if (!account) throw not_found("not_found", "Account not found");
        return reply(200, account->to_json());
    });
    router.add("POST", "/__sandbox/credentials/renew", kNoAuth,
               [&accounts](Context &ctx) { return renew(accounts, ctx); });
}

} // namespace mp::sandbox
