// The routes only MercadoPago.js calls, with the public key, from the buyer's browser: none of
// them is in the client's operations table (a merchant's server never calls them).
//   GET /v1/payment_methods/search?public_key=&bins=   {paging, results}: the BIN's method
//   GET /v1/payment_methods/card_issuers?public_key=&payment_method_id=[&bin=]   [issuer]
//   PUT /v1/card_tokens/{id}?public_key=   updateCardToken: a new security code or expiry
//   GET /bricks/status_screen/{payment_id}?public_key=   what the Status Screen Brick shows of a
//       payment of the key's account. The real Brick reads it through a closed endpoint; this path
//       is the sandbox's own (outside /v1: no client should take it for the API).
// Like every public-key route they answer pages from any origin (CORS, in sandbox.cpp).
#include <ctime>

#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

// A 6 to 8 digit BIN from the query parameter `name`, nullopt when absent or empty; else 400.
std::optional<std::string> query_bin(const Context &ctx, const char *name) {
    auto bin = ctx.query(name);
    if (!bin || bin->empty()) return std::nullopt;
    if (!is_digits(*bin) || bin->size() < 6 || bin->size() > 8)
        throw bad_request(1, std::string(name) + " must be 6 to 8 digits");
    return bin;
}

// The method a card token of this BIN gets: the first of the site's table whose pattern matches.
const PaymentMethod *method_of_bin(const Site &site, const std::string &bin) {
    return site.method_for_card_number(bin + std::string(16 - bin.size(), '0'));
}

json issuer_of(const PaymentMethod &method) {
    return {{"id", method.issuer_id.empty() ? json(nullptr) : json(method.issuer_id)},
            {"name", method.issuer_name},
            {"default", true}};
}

// A method as /search answers it: /v1/payment_methods' fields, plus what only the search has.
json search_result(const PaymentMethod &method, const std::optional<std::string> &bin) {
    json out = method.to_json();
    out["issuer"] = issuer_of(method);
    out["processing_mode"] = "aggregator";
    out["merchant_account_id"] = nullptr;
    out["payer_costs"] = json::array();
    out["financing_deals"] = {{"legals", nullptr},
                              {"installments", nullptr},
                              {"expiration_date", nullptr},
                              {"start_date", nullptr},
                              {"status", "deactive"}};
    out["bins"] = bin ? json::array({*bin}) : json::array();
    out["marketplace"] = "NONE";
    return out;
}

Reply search_methods(Context &ctx) {
    const Site &site = site_of(ctx);
    auto bin = query_bin(ctx, "bins");
    if (!bin) bin = query_bin(ctx, "bin");
    auto type = ctx.query("payment_type_id");
    auto id = ctx.query("id");
    auto status = ctx.query("status");
    if (auto mode = ctx.query("processing_mode");
        mode && *mode != "aggregator" && *mode != "gateway")
        throw bad_request(1, "processing_mode must be aggregator or gateway");
    Window window = query_window(ctx, 30, 100);
    std::vector<const PaymentMethod *> found;
    if (bin) {
        if (const PaymentMethod *method = method_of_bin(site, *bin)) found.push_back(method);
    } else {
        for (const PaymentMethod &method : site.methods)
            found.push_back(&method);
    }
    std::string results;
    size_t total = 0;
    for (const PaymentMethod *method : found) {
        if (type && *type != method->payment_type_id) continue;
        if (id && *id != method->id) continue;
        if (status && *status != "active") continue;
        size_t index = total++;
        if (index < size_t(window.offset) || index >= size_t(window.offset + window.limit))
            continue;
        if (!results.empty()) results += ',';
        results += to_text(search_result(*method, bin));
    }
    return {200, search_page(total, window.limit, window.offset, results)};
}

Reply card_issuers(Context &ctx) {
    auto method_id = ctx.query("payment_method_id");
    if (!method_id || method_id->empty()) throw bad_request(1, "payment_method_id can't be null");
    const Site &site = site_of(ctx);
    const PaymentMethod *method = site.find_method(*method_id);
    if (!method) throw bad_request(3011, "Not found payment_method");
    if (auto bin = query_bin(ctx, "bin"); bin && method_of_bin(site, *bin) != method)
        return {200, "[]"};
    if (!method->is_card() || method->issuer_id.empty()) return {200, "[]"};
    json issuer = {{"id", method->issuer_id},
                   {"name", method->issuer_name},
                   {"secure_thumbnail", ""},
                   {"thumbnail", ""},
                   {"processing_mode", "aggregator"},
                   {"merchant_account_id", nullptr},
                   {"status", "active"}};
    return reply(200, json::array({std::move(issuer)}));
}

// updateCardToken: a token's security code (a saved card's, re-entered) or its expiry. The card
// number cannot change. Only the security code's length is kept, as at creation.
Reply update_card_token(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    std::lock_guard lock(env.state.mutex);
    CardToken *token = env.state.find_token(ctx.cred.collector, ctx.param("id"));
    if (!token) throw not_found(2006, "Card Token not found");
    if (token->used_ms) throw bad_request(2062, "Card token was used, please generate new");
    if (body.contains("card_number"))
        throw bad_request(1, "card_number can not be updated: create a new token");
    int month = token->expiration_month;
    int year = token->expiration_year;
    if (auto it = body.find("expiration_month"); it != body.end() && !it->is_null()) {
        auto value = loose_int(*it);
        if (!value || *value < 1 || *value > 12)
            throw bad_request(3029, "Invalid expiration_month: it must be from 1 to 12");
        month = static_cast<int>(*value);
    }
    if (auto it = body.find("expiration_year"); it != body.end() && !it->is_null()) {
        auto value = loose_int(*it);
        if (!value || *value < 1000 || *value > 9999)
            throw bad_request(3030, "Invalid expiration_year: it must have 4 digits");
        year = static_cast<int>(*value);
    }
    std::time_t seconds = static_cast<std::time_t>(now_ms() / 1000);
    std::tm today{};
    gmtime_r(&seconds, &today);
    if (year < today.tm_year + 1900 || (year == today.tm_year + 1900 && month < today.tm_mon + 1))
        throw bad_request(3030, "Invalid expiration date: the card has expired");
    std::optional<int> code_length;
    if (auto it = body.find("security_code"); it != body.end() && !it->is_null()) {
        std::string code = it->is_number_integer() ? it->dump()
                           : it->is_string()       ? it->get<std::string>()
                                                   : std::string("?");
        size_t want = token->method ? size_t(token->method->security_code_length) : 0;
        bool ok =
            is_digits(code) && (want ? code.size() == want : code.size() == 3 || code.size() == 4);
        if (!ok) throw bad_request(3012, "Invalid security_code length");
        code_length = static_cast<int>(code.size());
    }
    token->expiration_month = month;
    token->expiration_year = year;
    if (code_length) token->security_code_length = *code_length;
    return reply(200, token->to_json());
}

// Only what the Status Screen Brick shows (its docs: the status and its detail, the transaction
// date, the external reference, Pix's QR code), never the payer: a public key is public.
Reply status_screen(Env &env, Context &ctx) {
    auto id = parse_id(ctx.param("payment_id"));
    json doc;
    {
        std::lock_guard lock(env.state.mutex);
        Payment *payment = id ? env.state.find_payment(ctx.cred.collector, *id) : nullptr;
        if (!payment) throw not_found(2000, "Payment not found");
        doc = payment->doc();
    }
    auto field = [&](const char *pointer) {
        json::json_pointer at(pointer);
        return doc.contains(at) ? doc[at] : json(nullptr);
    };
    json out = {{"id", doc["id"]},
                {"status", field("/status")},
                {"status_detail", field("/status_detail")},
                {"date_created", field("/date_created")},
                {"date_approved", field("/date_approved")},
                {"transaction_amount", field("/transaction_amount")},
                {"currency_id", field("/currency_id")},
                {"installments", field("/installments")},
                {"payment_method_id", field("/payment_method_id")},
                {"payment_type_id", field("/payment_type_id")},
                {"last_four_digits", field("/card/last_four_digits")},
                {"external_reference", field("/external_reference")},
                {"qr_code", field("/point_of_interaction/transaction_data/qr_code")},
                {"ticket_url", field("/point_of_interaction/transaction_data/ticket_url")}};
    return reply(200, out);
}

} // namespace

void add_browser_routes(Router &router, Env &env) {
    router.add("GET", "/v1/payment_methods/search", kPublicKey | kBrowser, search_methods);
    router.add("GET", "/v1/payment_methods/card_issuers", kPublicKey | kBrowser, card_issuers);
    router.add("PUT", "/v1/card_tokens/{id}", kPublicKey | kBrowser,
               [&env](Context &ctx) { return update_card_token(env, ctx); });
    router.add("GET", "/bricks/status_screen/{payment_id}", kPublicKey | kBrowser,
               [&env](Context &ctx) { return status_screen(env, ctx); });
}

} // namespace mp::sandbox
