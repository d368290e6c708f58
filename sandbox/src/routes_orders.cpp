// Orders API (/v1/orders): create, get, search ({"data":[..],"paging":{"total":"<string>",..}}),
// process / capture / cancel / refund, and transactions under /v1/orders/{id}/transactions.
// Card outcomes come from the token's cardholder name like payments: APRO (and unknown names)
// -> processed/accredited; CONT -> processing/in_review; the rejections -> failed (a 402 with
// the order under "data"), with the payment's status_detail the payments one without its
// "cc_rejected_" prefix (OTHE -> "other_reason", FUND -> "insufficient_amount", ...).
// processing_mode "manual" leaves a new order "created" until POST .../process; capture_mode
// "manual" stops at "action_required"/"waiting_capture" until POST .../capture. Asynchronous
// orders (processing_mode "automatic_async", or capture_mode "automatic_async" sent explicitly)
// stay "processing"/"in_process" until the next request on them that is not a capture or a cancel
// (see finish_async). type "point" orders wait for the terminal ("created"). Every error of this
// family, whatever its status, is in the Orders error shape {"errors":[{"code","message",
// "details":[]}]}. Changes send webhooks (type=order, action order.created, order.<status>) to
// the order's notification_url.
#include "errors.hpp"
#include "routes.hpp"
#include "test_cards.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kOrders = "orders";

// Errors inside this family are thrown as ApiError (the shared helpers throw them too); the
// dispatcher renders them in the Orders API's own shape, since its routes carry kErrorsList.
ApiError orders_failure(int status, const std::string &code, const std::string &message) {
    return ApiError(status, code, message, {{code, message}});
}

// A field of the wrong JSON type, met deep in a handler, is the family's 400 too.
Handler in_orders_shape(std::function<Reply(Context &)> handler) {
    return [handler = std::move(handler)](Context &ctx) -> Reply {
        try {
            return handler(ctx);
        } catch (const json::type_error &) {
            throw orders_failure(400, "property_type", "A property has the wrong type");
        }
    };
}

// A string field, or "" when absent or of another type.
std::string text_of(const json &object, const char *key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string prefixed_id(const char *prefix) {
    std::string id = prefix + random_alnum(26);
    for (char &c : id)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return id;
}

// Validates one transactions.payments[] entry of an online order and fills its ids;
// `collector` scopes tokens.
json make_payment(State &state, int64_t collector, const json &in, const Site &site) {
    if (!in.is_object()) throw bad_request("property_type", "every payment must be an object");
    auto amount = in.contains("amount") ? amount_cents(in["amount"]) : std::nullopt;
    if (!amount || *amount <= 0)
        throw bad_request("invalid_properties",
                          "transactions.payments.amount must be a positive decimal string");
    const json *method = optional_object(in, "payment_method");
    if (!method)
        throw bad_request("required_properties",
                          "transactions.payments.payment_method can't be null");
    std::string method_id = text_of(*method, "id");
    std::string type = text_of(*method, "type");
    const PaymentMethod *known = site.find_method(method_id);
    if (!known) throw bad_request("invalid_properties", "unknown payment_method.id");
    if (type.empty()) type = known->payment_type_id;
    if (auto it = method->find("installments");
        it != method->end() && (!it->is_number_integer() || it->get<int64_t>() < 1))
        throw bad_request("property_value",
                          "payment_method.installments must be an integer of at least 1");
    json out = in;
    out["id"] = prefixed_id("PAY");
    out["amount"] = cents_text(*amount);
    out["reference_id"] = random_digits(11);
    out["payment_method"]["type"] = type;
    if (!out["payment_method"].contains("installments")) out["payment_method"]["installments"] = 1;
    out["_outcome"] = "approve";
    if (known->is_card()) {
        std::string token = text_of(*method, "token");
        if (token.empty())
            throw bad_request("required_properties", "payment_method.token is required for cards");
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
    } else {
        out["payment_method"].erase("token");
        if (type == "bank_transfer" || type == "ticket") out["_outcome"] = "wait";
    }
    return out;
}

// A Point order's single payment: only the amount; the buyer chooses the method at the terminal.
json make_point_payment(const json &in) {
    if (!in.is_object()) throw bad_request("property_type", "every payment must be an object");
    auto amount = in.contains("amount") ? amount_cents(in["amount"]) : std::nullopt;
    if (!amount || *amount <= 0)
        throw bad_request("invalid_properties",
                          "transactions.payments.amount must be a positive decimal string");
    json out = in;
    out["id"] = prefixed_id("PAY");
    out["amount"] = cents_text(*amount);
    out["reference_id"] = random_digits(11);
    out["status"] = "created";
    out["status_detail"] = "created";
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

// The answer to creating or processing an order: 402 when a transaction failed, with the
// failures in the Orders error shape and the order under "data", as the create and process
// references ("the order was created but some transaction failed") and the reserve/capture
// guide's example show; else `status` with the order.
Reply processed_reply(int status, const json &order) {
    if (order.value("status", "") != "failed") return reply(status, order);
    json details = json::array();
    for (const auto &payment : order["transactions"]["payments"])
        if (payment.value("status", "") == "failed")
            details.push_back(payment.value("id", "") + ": " + payment.value("status_detail", ""));
    return reply(402, {{"errors", json::array({{{"code", "failed"},
                                                {"message", "The following transactions failed"},
                                                {"details", std::move(details)}}})},
                       {"data", order}});
}

// Asynchronous processing. The Orders docs list processing_mode "automatic_async" (Automatic
// Payments: "to process the order asynchronously") and say "processing"/"in_process" "may also
// be returned in the case of asynchronous payment creation". Such an order answers creation
// (or POST .../process) as processing/in_process with its outcomes held back; while it is,
// capture and cancel act on it (capture settles it now, cancel cancels it). The asynchronous
// processing is modelled deterministically, without a clock: it has completed by the next
// request on the order that is not a capture or a cancel (a GET, a search that lists it, a
// refund...), which settles it and sends the order.<status> webhook then. An integrator that
// reads the order on its order.created webhook thus sees the outcome and gets the next webhook.
bool is_async(const json &order) {
    return order.value("processing_mode", "") == "automatic_async" ||
           order.value("_async_capture", false);
}

void start_async(json &order) {
    for (auto &payment : order["transactions"]["payments"]) {
        payment["status"] = "processing";
        payment["status_detail"] = "in_process";
    }
    order["status"] = "processing";
    order["status_detail"] = "in_process";
    order["_pending"] = true;
}

// A copy without internal fields.
json visible(const json &order) {
    json out = order;
    for (auto &payment : out["transactions"]["payments"])
        payment.erase("_outcome");
    for (const char *key : {"_refunded_cents", "_live_mode", "_pending", "_async_capture"})
        out.erase(key);
    return out;
}

void notify(Env &env, const json &order, int64_t collector, const std::string &action) {
    auto url = order.find("notification_url");
    if (url != order.end() && url->is_string())
        env.webhooks.event(url->get<std::string>(), "order",
                           to_lower(order["id"].get<std::string>()),
                           order.value("_live_mode", false), collector, action);
}

// Completes a pending asynchronous processing (see is_async). Hold the mutex.
void finish_async(Env &env, json &order, int64_t collector) {
    if (!order.value("_pending", false)) return;
    order.erase("_pending");
    settle(order, true);
    order["last_updated_date"] = format_date(now_ms());
    notify(env, order, collector, "order." + order["status"].get<std::string>());
}

// Processes the order now, or starts its asynchronous processing.
void process(json &order) {
    if (is_async(order))
        start_async(order);
    else
        settle(order, true);
}

// Point orders (type "point"): config.point.terminal_id, one payment with its amount only, and
// an external_reference, as the Point "Create order" reference requires. The order waits for
// the terminal, which this sandbox does not have: it stays "created" until cancelled.
void validate_point(const json &body, json &payments) {
    const json *config = optional_object(body, "config");
    const json *point = config ? optional_object(*config, "point") : nullptr;
    if (!point || text_of(*point, "terminal_id").empty())
        throw bad_request("required_properties", "config.point.terminal_id is required");
    if (text_of(body, "external_reference").empty())
        throw bad_request("required_properties", "external_reference is required");
    if (payments.size() != 1)
        throw bad_request("maximum_items", "a point order takes exactly one payment");
}

Reply create_order(Env &env, Context &ctx) {
    json body = ctx.body_object("json_syntax_error");
    std::string type = text_of(body, "type");
    if (type != "online" && type != "point")
        throw bad_request("property_value", "type must be one of: online, point");
    bool point = type == "point";
    const json *total_field = body.contains("total_amount") ? &body["total_amount"] : nullptr;
    int64_t total = 0; // cents; a point order may leave it to its payment (set below)
    if (total_field) {
        auto cents = amount_cents(*total_field);
        if (!cents || *cents <= 0 || !total_field->is_string())
            throw bad_request("invalid_properties",
                              "total_amount must be a positive decimal string");
        total = *cents;
    } else if (!point) {
        throw bad_request("required_properties", "total_amount is required");
    }
    std::string mode =
        body.contains("processing_mode") ? text_of(body, "processing_mode") : "automatic";
    if (mode != "automatic" && mode != "manual" && mode != "automatic_async")
        throw bad_request("property_value",
                          "processing_mode must be one of: automatic, manual, automatic_async");
    std::string capture = body.contains("capture_mode") ? text_of(body, "capture_mode") : "";
    if (body.contains("capture_mode") && capture != "automatic" && capture != "automatic_async" &&
        capture != "manual")
        throw bad_request("property_value",
                          "capture_mode must be one of: automatic, automatic_async, manual");
    if (auto url = optional_string(body, "notification_url", 1); url && !is_http_url(*url))
        throw bad_request("invalid_properties", "notification_url must be a valid url");
    const json *transactions = optional_object(body, "transactions");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json payments = json::array();
    int64_t sum = 0;
    if (transactions && transactions->contains("payments")) {
        if (!(*transactions)["payments"].is_array())
            throw bad_request("property_type", "transactions.payments must be an array");
        for (const auto &p : (*transactions)["payments"]) {
            payments.push_back(point
                                   ? make_point_payment(p)
                                   : make_payment(env.state, ctx.cred.collector, p, site_of(ctx)));
            sum += *amount_cents(payments.back()["amount"]);
        }
    }
    if (point) validate_point(body, payments);
    if (!total_field) total = sum;
    if (!payments.empty() && sum != total)
        throw bad_request("invalid_total_amount",
                          "total_amount must equal the sum of the payments");
    json order = body;
    order["id"] = prefixed_id("ORD");
    order["type"] = type;
    order["processing_mode"] = mode;
    // The documented default; only an explicit "automatic_async" makes the capture asynchronous,
    // as the official SDKs' tests expect an order created without it to be processed at once.
    order["capture_mode"] = capture.empty() ? "automatic_async" : capture;
    if (capture == "automatic_async") order["_async_capture"] = true;
    order["total_amount"] = cents_text(total);
    order["user_id"] = std::to_string(ctx.cred.collector);
    order["country_code"] = site_of(ctx).country_code;
    order["currency"] = site_of(ctx).currency_id;
    order["created_date"] = format_date(now);
    order["last_updated_date"] = format_date(now);
    order["integration_data"] = {{"application_id", std::to_string(ctx.cred.collector)}};
    order["transactions"] = {{"payments", std::move(payments)}};
    order["_live_mode"] = ctx.cred.live_mode;
    if (!order.contains("external_reference")) order["external_reference"] = nullptr;
    bool process_now = !point && mode != "manual" && !order["transactions"]["payments"].empty();
    if (point) {
        order["status"] = "created";
        order["status_detail"] = "created";
    } else if (process_now) {
        process(order);
    } else {
        settle(order, false);
    }
    // consume the card tokens
    for (const auto &payment : order["transactions"]["payments"])
        if (payment.contains("payment_method"))
            if (CardToken *token = env.state.find_token(
                    ctx.cred.collector, text_of(payment["payment_method"], "token")))
                token->used_ms = now;
    std::string id = order["id"];
    json &stored = env.state.collections[kOrders].insert(ctx.cred.collector, id, std::move(order));
    notify(env, stored, ctx.cred.collector, "order.created");
    if (process_now && !stored.value("_pending", false))
        notify(env, stored, ctx.cred.collector, "order." + stored["status"].get<std::string>());
    return processed_reply(201, visible(stored));
}

// The order named by the path parameter `param` ({id}, {order_id}).
json &order_or_404(Env &env, const Context &ctx, std::string_view param) {
    json *order = env.state.collections[kOrders].find(ctx.cred.collector, ctx.param(param));
    if (!order) throw orders_failure(404, "order_not_found", "Order not found");
    return *order;
}

// The past participle of each action, for the wrong-state messages.
const char *done_form(const std::string &action) {
    if (action == "process") return "processed";
    if (action == "capture") return "captured";
    if (action == "cancel") return "canceled";
    return "refunded";
}

// POST /v1/orders/{id}/refund: the whole order (no body) or the listed transactions, partially.
void refund(json &order, const std::optional<json> &body) {
    auto &payments = order["transactions"]["payments"];
    int64_t total = *amount_cents(order["total_amount"]);
    int64_t already = order.value("_refunded_cents", int64_t{0});
    json refunds = order["transactions"].value("refunds", json::array());
    int64_t asked = 0;
    const json *list = body && body->is_object() && body->contains("transactions")
                           ? &(*body)["transactions"]
                           : nullptr;
    if (list) {
        if (!list->is_array() || list->empty())
            throw bad_request("minimum_items", "transactions must be a non-empty array");
        for (const auto &t : *list) {
            std::string tid = t.is_object() ? text_of(t, "id") : "";
            const json *payment = nullptr;
            for (const auto &p : payments)
                if (p["id"] == tid) payment = &p;
            if (!payment)
                throw orders_failure(404, "transaction_not_found",
                                     "Transaction " + tid + " not found");
            auto amount = t.contains("amount") ? amount_cents(t["amount"])
                                               : amount_cents((*payment)["amount"]);
            if (!amount || *amount <= 0)
                throw bad_request("invalid_properties", "amount must be a positive decimal string");
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
        throw orders_failure(409, "refund_amount_exceeds",
                             "The refund exceeds the amount still to refund");
    order["_refunded_cents"] = already + asked;
    order["transactions"]["refunds"] = std::move(refunds);
    // A partial refund leaves the order processed (status_detail partially_refunded), as the
    // order status list and the official SDKs' refund tests show; a full one refunds it.
    if (already + asked == total) {
        order["status"] = "refunded";
        order["status_detail"] = "refunded";
        for (auto &payment : payments) {
            payment["status"] = "refunded";
            payment["status_detail"] = "refunded";
        }
    } else {
        order["status"] = "processed";
        order["status_detail"] = "partially_refunded";
    }
}

// POST /v1/orders/{id}/<action>
Reply transition(Env &env, Context &ctx, const std::string &action) {
    auto body = ctx.body_json("json_syntax_error");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "id");
    bool pending = order.value("_pending", false);
    if (action != "capture" && action != "cancel") finish_async(env, order, ctx.cred.collector);
    std::string status = order["status"];
    auto conflict = [&](const std::string &code) {
        return orders_failure(409, code,
                              "The order in status " + status + " can not be " + done_form(action));
    };
    auto &payments = order["transactions"]["payments"];
    if (action == "process") {
        if (order["processing_mode"] != "manual" || status != "created")
            throw conflict("order_already_processed");
        if (payments.empty())
            throw orders_failure(409, "order_without_transactions",
                                 "The order has no payments to process");
        process(order);
    } else if (action == "capture") {
        if (pending) {
            // Captures now what the asynchronous processing would have captured.
            order.erase("_pending");
            settle(order, true);
        } else {
            if (status != "action_required" && status != "authorized")
                throw conflict("invalid_order_status");
            bool any = false;
            for (auto &payment : payments)
                if (payment.value("status_detail", "") == "waiting_capture") {
                    payment["status"] = "processed";
                    payment["status_detail"] = "accredited";
                    any = true;
                }
            if (!any) throw conflict("invalid_order_status");
            order["status"] = "processed";
            order["status_detail"] = "accredited";
        }
    } else if (action == "cancel") {
        if (status != "created" && status != "action_required" && !pending)
            throw conflict("cannot_cancel_order");
        order.erase("_pending");
        for (auto &payment : payments) {
            payment["status"] = "canceled";
            payment["status_detail"] = "canceled_transaction";
            payment.erase("_outcome");
        }
        order["status"] = "canceled";
        order["status_detail"] = "canceled_transaction";
    } else {
        if (status != "processed") throw conflict("cannot_refund_order");
        refund(order, body);
    }
    order["last_updated_date"] = format_date(now);
    if (!order.value("_pending", false))
        notify(env, order, ctx.cred.collector, "order." + order["status"].get<std::string>());
    // The refund reference documents 201; the other actions answer 200.
    if (action == "process") return processed_reply(200, visible(order));
    return reply(action == "refund" ? 201 : 200, visible(order));
}

void require_created(const json &order) {
    if (order["status"] != "created")
        throw orders_failure(409, "order_already_processed",
                             "Transactions can only change while the order is created");
}

Reply add_transaction(Env &env, Context &ctx) {
    json body = ctx.body_object("json_syntax_error");
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "order_id");
    finish_async(env, order, ctx.cred.collector);
    require_created(order);
    if (!body.contains("payments") || !body["payments"].is_array() || body["payments"].empty())
        throw bad_request("minimum_items", "payments must be a non-empty array");
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

// The stored payment with what the update sends merged in: only the fields it names change, and
// payment_method is merged field by field (installments alone, or a card method without a new
// token, keep the rest), as the official SDKs' update tests send them.
json merge_update(const json &stored, const json &update, const Site &site) {
    json merged = stored;
    for (auto &[key, value] : update.items()) {
        if (key == "id" || key == "reference_id" || key == "status" || key == "status_detail")
            continue;
        if (key != "payment_method" || !value.is_object()) {
            merged[key] = value;
            continue;
        }
        json &method = merged["payment_method"];
        std::string old_id = text_of(method, "id");
        std::string new_id = value.contains("id") ? text_of(value, "id") : old_id;
        if (new_id != old_id && !value.contains("type")) method.erase("type");
        const PaymentMethod *known = site.find_method(new_id);
        if (known && !known->is_card()) method.erase("token");
        for (auto &[field, v] : value.items())
            method[field] = v;
    }
    return merged;
}

Reply update_transaction(Env &env, Context &ctx) {
    json body = ctx.body_object("json_syntax_error");
    std::lock_guard lock(env.state.mutex);
    json &order = order_or_404(env, ctx, "order_id");
    finish_async(env, order, ctx.cred.collector);
    json *payment = transaction_of(order, ctx.param("id"));
    if (!payment) throw orders_failure(404, "transaction_not_found", "Transaction not found");
    require_created(order);
    json fresh = make_payment(env.state, ctx.cred.collector,
                              merge_update(*payment, body, site_of(ctx)), site_of(ctx));
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
    finish_async(env, order, ctx.cred.collector);
    if (!transaction_of(order, ctx.param("id")))
        throw orders_failure(404, "transaction_not_found", "Transaction not found");
    require_created(order);
    auto &payments = order["transactions"]["payments"];
    for (auto it = payments.begin(); it != payments.end(); ++it)
        if ((*it)["id"] == ctx.param("id")) {
            payments.erase(it);
            break;
        }
    order["last_updated_date"] = format_date(now_ms());
    return Reply{204, ""};
}

Reply search(Env &env, Context &ctx) {
    Window window = query_window(ctx, 30, 1000);
    std::lock_guard lock(env.state.mutex);
    for (json *doc : env.state.collections[kOrders].list(ctx.cred.collector))
        finish_async(env, *doc, ctx.cred.collector);
    auto docs = filter_docs(env.state, ctx, kOrders,
                            {"status", "external_reference", "type", "processing_mode"});
    std::vector<json> shown;
    shown.reserve(docs.size());
    for (const json *doc : docs)
        shown.push_back(visible(*doc));
    std::vector<const json *> view;
    for (const auto &doc : shown)
        view.push_back(&doc);
    return Reply{200, render_page(PageShape::Data, view, window)};
}

} // namespace

void add_order_routes(Router &router, Env &env) {
    router.handle("orders.create", kErrorsList,
                  in_orders_shape([&env](Context &ctx) { return create_order(env, ctx); }));
    router.handle("orders.search", kErrorsList,
                  in_orders_shape([&env](Context &ctx) { return search(env, ctx); }));
    router.handle("orders.get", kErrorsList, in_orders_shape([&env](Context &ctx) {
                      std::lock_guard lock(env.state.mutex);
                      json &order = order_or_404(env, ctx, "id");
                      finish_async(env, order, ctx.cred.collector);
                      return reply(200, visible(order));
                  }));
    for (const char *action : {"process", "capture", "cancel", "refund"}) {
        std::string name = action;
        router.handle("orders." + name, kErrorsList, in_orders_shape([&env, name](Context &ctx) {
                          return transition(env, ctx, name);
                      }));
    }
    router.handle("order_transactions.create", kErrorsList,
                  in_orders_shape([&env](Context &ctx) { return add_transaction(env, ctx); }));
    router.handle("order_transactions.update", kErrorsList,
                  in_orders_shape([&env](Context &ctx) { return update_transaction(env, ctx); }));
    router.handle("order_transactions.delete", kErrorsList,
                  in_orders_shape([&env](Context &ctx) { return delete_transaction(env, ctx); }));
}

} // namespace mp::sandbox
