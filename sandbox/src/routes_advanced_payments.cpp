// Marketplace split payments: /v1/advanced_payments (create, get, search, update incl. capture
// {"capture":true} and cancel {"status":"cancelled"}), POST .../{id}/disburses
// {"money_release_date"}, and disbursement refunds (GET/POST .../{id}/refunds, POST
// .../{id}/disbursements/{disbursement_id}/refunds). A card payment's cardholder name decides
// the outcome like /v1/payments; capture:false leaves it authorized.
#include "errors.hpp"
#include "routes.hpp"
#include "test_cards.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kAdvancedPayments = "advanced_payments";

// The advanced payment named by the path parameter `param` ({id}, {advanced_payment_id}).
json &find_or_404(Env &env, const Context &ctx, std::string_view param) {
    return doc_or_404(env.state, ctx, kAdvancedPayments, ctx.param(param), "Advanced payment");
}

Reply create_advanced_payment(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (!body.contains("payments") || !body["payments"].is_array() || body["payments"].empty())
        throw bad_request(1, "payments must be a non-empty array");
    if (!body.contains("disbursements") || !body["disbursements"].is_array() ||
        body["disbursements"].empty())
        throw bad_request(1, "disbursements must be a non-empty array");
    bool capture = body.value("capture", true);
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    std::string status = capture ? "approved" : "authorized";
    std::string detail = capture ? "accredited" : "pending_capture";
    for (auto &payment : body["payments"]) {
        if (!payment.is_object()) throw bad_request(1, "every payment must be an object");
        auto amount = payment.contains("transaction_amount")
                          ? amount_cents(payment["transaction_amount"])
                          : std::nullopt;
        if (!amount || *amount <= 0)
            throw bad_request(4003, "payments.transaction_amount must be a positive number");
        std::string method = payment.value("payment_method_id", "");
        if (!site_of(ctx).find_method(method)) throw bad_request(3011, "Not found payment_method");
        std::string token = payment.value("token", "");
        if (!token.empty()) {
            CardToken *card = env.state.find_token(ctx.cred.collector, token);
            if (!card) throw bad_request(3003, "Invalid card_token_id");
            Outcome outcome = outcome_for_cardholder(card->cardholder.value("name", ""));
            if (!outcome.approves()) status = outcome.status, detail = outcome.status_detail;
            card->used_ms = now;
        }
        payment["id"] = env.state.next_number();
        payment["status"] = status;
        payment["status_detail"] = detail;
    }
    for (auto &disbursement : body["disbursements"]) {
        if (!disbursement.is_object()) throw bad_request(1, "every disbursement must be an object");
        auto amount =
            disbursement.contains("amount") ? amount_cents(disbursement["amount"]) : std::nullopt;
        if (!amount || *amount <= 0) throw bad_request(1, "disbursements.amount must be positive");
        if (!disbursement.contains("collector_id"))
            throw bad_request(1, "disbursements.collector_id can't be null");
        disbursement["id"] = env.state.next_number();
        disbursement["status"] = status;
        disbursement["money_release_date"] = nullptr;
    }
    int64_t id = env.state.next_number();
    json doc = body;
    doc["id"] = id;
    doc["status"] = status;
    doc["status_detail"] = detail;
    doc["capture"] = capture;
    doc["application_id"] = std::to_string(ctx.cred.collector);
    doc["date_created"] = format_date(now);
    doc["date_last_updated"] = format_date(now);
    doc["refunds"] = json::array();
    return reply(201, env.state.collections[kAdvancedPayments].insert(
                          ctx.cred.collector, std::to_string(id), std::move(doc)));
}

void set_status(json &doc, const std::string &status, const std::string &detail) {
    doc["status"] = status;
    doc["status_detail"] = detail;
    for (auto &payment : doc["payments"])
        payment["status"] = status, payment["status_detail"] = detail;
    for (auto &disbursement : doc["disbursements"])
        disbursement["status"] = status;
}

Reply update_advanced_payment(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    std::lock_guard lock(env.state.mutex);
    json &doc = find_or_404(env, ctx, "id");
    std::string current = doc["status"];
    if (body.contains("capture")) {
        if (body["capture"] != true)
            throw bad_request(2079, "Invalid capture value: only true captures");
        if (current == "authorized")
            set_status(doc, "approved", "accredited");
        else if (current != "approved")
            throw bad_request(2018,
                              "an advanced payment in status " + current + " can not be captured");
        doc["capture"] = true;
    }
    if (auto status = optional_string(body, "status", 1)) {
        if (*status != "cancelled") throw bad_request(1, "status can only be set to cancelled");
        if (current != "pending" && current != "in_process" && current != "authorized")
            throw bad_request(2018,
                              "an advanced payment in status " + current + " can not be cancelled");
        set_status(doc, "cancelled", "by_collector");
    }
    for (const char *key : {"external_reference", "description", "metadata", "additional_info"})
        if (body.contains(key)) doc[key] = body[key];
    doc["date_last_updated"] = format_date(now_ms());
    return reply(200, doc);
}

Reply disburse(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    auto date = optional_string(body, "money_release_date", 1);
    if (!date || !parse_date(*date, now_ms()))
        throw bad_request(1, "money_release_date must be an ISO-8601 date");
    std::lock_guard lock(env.state.mutex);
    json &doc = find_or_404(env, ctx, "id");
    for (auto &disbursement : doc["disbursements"])
        disbursement["money_release_date"] = *date;
    doc["date_last_updated"] = format_date(now_ms());
    return reply(200, doc);
}

json refund_of(State &state, json &doc, json &disbursement, int64_t cents) {
    json refund = {{"id", state.next_number()},
                   {"payment_id", doc["payments"][0]["id"]},
                   {"disbursement_id", disbursement["id"]},
                   {"amount", money(cents)},
                   {"status", "approved"},
                   {"date_created", format_date(now_ms())},
                   {"source", {{"id", doc["application_id"]}, {"type", "collector"}}}};
    doc["refunds"].push_back(refund);
    int64_t refunded = disbursement.value("_refunded_cents", int64_t{0}) + cents;
    disbursement["_refunded_cents"] = refunded;
    return refund;
}

int64_t refundable(const json &disbursement) {
    return *amount_cents(disbursement["amount"]) -
           disbursement.value("_refunded_cents", int64_t{0});
}

Reply refund_all(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    json &doc = find_or_404(env, ctx, "id");
    if (doc["status"] != "approved")
        throw bad_request(2018, "only an approved advanced payment can be refunded");
    json out = json::array();
    for (auto &disbursement : doc["disbursements"])
        if (int64_t left = refundable(disbursement); left > 0)
            out.push_back(refund_of(env.state, doc, disbursement, left));
    set_status(doc, "refunded", "refunded");
    return reply(201, out);
}

Reply refund_one(Env &env, Context &ctx) {
    auto body = ctx.body_json(1);
    std::lock_guard lock(env.state.mutex);
    json &doc = find_or_404(env, ctx, "advanced_payment_id");
    json *disbursement = nullptr;
    for (auto &d : doc["disbursements"])
        if (std::to_string(d["id"].get<int64_t>()) == ctx.param("disbursement_id"))
            disbursement = &d;
    if (!disbursement) throw not_found("not_found", "Disbursement not found");
    if (doc["status"] != "approved")
        throw bad_request(2018, "only an approved advanced payment can be refunded");
    int64_t left = refundable(*disbursement);
    int64_t cents = left;
    if (body && body->is_object() && body->contains("amount")) {
        auto amount = amount_cents((*body)["amount"]);
        if (!amount || *amount <= 0) throw bad_request(1, "amount must be a positive number");
        cents = *amount;
    }
    if (cents <= 0 || cents > left) throw bad_request(1, "amount exceeds what is left to refund");
    return reply(201, refund_of(env.state, doc, *disbursement, cents));
}

json render_advanced_payment(json doc) {
    for (auto &d : doc["disbursements"])
        d.erase("_refunded_cents");
    return doc;
}

} // namespace

void add_advanced_payment_routes(Router &router, Env &env) {
    router.handle("advanced_payments.create", kNoFlags,
                  [&env](Context &ctx) { return create_advanced_payment(env, ctx); });
    router.handle("advanced_payments.search", kNoFlags, [&env](Context &ctx) {
        Window window = query_window(ctx, 30, 1000);
        std::lock_guard lock(env.state.mutex);
        auto docs =
            filter_docs(env.state, ctx, kAdvancedPayments, {"status", "external_reference", "id"});
        std::vector<json> shown;
        for (const json *doc : docs)
            shown.push_back(render_advanced_payment(*doc));
        std::vector<const json *> view;
        for (const auto &doc : shown)
            view.push_back(&doc);
        return Reply{200, render_page(PageShape::Results, view, window)};
    });
    router.handle("advanced_payments.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, render_advanced_payment(find_or_404(env, ctx, "id")));
    });
    router.handle(
        {"advanced_payments.update", "advanced_payments.capture", "advanced_payments.cancel"},
        kNoFlags, [&env](Context &ctx) {
            Reply out = update_advanced_payment(env, ctx);
            out.body = to_text(render_advanced_payment(json::parse(out.body)));
            return out;
        });
    router.handle("advanced_payments.update_release_date", kNoFlags, [&env](Context &ctx) {
        Reply out = disburse(env, ctx);
        out.body = to_text(render_advanced_payment(json::parse(out.body)));
        return out;
    });
    router.handle("disbursement_refunds.list", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, find_or_404(env, ctx, "id")["refunds"]);
    });
    router.handle("disbursement_refunds.create_all", kNoFlags,
                  [&env](Context &ctx) { return refund_all(env, ctx); });
    router.handle("disbursement_refunds.create", kNoFlags,
                  [&env](Context &ctx) { return refund_one(env, ctx); });
}

} // namespace mp::sandbox
