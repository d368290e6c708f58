// Checkout Pro preferences: POST /checkout/preferences, GET/PUT
// /checkout/preferences/{id}, GET /checkout/preferences/search
// ({"elements","next_offset","total"}).
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kPreferences = "preferences";

// items[] must be a non-empty array of {title, quantity > 0, unit_price > 0}; normalized in place.
void check_items(json &items, const std::string &currency) {
    if (!items.is_array() || items.empty()) throw bad_request(1, "items must be a non-empty array");
    for (auto &item : items) {
        if (!item.is_object()) throw bad_request(1, "every item must be an object");
        auto quantity = item.contains("quantity") ? loose_int(item["quantity"]) : std::nullopt;
        if (!quantity || *quantity < 1)
            throw bad_request(1, "item.quantity must be a positive integer");
        auto price = item.contains("unit_price") ? amount_cents(item["unit_price"]) : std::nullopt;
        if (!price || *price <= 0)
            throw bad_request(1, "item.unit_price must be a positive number");
        item["quantity"] = *quantity;
        item["unit_price"] = money(*price);
        if (!item.contains("currency_id")) item["currency_id"] = currency;
        // Fields the API echoes on every item, sent or not.
        for (const char *key : {"id", "title", "description", "category_id"})
            if (!item.contains(key) || item[key].is_null()) item[key] = "";
    }
}

// sponsor_id as the API answers it: a number, or null. A digit string reads as its number.
void normalize_sponsor(json &body) {
    auto it = body.find("sponsor_id");
    if (it == body.end() || it->is_null()) return;
    auto id = loose_int(*it);
    if (!id) throw bad_request(1, "sponsor_id must be a number");
    *it = *id;
}

// doc[object][key] when doc[object] is an object that has it, else `fallback`.
json nested(const json &doc, const char *object, const char *key, json fallback) {
    auto it = doc.find(object);
    if (it == doc.end() || !it->is_object()) return fallback;
    return it->value(key, fallback);
}

json summary(const json &doc) {
    json titles = json::array();
    for (const auto &item : doc["items"])
        titles.push_back(item.is_object() ? item.value("title", "") : "");
    return {{"id", doc["id"]},
            {"client_id", doc["client_id"]},
            {"collector_id", doc["collector_id"]},
            {"corporation_id", nullptr},
            {"date_created", doc["date_created"]},
            {"expiration_date_from", doc["expiration_date_from"]},
            {"expiration_date_to", doc["expiration_date_to"]},
            {"expires", doc["expires"]},
            {"external_reference", doc["external_reference"]},
            {"items", std::move(titles)},
            {"last_updated", doc["last_updated"]},
            {"live_mode", doc["live_mode"]},
            {"marketplace", doc["marketplace"]},
            {"operation_type", doc["operation_type"]},
            {"processing_modes", doc["processing_modes"]},
            {"purpose", doc["purpose"]},
            {"site_id", doc["site_id"]},
            {"sponsor_id", doc["sponsor_id"]},
            {"shipping_mode", nested(doc, "shipments", "mode", nullptr)},
            {"concept_id", nullptr},
            {"integrator_id", nullptr},
            {"platform_id", nullptr},
            {"product_id", doc.value("product_id", json(nullptr))},
            {"payer_email", nested(doc, "payer", "email", "")},
            {"payer_id", nullptr}};
}

Reply create_preference(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (!body.contains("items")) throw bad_request(1, "items can't be null");
    check_items(body["items"], site_of(ctx).currency_id);
    normalize_sponsor(body);
    if (auto url = optional_string(body, "notification_url", 1); url && !is_http_url(*url))
        throw bad_request(1, "notification_url must be a valid url");
    int64_t now = now_ms();
    std::string id = std::to_string(ctx.cred.collector) + "-" + uuid4();
    json doc = {{"additional_info", ""},
                {"auto_return", ""},
                {"back_urls", {{"failure", ""}, {"pending", ""}, {"success", ""}}},
                {"binary_mode", false},
                {"client_id", std::to_string(ctx.cred.collector)},
                {"collector_id", ctx.cred.collector},
                {"date_of_expiration", nullptr},
                {"expiration_date_from", nullptr},
                {"expiration_date_to", nullptr},
                {"expires", false},
                {"external_reference", ""},
                {"marketplace", "NONE"},
                {"marketplace_fee", 0},
                {"metadata", json::object()},
                {"notification_url", nullptr},
                {"operation_type", "regular_payment"},
                {"payer", {{"email", ""}, {"name", ""}, {"surname", ""}}},
                {"payment_methods",
                 {{"excluded_payment_methods", json::array()},
                  {"excluded_payment_types", json::array()},
                  {"installments", nullptr},
                  {"default_installments", nullptr}}},
                {"processing_modes", nullptr},
                {"purpose", ""},
                {"shipments", {{"mode", nullptr}, {"receiver_address", json::object()}}},
                {"site_id", site_of(ctx).id},
                {"sponsor_id", nullptr},
                {"statement_descriptor", nullptr}};
    for (auto &[key, value] : body.items())
        doc[key] = value;
    doc["id"] = id;
    doc["collector_id"] = ctx.cred.collector;
    doc["date_created"] = format_date(now);
    doc["last_updated"] = format_date(now);
    doc["live_mode"] = ctx.cred.live_mode;
    doc["init_point"] = "https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=" + id;
    doc["sandbox_init_point"] =
        "https://sandbox.mercadopago.com.br/checkout/v1/redirect?pref_id=" + id;
    std::lock_guard lock(env.state.mutex);
    return reply(
        201, env.state.collections[kPreferences].insert(ctx.cred.collector, id, std::move(doc)));
}

Reply update_preference(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (body.contains("items")) check_items(body["items"], site_of(ctx).currency_id);
    normalize_sponsor(body);
    std::lock_guard lock(env.state.mutex);
    json &doc = doc_or_404(env.state, ctx, kPreferences, ctx.param("id"), "Preference");
    for (auto &[key, value] : body.items())
        if (key != "id" && key != "collector_id" && key != "date_created" && key != "init_point" &&
            key != "sandbox_init_point" && key != "client_id")
            doc[key] = value;
    doc["last_updated"] = format_date(now_ms());
    return reply(200, doc);
}

} // namespace

void add_preference_routes(Router &router, Env &env) {
    router.handle("preferences.create", kNoFlags,
                  [&env](Context &ctx) { return create_preference(env, ctx); });
    router.handle("preferences.search", kNoFlags, [&env](Context &ctx) {
        Window window = query_window(ctx, 30, 1000);
        std::lock_guard lock(env.state.mutex);
        auto docs = filter_docs(env.state, ctx, kPreferences,
                                {"external_reference", "sponsor_id", "site_id", "marketplace"});
        std::vector<json> summaries;
        summaries.reserve(docs.size());
        for (const json *doc : docs)
            summaries.push_back(summary(*doc));
        std::vector<const json *> view;
        for (const auto &s : summaries)
            view.push_back(&s);
        return Reply{200, render_page(PageShape::Elements, view, window)};
    });
    router.handle("preferences.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, doc_or_404(env.state, ctx, kPreferences, ctx.param("id"), "Preference"));
    });
    router.handle("preferences.update", kNoFlags,
                  [&env](Context &ctx) { return update_preference(env, ctx); });
}

} // namespace mp::sandbox
