// POST /v1/card_tokens (raw card or saved card), GET /v1/card_tokens/{id}. Card numbers and
// security codes are read, checked and dropped: only the first six and last four digits are kept,
// and no message ever quotes them.
#include <ctime>

#include "errors.hpp"
#include "routes.hpp"
#include "test_cards.hpp"

namespace mp::sandbox {

namespace {

constexpr int64_t kTokenLifetimeMs = 7LL * 24 * 3600 * 1000;

// A field that may be a string or an integer, as text; nullopt when absent, null or "". Any other
// type gives "?", which no digit check accepts.
std::optional<std::string> digits_field(const json &object, const char *key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) return it->dump();
    if (!it->is_string()) return std::string("?");
    const auto &text = it->get_ref<const std::string &>();
    if (text.empty()) return std::nullopt;
    return text;
}

void check_security_code(const json &body, const PaymentMethod *method, bool required) {
    auto code = digits_field(body, "security_code");
    if (!code) {
        if (required) throw bad_request(3013, "security_code can not be null or empty");
        return;
    }
    bool ok = is_digits(*code) && (method ? code->size() == size_t(method->security_code_length)
                                          : code->size() == 3 || code->size() == 4);
    if (!ok)
        throw bad_request(3012, method
                                    ? "Invalid security_code: " + method->name + " cards take " +
                                          std::to_string(method->security_code_length) + " digits"
                                    : std::string("Invalid security_code: it takes 3 or 4 "
                                                  "digits"));
}

// The cardholder name is required (3020, as the API documents). The identification is optional,
// and so is an object naming neither type nor number (an official SDK's live test sends
// {"CPF": "<number>"}, which the API accepts): it reads as no identification. Naming one of them
// takes both.
json read_cardholder(const json &body) {
    auto holder = body.find("cardholder");
    if (holder == body.end() || !holder->is_object())
        throw bad_request(3020, "The parameter cardholder.name can not be null or empty.");
    auto name = holder->find("name");
    if (name == holder->end() || !name->is_string() || name->get<std::string>().empty())
        throw bad_request(3020, "The parameter cardholder.name can not be null or empty.");
    json identification = {{"number", nullptr}, {"type", nullptr}};
    auto id = holder->find("identification");
    if (id != holder->end() && !id->is_null()) {
        if (!id->is_object())
            throw bad_request(3021, "cardholder.identification must be an object");
        bool named = (id->contains("number") && !(*id)["number"].is_null()) ||
                     (id->contains("type") && !(*id)["type"].is_null());
        if (!named) return {{"name", *name}, {"identification", std::move(identification)}};
        auto number = id->find("number");
        bool number_ok =
            number != id->end() && ((number->is_string() && !number->get<std::string>().empty()) ||
                                    number->is_number_integer());
        if (!number_ok)
            throw bad_request(3021,
                              "The parameter cardholder.document.number can not be null or empty.");
        auto type = id->find("type");
        if (type == id->end() || !type->is_string() || type->get<std::string>().empty())
            throw bad_request(3022,
                              "The parameter cardholder.document.type can not be null or empty.");
        identification = {
            {"number", number->is_string() ? number->get<std::string>() : number->dump()},
            {"type", *type}};
    }
    return {{"name", *name}, {"identification", std::move(identification)}};
}

void read_raw_card(const Site &site, const json &body, CardToken &token, int64_t now) {
    auto number = digits_field(body, "card_number");
    if (!number) throw bad_request(3017, "card_number can not be null or empty");
    if (!is_digits(*number))
        throw bad_request(3016, "Invalid card_number: only digits are allowed");
    if (number->size() < 13 || number->size() > 19)
        throw bad_request(3015, "Invalid card_number length: a card number has 13 to 19 digits");
    if (!luhn_valid(*number))
        throw bad_request(3034, "Invalid card_number: it fails the Luhn check");

    auto month_it = body.find("expiration_month");
    if (month_it == body.end() || month_it->is_null())
        throw bad_request(3018, "expiration_month can not be null or empty");
    auto month = loose_int(*month_it);
    if (!month || *month < 1 || *month > 12)
        throw bad_request(3029, "Invalid expiration_month: it must be from 1 to 12");
    auto year_it = body.find("expiration_year");
    if (year_it == body.end() || year_it->is_null())
        throw bad_request(3019, "expiration_year can not be null or empty");
    auto year = loose_int(*year_it);
    if (!year || *year < 1000 || *year > 9999)
        throw bad_request(3030, "Invalid expiration_year: it must have 4 digits");
    std::time_t seconds = static_cast<std::time_t>(now / 1000);
    std::tm today{};
    gmtime_r(&seconds, &today);
    if (*year < today.tm_year + 1900 ||
        (*year == today.tm_year + 1900 && *month < today.tm_mon + 1))
        throw bad_request(3030, "Invalid expiration date: the card has expired");

    const PaymentMethod *method = site.method_for_card_number(*number);
    check_security_code(body, method, true);
    token.cardholder = read_cardholder(body);
    token.method = method;
    token.first_six_digits = number->substr(0, 6);
    token.last_four_digits = number->substr(number->size() - 4);
    token.card_number_length = static_cast<int>(number->size());
    token.expiration_month = static_cast<int>(*month);
    token.expiration_year = static_cast<int>(*year);
    token.security_code_length =
        method ? method->security_code_length
               : static_cast<int>(digits_field(body, "security_code")->size());
}

// Holds env.state.mutex.
void read_saved_card(Env &env, const Context &ctx, const json &body, CardToken &token) {
    auto card_id = digits_field(body, "card_id");
    if (!card_id) throw bad_request(3026, "card_id can not be empty");
    auto owner = env.state.card_owner.find(*card_id);
    Customer *customer = owner == env.state.card_owner.end()
                             ? nullptr
                             : env.state.find_customer(ctx.cred.collector, owner->second);
    if (!customer) throw bad_request(3026, "Invalid card_id: card not found");
    auto customer_id = optional_string(body, "customer_id", 3026);
    if (customer_id && *customer_id != owner->second)
        throw bad_request(3026, "Invalid card_id: the card does not belong to customer_id");
    const json *card = nullptr;
    for (const auto &c : customer->doc["cards"])
        if (c["id"] == *card_id) card = &c;
    if (!card) throw bad_request(3026, "Invalid card_id: card not found");

    const PaymentMethod *method =
        site_of(ctx).find_method((*card)["payment_method"]["id"].get<std::string>());
    check_security_code(body, method, false);
    token.method = method;
    token.card_id = *card_id;
    token.customer_id = owner->second;
    token.first_six_digits = (*card)["first_six_digits"];
    token.last_four_digits = (*card)["last_four_digits"];
    token.expiration_month = (*card)["expiration_month"];
    token.expiration_year = (*card)["expiration_year"];
    token.cardholder = (*card)["cardholder"];
    token.card_number_length = method ? method->card_number_length : 16;
    token.security_code_length = method ? method->security_code_length : 3;
}

Reply create_card_token(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    int64_t now = now_ms();
    CardToken token;
    token.collector = ctx.cred.collector;
    token.public_key = ctx.cred.public_key_value;
    token.live_mode = ctx.cred.live_mode;
    token.created_ms = now;
    token.due_ms = now + kTokenLifetimeMs;
    bool saved = body.contains("card_id") && !body["card_id"].is_null();
    if (!saved) read_raw_card(site_of(ctx), body, token, now);

    std::lock_guard lock(env.state.mutex);
    if (saved) read_saved_card(env, ctx, body, token);
    token.id = env.state.new_token_id();
    json out = token.to_json();
    env.state.tokens.emplace(token.id, std::move(token));
    return reply(201, out);
}

Reply get_card_token(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    CardToken *token = env.state.find_token(ctx.cred.collector, ctx.param("id"));
    if (!token) throw not_found(2006, "Card Token not found");
    return reply(200, token->to_json());
}

} // namespace

void add_card_token_routes(Router &router, Env &env) {
    router.handle("card_tokens.create", kPublicKey,
                  [&env](Context &ctx) { return create_card_token(env, ctx); });
    router.handle("card_tokens.get", kPublicKey,
                  [&env](Context &ctx) { return get_card_token(env, ctx); });
}

} // namespace mp::sandbox
