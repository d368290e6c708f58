// Orders API (/v1/orders): create, get, search ({"data":[..],"paging":{"total":"<string>",..}}),
// process / capture / cancel / refund, and transactions under /v1/orders/{id}/transactions.
// Card outcomes come from the token's cardholder name like payments: APRO (and unknown names)
// -> processed/accredited; CONT -> processing/in_review; the rejections -> failed, with the
// payment's status_detail the payments one without its "cc_rejected_" prefix (OTHE ->
// "other_reason", FUND -> "insufficient_amount", ...). processing_mode "manual" leaves a new
// order "created" until POST .../process; capture_mode "manual" stops at "action_required"/
// "waiting_capture" until POST .../capture. A transition from the wrong state is a 409 in the
// Orders error shape {"errors":[{"code","message","details":[]}]}. Changes send webhooks
// (type=order, action order.created / order.updated ...) to the order's notification_url.
#include "errors.hpp"
#include "routes.hpp"
#include "test_cards.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kFamily = "orders";

// The Orders API's own error shape.
Reply orders_error(int status, const std::string &code, const std::string &message) {
    return reply(
        status,
        {{"errors",
          json::array({{{"code", code}, {"message", message}, {"details", json::array()}}})}});
}

std::string order_id() {
    std::string id = "ORD" + random_alnum(26);
    for (char &c : id)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return id;
}

std::string prefixed_id(const char *prefix) {
    std::string id = prefix + random_alnum(26);
    for (char &c : id)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return id;
}

// Validates one transactions.payments[] entry and fills its ids; `collector` scopes tokens.
json make_payment(State &state, int64_t collector, const json &in, const Site &site) {
    if (!in.is_object()) throw bad_request("invalid_properties", "every payment must be an object");
    auto amount = in.contains("amount") ? amount_cents(in["amount"]) : std::nullopt;
    if (!amount || *amount <= 0)
        throw bad_request("invalid_properties",
                          "transactions.payments.amount must be a positive decimal string");
    const json *method = optional_object(in, "payment_method");
    if (!method)
        throw bad_request("invalid_properties",
                          "transactions.payments.payment_method can't be null");
    std::string method_id = method->value("id", "");
    std::string type = method->value("type", "");
    const PaymentMethod *known = site.find_method(method_id);
    if (!known) throw bad_request("invalid_properties", "unknown payment_method.id");
    if (type.empty()) type = known->payment_type_id;
    json out = in;
    out["id"] = prefixed_id("PAY");
    out["amount"] = cents_text(*amount);
    out["reference_id"] = random_digits(11);
    out["payment_method"]["type"] = type;
    if (!out["payment_method"].contains("installments")) out["payment_method"]["installments"] = 1;
    out["_outcome"] = "approve";
    if (known->is_card()) {
        std::string token = method->value("token", "");
        if (token.empty())
            throw bad_request("invalid_properties", "payment_method.token is required for cards");
        CardToken *card = state.find_token(collector, token);
        if (!card) throw bad_request("invalid_properties", "payment_method.token not found");
        Outcome outcome = outcome_for_cardholder(card->cardholder.value("name", ""));
        if (outcome.is_contingency()) {
            out["_outcome"] = "review";
        } else if (!outcome.approves()) {
            std::string detail = outcome.status_detail;
            if (detail.rfind("cc_rejected_", 0) == 0) detail = detail.substr(12);
            out["_outcome"] = "reject:" + detail;
        }
    } else if (type == "bank_transfer" || type == "ticket") {
        out["_outcome"] = "wait";
    }
    return out;
}

// Applies the payment outcomes (when processing) and derives the order's status.
void settle(json &order, bool processing) {
    bool manual_capture = order.value("capture_mode", "automatic_async") == "manual";
    std::string status = "processed", detail = "accredited";
    for (auto &payment : order["transactions"]["payments"]) {
        if (processing && payment.contains("_outcome")) {
            std::string outcome = payment["_outcome"];
            payment.erase("_outcome");
            if (outcome == "approve" && manual_capture) {
                payment["status"] = "action_required";
                payment["status_detail"] = "waiting_capture";
            } else if (outcome == "approve") {
                payment["status"] = "processed";
                payment["status_detail"] = "accredited";
            } else if (outcome == "review") {
                payment["status"] = "processing";
                payment["status_detail"] = "in_review";
            } else if (outcome == "wait") {
                payment["status"] = "action_required";
                payment["status_detail"] = "waiting_transfer";
            } else {
                payment["status"] = "failed";
                payment["status_detail"] = outcome.substr(7);
            }
        } else if (!processing && !payment.contains("status")) {
            payment["status"] = "created";
            payment["status_detail"] = "created";
        }
    }
    if (!processing) {
        order["status"] = "created";
        order["status_detail"] = "created";
        return;
    }
    for (const auto &payment : order["transactions"]["payments"]) {
        std::string s = payment.value("status", "");
        if (s == "failed") {
            status = "failed";
            detail = "failed";
        } else if (s == "action_required" && status != "failed") {
            status = "action_required";
            detail = payment.value("status_detail", "");
        } else if (s == "processing" && status == "processed") {
            status = "processing";
            detail = "in_review";
        }
    }
    order["status"] = status;
    order["status_detail"] = detail;
}

// A copy without internal fields.
json visible(const json &order) {
    json out = order;
    for (auto &payment : out["transactions"]["payments"])
        payment.erase("_outcome");
    out.erase("_refunded_cents");
    return out;
}

void notify(Env &env, const json &order, int64_t collector, const std::string &action) {
    auto url = order.find("notification_url");
    if (url != order.end() && url->is_string())
        env.webhooks.event(url->get<std::string>(), "order",
                           to_lower(order["id"].get<std::string>()),
                           order.value("_live_mode", false), collector, action);
}

Reply create(Env &env, Context &ctx) {
    json body = ctx.body_object("invalid_properties");
    if (body.value("type", "") != "online")
        throw bad_request("invalid_properties", "type must be online");
    auto total = body.contains("total_amount") ? amount_cents(body["total_amount"]) : std::nullopt;
    if (!total || *total <= 0 || !body["total_amount"].is_string())
        throw bad_request("invalid_properties", "total_amount must be a positive decimal string");
    std::string mode = body.value("processing_mode", "automatic");
    if (mode != "automatic" && mode != "manual")
        throw bad_request("invalid_properties", "processing_mode must be automatic or manual");
    std::string capture = body.value("capture_mode", "automatic_async");
    if (capture != "automatic" && capture != "automatic_async" && capture != "manual")
        throw bad_request("invalid_properties", "capture_mode must be automatic_async or manual");
    if (auto url = optional_string(body, "notification_url", 1); url && !is_http_url(*url))
        throw bad_request("invalid_properties", "notification_url must be a valid url");
    const json *transactions = optional_object(body, "transactions");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json payments = json::array();
    int64_t sum = 0;
    if (transactions && transactions->contains("payments")) {
        if (!(*transactions)["payments"].is_array())
            throw bad_request("invalid_properties", "transactions.payments must be an array");
        for (const auto &p : (*transactions)["payments"]) {
            payments.push_back(make_payment(env.state, ctx.cred.collector, p, site_of(ctx)));
            sum += *amount_cents(payments.back()["amount"]);
        }
    }
    if (!payments.empty() && sum != *total)
        throw bad_request("invalid_total_amount",
                          "total_amount must equal the sum of the payments");
    json order = body;
    order["id"] = order_id();
    order["type"] = "online";
    order["processing_mode"] = mode;
    order["capture_mode"] = capture;
    order["total_amount"] = cents_text(*total);
    order["user_id"] = std::to_string(ctx.cred.collector);
    order["country_code"] = site_of(ctx).country_code;
    order["currency"] = site_of(ctx).currency_id;
    order["created_date"] = format_date(now);
    order["last_updated_date"] = format_date(now);
    order["integration_data"] = {{"application_id", std::to_string(ctx.cred.collector)}};
    order["transactions"] = {{"payments", std::move(payments)}};
    order["_live_mode"] = ctx.cred.live_mode;
    if (!order.contains("external_reference")) order["external_reference"] = nullptr;
    bool process_now = mode == "automatic" && !order["transactions"]["payments"].empty();
    settle(order, process_now);
    // consume the card tokens
    for (const auto &payment : order["transactions"]["payments"])
        if (CardToken *token = env.state.find_token(ctx.cred.collector,
                                                    payment["payment_method"].value("token", "")))
            token->used_ms = now;
    std::string id = order["id"];
    json &stored = env.state.collections[kFamily].insert(ctx.cred.collector, id, std::move(order));
    notify(env, stored, ctx.cred.collector, "order.created");
    if (process_now)
        notify(env, stored, ctx.cred.collector, "order." + stored["status"].get<std::string>());
    json out = visible(stored);
    out.erase("_live_mode");
    return reply(201, out);
}

json render(const json &order) {
    json out = visible(order);
    out.erase("_live_mode");
    return out;
}

// The order named by the path parameter `param` ({id}, {order_id}).
json &order_or_404(Env &env, const Context &ctx, std::string_view param) {
    json *order = env.state.collections[kFamily].find(ctx.cred.collector, ctx.param(param));
    if (!order) throw not_found("order_not_found", "Order not found");
    return *order;
}

// POST /v1/orders/{id}/<action>
Reply transition(Env &env, Context &ctx, const std::string &action) {
    auto body = ctx.body_json("invalid_properties");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "id");
    std::string status = order["status"];
    auto conflict = [&](const std::string &code) {
        return orders_error(409, code,
                            "The order in status " + status + " can not be " + action +
                                (action == "process"  ? "ed"
                                 : action == "cancel" ? "ed"
                                                      : "d"));
    };
    auto &payments = order["transactions"]["payments"];
    if (action == "process") {
        if (order["processing_mode"] != "manual" || status != "created")
            return conflict("order_already_processed");
        if (payments.empty())
            return orders_error(409, "order_without_transactions",
                                "The order has no payments to process");
        settle(order, true);
    } else if (action == "capture") {
        if (status != "action_required" && status != "authorized")
            return conflict("invalid_order_status");
        bool any = false;
        for (auto &payment : payments)
            if (payment.value("status_detail", "") == "waiting_capture") {
                payment["status"] = "processed";
                payment["status_detail"] = "accredited";
                any = true;
            }
        if (!any) return conflict("invalid_order_status");
        order["status"] = "processed";
        order["status_detail"] = "accredited";
    } else if (action == "cancel") {
        if (status != "created" && status != "action_required")
            return conflict("cannot_cancel_order");
        for (auto &payment : payments) {
            payment["status"] = "canceled";
            payment["status_detail"] = "canceled_transaction";
            payment.erase("_outcome");
        }
        order["status"] = "canceled";
        order["status_detail"] = "canceled_transaction";
    } else { // refund
        if (status != "processed" && status != "partially_refunded")
            return conflict("cannot_refund_order");
        int64_t total = *amount_cents(order["total_amount"]);
        int64_t already = order.value("_refunded_cents", int64_t{0});
        json refunds = order["transactions"].value("refunds", json::array());
        int64_t asked = 0;
        const json *list = body && body->is_object() && body->contains("transactions")
                               ? &(*body)["transactions"]
                               : nullptr;
        if (list) {
            if (!list->is_array() || list->empty())
                throw bad_request("invalid_properties", "transactions must be a non-empty array");
            for (const auto &t : *list) {
                std::string tid = t.is_object() ? t.value("id", "") : "";
                const json *payment = nullptr;
                for (const auto &p : payments)
                    if (p["id"] == tid) payment = &p;
                if (!payment)
                    return orders_error(404, "transaction_not_found",
                                        "Transaction " + tid + " not found");
                auto amount = t.contains("amount") ? amount_cents(t["amount"])
                                                   : amount_cents((*payment)["amount"]);
                if (!amount || *amount <= 0)
                    throw bad_request("invalid_properties",
                                      "amount must be a positive decimal string");
                asked += *amount;
                refunds.push_back({{"id", prefixed_id("REF")},
                                   {"transaction_id", tid},
                                   {"reference_id", random_digits(11)},
                                   {"amount", cents_text(*amount)},
                                   {"status", "processed"}});
            }
        } else {
            asked = total - already;
            for (const auto &p : payments)
                refunds.push_back({{"id", prefixed_id("REF")},
                                   {"transaction_id", p["id"]},
                                   {"reference_id", random_digits(11)},
                                   {"amount", p["amount"]},
                                   {"status", "processed"}});
        }
        if (already + asked > total)
            return orders_error(409, "refund_amount_exceeds",
                                "The refund exceeds the amount still to refund");
        order["_refunded_cents"] = already + asked;
        order["transactions"]["refunds"] = std::move(refunds);
        bool full = already + asked == total;
        order["status"] = full ? "refunded" : "partially_refunded";
        order["status_detail"] = full ? "refunded" : "partially_refunded";
        for (auto &payment : payments)
            if (full) payment["status"] = "refunded", payment["status_detail"] = "refunded";
    }
    order["last_updated_date"] = format_date(now);
    notify(env, order, ctx.cred.collector, "order." + order["status"].get<std::string>());
    return reply(200, render(order));
}

Reply add_transaction(Env &env, Context &ctx) {
    json body = ctx.body_object("invalid_properties");
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "order_id");
    if (order["status"] != "created")
        return orders_error(409, "order_already_processed",
                            "Transactions can only change while the order is created");
    if (!body.contains("payments") || !body["payments"].is_array() || body["payments"].empty())
        throw bad_request("invalid_properties", "payments must be a non-empty array");
    json added = json::array();
    for (const auto &p : body["payments"]) {
        json payment = make_payment(env.state, ctx.cred.collector, p, site_of(ctx));
        payment["status"] = "created";
        payment["status_detail"] = "created";
        order["transactions"]["payments"].push_back(payment);
        payment.erase("_outcome");
        added.push_back(std::move(payment));
    }
    order["last_updated_date"] = format_date(now_ms());
    return reply(201, {{"payments", std::move(added)}});
}

json *transaction_of(json &order, const std::string &id) {
    for (auto &payment : order["transactions"]["payments"])
        if (payment["id"] == id) return &payment;
    return nullptr;
}

Reply update_transaction(Env &env, Context &ctx) {
    json body = ctx.body_object("invalid_properties");
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "order_id");
    json *payment = transaction_of(order, ctx.param("id"));
    if (!payment) return orders_error(404, "transaction_not_found", "Transaction not found");
    if (order["status"] != "created")
        return orders_error(409, "order_already_processed",
                            "Transactions can only change while the order is created");
    json merged = *payment;
    for (auto &[key, value] : body.items())
        if (key != "id" && key != "reference_id" && key != "status") merged[key] = value;
    json fresh = make_payment(env.state, ctx.cred.collector, merged, site_of(ctx));
    fresh["id"] = (*payment)["id"];
    fresh["reference_id"] = (*payment)["reference_id"];
    fresh["status"] = "created";
    fresh["status_detail"] = "created";
    *payment = fresh;
    order["last_updated_date"] = format_date(now_ms());
    fresh.erase("_outcome");
    return reply(200, fresh);
}

Reply delete_transaction(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "order_id");
    if (!transaction_of(order, ctx.param("id")))
        return orders_error(404, "transaction_not_found", "Transaction not found");
    if (order["status"] != "created")
        return orders_error(409, "order_already_processed",
                            "Transactions can only change while the order is created");
    auto &payments = order["transactions"]["payments"];
    for (auto it = payments.begin(); it != payments.end(); ++it)
        if ((*it)["id"] == ctx.param("id")) {
            payments.erase(it);
            break;
        }
    order["last_updated_date"] = format_date(now_ms());
    return Reply{204, ""};
}

} // namespace

void add_order_routes(Router &router, Env &env) {
    router.handle("orders.create", kNoFlags, [&env](Context &ctx) { return create(env, ctx); });
    router.handle("orders.search", kNoFlags, [&env](Context &ctx) {
        Window window = query_window(ctx, 30, 1000);
        std::lock_guard lock(env.state.mutex);
        auto docs = filter_docs(env.state, ctx, kFamily,
                                {"status", "external_reference", "type", "processing_mode"});
        std::vector<json> shown;
        shown.reserve(docs.size());
        for (const json *doc : docs)
            shown.push_back(render(*doc));
        std::vector<const json *> view;
        for (const auto &doc : shown)
            view.push_back(&doc);
        return Reply{200, render_page(PageShape::Data, view, window)};
    });
    router.handle("orders.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, render(order_or_404(env, ctx, "id")));
    });
    for (const char *action : {"process", "capture", "cancel", "refund"}) {
        std::string name = action;
        router.handle("orders." + name, kNoFlags,
                      [&env, name](Context &ctx) { return transition(env, ctx, name); });
    }
    router.handle("order_transactions.create", kNoFlags,
                  [&env](Context &ctx) { return add_transaction(env, ctx); });
    router.handle("order_transactions.update", kNoFlags,
                  [&env](Context &ctx) { return update_transaction(env, ctx); });
    router.handle("order_transactions.delete", kNoFlags,
                  [&env](Context &ctx) { return delete_transaction(env, ctx); });
}

} // namespace mp::sandbox
