// POST/GET /v1/payments/{id}/refunds, GET /v1/payments/{id}/refunds/{refund_id}. Refunds live in
// their payment's refunds[]; the payment's refunded amount and status follow every refund.
#include <cmath>

#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

Reply create_refund(Env &env, Context &ctx) {
    // Empty body or {} refunds what is left; {"amount": n} refunds part of it.
    auto body = ctx.body_json(1);
    if (body && !body->is_object()) throw bad_request(1, "The request body must be a JSON object");
    std::optional<int64_t> amount;
    if (body && body->contains("amount") && !(*body)["amount"].is_null()) {
        const json &value = (*body)["amount"];
        if (!value.is_number() || !std::isfinite(value.get<double>()))
            throw bad_request(4041, "amount attribute must be numeric");
        amount = cents_of(value);
        if (*amount <= 0) throw bad_request(4040, "amount attribute must be positive");
    }
    json metadata = body && body->contains("metadata") && (*body)["metadata"].is_object()
                        ? (*body)["metadata"]
                        : json::object();
    json reason = body && body->contains("reason") && (*body)["reason"].is_string()
                      ? (*body)["reason"]
                      : json(nullptr);

    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    Payment &payment = payment_or_404(env.state, ctx, "payment_id");
    json doc = payment.doc();
    int64_t total = cents_of(doc["transaction_amount"]);
    int64_t refunded = cents_of(doc["transaction_amount_refunded"]);
    int64_t left = total - refunded;
    if (doc["status"] != "approved" || left <= 0)
        throw bad_request(2063, "The action requested is not valid for the current payment "
                                "state: only approved payments with a balance can be refunded");
    int64_t cents = amount.value_or(left);
    if (cents > left)
        throw bad_request(2017, "The amount to refund is greater than the refundable balance of "
                                "the payment");

    json refund = {{"id", env.state.new_refund_id()},
                   {"payment_id", doc["id"]},
                   {"amount", money(cents)},
                   {"amount_refunded_to_payer", money(cents)},
                   {"metadata", metadata},
                   {"source",
                    {{"id", std::to_string(payment.collector)},
                     {"name", "Sandbox collector"},
                     {"type", "collector"}}},
                   {"date_created", format_date(now)},
                   {"unique_sequence_number", nullptr},
                   {"refund_mode", "standard"},
                   {"adjustment_amount", 0},
                   {"status", "approved"},
                   {"reason", reason},
                   {"labels", json::array()},
                   {"partition_details", json::array()},
                   {"external_refund_id", nullptr},
                   {"expiration_date", nullptr}};
    doc["refunds"].push_back(refund);
    doc["transaction_amount_refunded"] = money(refunded + cents);
    if (refunded + cents == total) {
        doc["status"] = "refunded";
        doc["status_detail"] = "refunded";
    } else {
        doc["status_detail"] = "partially_refunded";
    }
    payment.save(doc, now);
    env.webhooks.payment_event(doc, payment.collector, "payment.updated");
    return reply(201, refund);
}

Reply list_refunds(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    return reply(200, payment_or_404(env.state, ctx, "payment_id").doc()["refunds"]);
}

Reply get_refund(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    const json refunds = payment_or_404(env.state, ctx, "payment_id").doc()["refunds"];
    auto id = parse_id(ctx.param("id"));
    for (const auto &refund : refunds)
        if (id && refund["id"] == *id) return reply(200, refund);
    throw not_found(2032, "Refund not found");
}

} // namespace

void add_refund_routes(Router &router, Env &env) {
    router.handle("refunds.create", kIdempotencyRequired,
                  [&env](Context &ctx) { return create_refund(env, ctx); });
    router.handle("refunds.list", kNoFlags,
                  [&env](Context &ctx) { return list_refunds(env, ctx); });
    router.handle("refunds.get", kNoFlags, [&env](Context &ctx) { return get_refund(env, ctx); });
}

} // namespace mp::sandbox
