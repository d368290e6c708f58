// POST/GET /v1/customers/{id}/cards, GET/PUT/DELETE /v1/customers/{id}/cards/{card_id}. Saving a
// card consumes a card token; the card keeps the token's cardholder, which later decides the
// outcome of payments made with tokens of this card.
#include <ctime>

#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

json *find_card(Customer &customer, const std::string &card_id) {
    for (auto &card : customer.doc["cards"])
        if (card["id"] == card_id) return &card;
    return nullptr;
}

json &card_or_404(Customer &customer, const Context &ctx) {
    json *card = find_card(customer, ctx.param("id"));
    if (!card) throw not_found("not_found", "Card not found");
    return *card;
}

Reply create_card(Env &env, Context &ctx) {
    json body = ctx.body_object(118);
    auto token_id = optional_string(body, "token", 119);
    if (!token_id || token_id->empty()) throw bad_request(119, "the card token is required");
    int64_t now = now_ms();

    std::lock_guard lock(env.state.mutex);
    State &state = env.state;
    Customer &customer = customer_or_404(state, ctx, "customer_id");
    CardToken *token = state.find_token(ctx.cred.collector, *token_id);
    if (!token) throw bad_request(2006, "Card Token not found");
    if (token->used_ms) throw bad_request(2062, "Card token was used, please generate new");
    if (now > token->due_ms) throw bad_request(2062, "Card token expired, please generate new");
    if (!token->method)
        throw bad_request(122, "the card data is invalid: no payment method matches the card");
    const PaymentMethod &method = *token->method;

    std::string card_id = state.new_card_id();
    json card = {{"id", card_id},
                 {"customer_id", customer.doc["id"]},
                 {"user_id", std::to_string(ctx.cred.collector)},
                 {"expiration_month", token->expiration_month},
                 {"expiration_year", token->expiration_year},
                 {"first_six_digits", token->first_six_digits},
                 {"last_four_digits", token->last_four_digits},
                 {"payment_method", method.summary()},
                 {"security_code",
                  {{"length", method.security_code_length},
                   {"card_location", method.security_code_location}}},
                 {"issuer", {{"id", std::stoll(method.issuer_id)}, {"name", method.issuer_name}}},
                 {"cardholder", token->cardholder},
                 {"date_created", format_date(now)},
                 {"date_last_updated", format_date(now)},
                 {"live_mode", ctx.cred.live_mode}};
    token->used_ms = now;
    customer.doc["cards"].push_back(card);
    if (customer.doc["default_card"].is_null()) customer.doc["default_card"] = card_id;
    customer.doc["date_last_updated"] = format_date(now);
    state.card_owner.emplace(card_id, customer.doc["id"].get<std::string>());
    return reply(201, card);
}

Reply list_cards(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    return reply(200, customer_or_404(env.state, ctx, "customer_id").doc["cards"]);
}

Reply get_card(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    return reply(200, card_or_404(customer_or_404(env.state, ctx, "customer_id"), ctx));
}

Reply update_card(Env &env, Context &ctx) {
    json body = ctx.body_object(118);
    int64_t now = now_ms();
    std::optional<int64_t> month, year;
    if (body.contains("expiration_month") && !body["expiration_month"].is_null()) {
        month = loose_int(body["expiration_month"]);
        if (!month || *month < 1 || *month > 12)
            throw bad_request(122, "the card data is invalid: expiration_month must be 1 to 12");
    }
    if (body.contains("expiration_year") && !body["expiration_year"].is_null()) {
        year = loose_int(body["expiration_year"]);
        if (!year || *year < 1000 || *year > 9999)
            throw bad_request(122, "the card data is invalid: expiration_year must have 4 digits");
    }
    if (body.contains("cardholder") && !body["cardholder"].is_null() &&
        !body["cardholder"].is_object())
        throw bad_request(122, "the card data is invalid: cardholder must be an object");

    std::lock_guard lock(env.state.mutex);
    Customer &customer = customer_or_404(env.state, ctx, "customer_id");
    json &card = card_or_404(customer, ctx);
    if (month) card["expiration_month"] = *month;
    if (year) card["expiration_year"] = *year;
    if (body.contains("cardholder") && body["cardholder"].is_object()) {
        const json &holder = body["cardholder"];
        if (holder.contains("name") && holder["name"].is_string())
            card["cardholder"]["name"] = holder["name"];
        if (holder.contains("identification") && holder["identification"].is_object())
            for (const auto &[field, value] : holder["identification"].items())
                card["cardholder"]["identification"][field] = value;
    }
    card["date_last_updated"] = format_date(now);
    customer.doc["date_last_updated"] = format_date(now);
    return reply(200, card);
}

Reply delete_card(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    Customer &customer = customer_or_404(env.state, ctx, "customer_id");
    json card = card_or_404(customer, ctx);
    json &cards = customer.doc["cards"];
    for (auto it = cards.begin(); it != cards.end(); ++it) {
        if ((*it)["id"] == card["id"]) {
            cards.erase(it);
            break;
        }
    }
    if (customer.doc["default_card"] == card["id"])
        customer.doc["default_card"] = cards.empty() ? json(nullptr) : cards.front()["id"];
    customer.doc["date_last_updated"] = format_date(now_ms());
    env.state.card_owner.erase(card["id"].get<std::string>());
    return reply(200, card);
}

} // namespace

void add_card_routes(Router &router, Env &env) {
    router.handle("cards.create", kNoFlags, [&env](Context &ctx) { return create_card(env, ctx); });
    router.handle("cards.list", kNoFlags, [&env](Context &ctx) { return list_cards(env, ctx); });
    router.handle("cards.get", kNoFlags, [&env](Context &ctx) { return get_card(env, ctx); });
    router.handle("cards.update", kNoFlags, [&env](Context &ctx) { return update_card(env, ctx); });
    router.handle("cards.delete", kNoFlags, [&env](Context &ctx) { return delete_card(env, ctx); });
}

} // namespace mp::sandbox
