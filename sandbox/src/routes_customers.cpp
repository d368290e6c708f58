// POST /v1/customers, GET /v1/customers/search, GET/PUT/DELETE /v1/customers/{id}.
#include <algorithm>
#include <string_view>

#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

void check_string(const json &object, const char *key, int code, const std::string &label) {
    auto it = object.find(key);
    if (it != object.end() && !it->is_null() && !it->is_string())
        throw bad_request(code, "the " + label + " is invalid: it must be a string");
}

void check_object(const json &body, const char *key, int code) {
    auto it = body.find(key);
    if (it != body.end() && !it->is_null() && !it->is_object())
        throw bad_request(code, std::string("the ") + key + " is invalid: it must be an object");
}

// Checks the fields a customer body may carry (codes 107-117, 125) and copies them onto doc.
// On create (`creating`), default_card is accepted whatever it says (the API documents "None" as
// its example): a new customer has no card yet, so it stays null until the first card is saved.
// On update it must name one of the customer's cards.
void apply_fields(const json &body, json &doc, int64_t now, bool creating) {
    check_string(body, "first_name", 107, "first_name");
    check_string(body, "last_name", 108, "last_name");
    check_object(body, "phone", 109);
    if (body.contains("phone") && body["phone"].is_object()) {
        check_string(body["phone"], "area_code", 109, "phone.area_code");
        check_string(body["phone"], "number", 110, "phone.number");
    }
    check_object(body, "identification", 111);
    if (body.contains("identification") && body["identification"].is_object()) {
        check_string(body["identification"], "type", 111, "identification.type");
        check_string(body["identification"], "number", 112, "identification.number");
    }
    check_object(body, "address", 113);
    if (body.contains("address") && body["address"].is_object()) {
        check_string(body["address"], "zip_code", 113, "address.zip_code");
        check_string(body["address"], "street_name", 114, "address.street_name");
    }
    if (auto registered = optional_string(body, "date_registered", 115);
        registered && !parse_date(*registered, now))
        throw bad_request(115, "the date_registered is invalid: use an ISO-8601 date");
    check_string(body, "description", 116, "description");
    check_object(body, "metadata", 117);
    check_string(body, "default_address", 125, "default_address");
    check_string(body, "default_card", 125, "default_card");
    if (!creating && body.contains("default_card") && body["default_card"].is_string()) {
        bool known = false;
        for (const auto &card : doc["cards"])
            known = known || card["id"] == body["default_card"];
        if (!known) throw bad_request(125, "the default_card is not a card of this customer");
    }

    for (const char *key : {"first_name", "last_name", "description", "date_registered",
                            "default_address", "default_card"})
        if (body.contains(key) && !(creating && std::string_view(key) == "default_card"))
            doc[key] = body[key];
    for (const char *key : {"phone", "identification", "address"})
        if (body.contains(key) && body[key].is_object())
            for (const auto &[field, value] : body[key].items())
                doc[key][field] = value;
    if (body.contains("metadata"))
        doc["metadata"] = body["metadata"].is_object() ? body["metadata"] : json::object();
}

Reply create_customer(Env &env, Context &ctx) {
    json body = ctx.body_object(118);
    auto email_it = body.find("email");
    if (email_it == body.end() || !email_it->is_string() ||
        !is_valid_email(email_it->get<std::string>()))
        throw bad_request(106, "the email format is invalid");
    std::string email = *email_it;
    int64_t now = now_ms();
    json doc = {{"email", email},
                {"first_name", nullptr},
                {"last_name", nullptr},
                {"phone", {{"area_code", nullptr}, {"number", nullptr}}},
                {"identification", {{"type", nullptr}, {"number", nullptr}}},
                {"address",
                 {{"id", nullptr},
                  {"zip_code", nullptr},
                  {"street_name", nullptr},
                  {"street_number", nullptr}}},
                {"description", nullptr},
                {"date_created", format_date(now)},
                {"date_last_updated", format_date(now)},
                {"date_registered", nullptr},
                {"metadata", json::object()},
                {"default_card", nullptr},
                {"default_address", nullptr},
                {"cards", json::array()},
                {"addresses", json::array()},
                {"live_mode", ctx.cred.live_mode},
                {"user_id", ctx.cred.collector},
                {"merchant_id", ctx.cred.collector},
                // The application the credentials belong to, a number (the sandbox's
                // applications are named by their collector, as preferences' client_id).
                {"client_id", ctx.cred.collector},
                {"status", "active"}};
    apply_fields(body, doc, now, true);

    std::lock_guard lock(env.state.mutex);
    State &state = env.state;
    std::string email_key = State::email_key(ctx.cred.collector, email);
    if (state.customer_by_email.count(email_key))
        throw bad_request(101, "the customer already exist");
    std::string id = state.new_customer_id(ctx.cred.collector);
    doc["id"] = id;
    state.customer_by_email.emplace(email_key, id);
    state.customers_by_collector[ctx.cred.collector].push_back(id);
    state.customers.emplace(id, Customer{ctx.cred.collector, doc});
    return reply(201, doc);
}

Reply get_customer(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    return reply(200, customer_or_404(env.state, ctx, "id").doc);
}

Reply update_customer(Env &env, Context &ctx) {
    json body = ctx.body_object(118);
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    Customer &customer = customer_or_404(env.state, ctx, "id");
    if (body.contains("email") &&
        !(body["email"].is_string() && to_lower(body["email"].get<std::string>()) ==
                                           to_lower(customer.doc["email"].get<std::string>())))
        throw bad_request(126, "the parameter email cannot be updated");
    json doc = customer.doc;
    apply_fields(body, doc, now, false);
    doc["date_last_updated"] = format_date(now);
    customer.doc = std::move(doc);
    return reply(200, customer.doc);
}

Reply delete_customer(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    State &state = env.state;
    Customer &customer = customer_or_404(state, ctx, "id");
    json doc = std::move(customer.doc);
    std::string id = doc["id"];
    for (const auto &card : doc["cards"])
        state.card_owner.erase(card["id"].get<std::string>());
    state.customer_by_email.erase(State::email_key(ctx.cred.collector, doc["email"]));
    auto &ids = state.customers_by_collector[ctx.cred.collector];
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
    state.customers.erase(id);
    return reply(200, doc);
}

Reply search_customers(Env &env, Context &ctx) {
    int64_t limit = query_limit(ctx, 10, 100, 201);
    int64_t offset = query_int(ctx, "offset", 0, 0, 1'000'000'000, 202);
    auto email = ctx.query("email");
    auto first_name = ctx.query("first_name");
    auto last_name = ctx.query("last_name");
    auto id = ctx.query("id");

    std::lock_guard lock(env.state.mutex);
    std::vector<const json *> found;
    auto ids = env.state.customers_by_collector.find(ctx.cred.collector);
    if (ids != env.state.customers_by_collector.end()) {
        for (const auto &customer_id : ids->second) {
            const json &doc = env.state.customers.at(customer_id).doc;
            if (email && to_lower(doc["email"].get<std::string>()) != to_lower(*email)) continue;
            if (id && customer_id != *id) continue;
            if (first_name && doc["first_name"] != *first_name) continue;
            if (last_name && doc["last_name"] != *last_name) continue;
            found.push_back(&doc);
        }
    }
    std::string results;
    for (size_t i = static_cast<size_t>(offset);
         i < found.size() && i < static_cast<size_t>(offset + limit); ++i) {
        if (!results.empty()) results += ',';
        results += to_text(*found[i]);
    }
    return {200, search_page(found.size(), limit, offset, results)};
}

} // namespace

void add_customer_routes(Router &router, Env &env) {
    router.handle("customers.create", kNoFlags,
                  [&env](Context &ctx) { return create_customer(env, ctx); });
    router.handle("customers.search", kNoFlags,
                  [&env](Context &ctx) { return search_customers(env, ctx); });
    router.handle("customers.get", kNoFlags,
                  [&env](Context &ctx) { return get_customer(env, ctx); });
    router.handle("customers.update", kNoFlags,
                  [&env](Context &ctx) { return update_customer(env, ctx); });
    router.handle("customers.delete", kNoFlags,
                  [&env](Context &ctx) { return delete_customer(env, ctx); });
}

} // namespace mp::sandbox
