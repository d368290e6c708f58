// Merchant orders (Checkout Pro): POST /merchant_orders, GET/PUT /merchant_orders/{id},
// GET /merchant_orders/search ({"elements","next_offset","total"}). paid_amount,
// refunded_amount and order_status follow payments[] (approved ones count as paid).
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kMerchantOrders = "merchant_orders";

void recompute(json &doc) {
    int64_t total = 0;
    if (doc["items"].is_array())
        for (const auto &item : doc["items"]) {
            auto price =
                item.contains("unit_price") ? amount_cents(item["unit_price"]) : std::nullopt;
            auto quantity = item.contains("quantity") ? loose_int(item["quantity"]) : std::nullopt;
            if (price && quantity) total += *price * *quantity;
        }
    int64_t paid = 0, refunded = 0;
    if (doc["payments"].is_array())
        for (const auto &payment : doc["payments"]) {
            if (!payment.is_object()) continue;
            auto amount = payment.contains("transaction_amount")
                              ? amount_cents(payment["transaction_amount"])
                              : std::nullopt;
            if (payment.value("status", "") == "approved" && amount) paid += *amount;
            auto back = payment.contains("amount_refunded")
                            ? amount_cents(payment["amount_refunded"])
                            : std::nullopt;
            if (back) refunded += *back;
        }
    doc["total_amount"] = money(total);
    doc["paid_amount"] = money(paid);
    doc["refunded_amount"] = money(refunded);
    std::string order_status = "payment_required";
    if (refunded > 0 && refunded >= paid)
        order_status = "reverted";
    else if (refunded > 0)
        order_status = "partially_reverted";
    else if (paid > 0 && paid >= total)
        order_status = "paid";
    else if (paid > 0)
        order_status = "partially_paid";
    doc["order_status"] = order_status;
}

void check_merchant_order(const json &body) {
    if (body.contains("items") && !body["items"].is_array())
        throw bad_request(1, "items must be an array");
    if (body.contains("payments") && !body["payments"].is_array())
        throw bad_request(1, "payments must be an array");
    if (auto status = optional_string(body, "status", 1);
        status && *status != "opened" && *status != "closed" && *status != "expired")
        throw bad_request(1, "status must be opened, closed or expired");
}

Reply create_merchant_order(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    check_merchant_order(body);
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    int64_t id = env.state.next_number();
    json doc = {{"preference_id", nullptr},
                {"application_id", nullptr},
                {"status", "opened"},
                {"site_id", site_of(ctx).id},
                {"payer", nullptr},
                {"sponsor_id", nullptr},
                {"items", json::array()},
                {"payments", json::array()},
                {"shipments", json::array()},
                {"payouts", json::array()},
                {"notification_url", nullptr},
                {"additional_info", ""},
                {"external_reference", ""},
                {"marketplace", "NONE"},
                {"cancelled", false},
                {"shipping_cost", 0}};
    for (auto &[key, value] : body.items())
        doc[key] = value;
    doc["id"] = id;
    doc["collector"] = {{"id", ctx.cred.collector}, {"email", ""}, {"nickname", ""}};
    doc["is_test"] = !ctx.cred.live_mode;
    doc["date_created"] = format_date(now);
    doc["last_updated"] = format_date(now);
    recompute(doc);
    return reply(201, env.state.collections[kMerchantOrders].insert(
                          ctx.cred.collector, std::to_string(id), std::move(doc)));
}

Reply update_merchant_order(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    check_merchant_order(body);
    std::lock_guard lock(env.state.mutex);
    json &doc = doc_or_404(env.state, ctx, kMerchantOrders, ctx.param("id"), "Merchant order");
    for (auto &[key, value] : body.items())
        if (key != "id" && key != "collector" && key != "date_created") doc[key] = value;
    doc["last_updated"] = format_date(now_ms());
    recompute(doc);
    return reply(200, doc);
}

} // namespace

void add_merchant_order_routes(Router &router, Env &env) {
    router.handle("merchant_orders.create", kNoFlags,
                  [&env](Context &ctx) { return create_merchant_order(env, ctx); });
    router.handle("merchant_orders.search", kNoFlags, [&env](Context &ctx) {
        Window window = query_window(ctx, 30, 1000);
        std::lock_guard lock(env.state.mutex);
        auto docs = filter_docs(env.state, ctx, kMerchantOrders,
                                {"status", "order_status", "preference_id", "external_reference",
                                 "site_id", "application_id"});
        return Reply{200, render_page(PageShape::Elements, docs, window)};
    });
    router.handle("merchant_orders.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(
            200, doc_or_404(env.state, ctx, kMerchantOrders, ctx.param("id"), "Merchant order"));
    });
    router.handle("merchant_orders.update", kNoFlags,
                  [&env](Context &ctx) { return update_merchant_order(env, ctx); });
}

} // namespace mp::sandbox
