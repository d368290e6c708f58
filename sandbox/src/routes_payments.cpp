// POST /v1/payments, GET /v1/payments/{id}, PUT /v1/payments/{id} (capture, cancel, updates),
// GET /v1/payments/search. Card outcomes come from the token's cardholder name (test_cards).
#include <algorithm>
#include <cmath>

#include "errors.hpp"
#include "routes.hpp"
#include "test_cards.hpp"

namespace mp::sandbox {

namespace {

constexpr double kFeeRate = 0.0499;                    // mercadopago_fee on approved payments
constexpr int64_t kReleaseDelayMs = 14LL * 86'400'000; // money_release_date after approval
constexpr int64_t kPixExpiryMs = 86'400'000;
constexpr int64_t kTicketExpiryMs = 3LL * 86'400'000;
constexpr int64_t kMaxSearchRangeMs = 365LL * 86'400'000;
// The API's build stamp, a string on every payment ("2.105.0" in captured traffic).
constexpr const char *kBuildVersion = "3.118.0";

// A 1x1 PNG, standing in for the Pix QR image.
constexpr const char *kQrPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwG"
    "A60e6kgAAAABJRU5ErkJggg==";

// transaction_details and fee_details for an amount; fees only once the money is charged.
void set_amounts(json &doc, int64_t cents, bool charged) {
    int64_t installments = doc["installments"].get<int64_t>();
    int64_t fee = charged ? std::llround(static_cast<double>(cents) * kFeeRate) : 0;
    doc["transaction_amount"] = money(cents);
    doc["fee_details"] = json::array();
    if (charged)
        doc["fee_details"].push_back(
            {{"type", "mercadopago_fee"}, {"amount", money(fee)}, {"fee_payer", "collector"}});
    json &details = doc["transaction_details"];
    details["net_received_amount"] = money(charged ? cents - fee : 0);
    details["total_paid_amount"] = money(cents);
    details["installment_amount"] =
        money(std::llround(static_cast<double>(cents) / static_cast<double>(installments)));
}

// approved/accredited, captured, with approval and release dates and fees.
void approve(Payment &payment, json &doc, int64_t cents, int64_t now) {
    doc["status"] = "approved";
    doc["status_detail"] = "accredited";
    doc["captured"] = true;
    doc["date_approved"] = format_date(now);
    doc["money_release_date"] = format_date(now + kReleaseDelayMs);
    doc["money_release_status"] = "pending";
    if (doc["payment_type_id"] != "account_money" && doc["card"].contains("first_six_digits"))
        doc["authorization_code"] = random_digits(6);
    payment.approved_ms = now;
    payment.release_ms = now + kReleaseDelayMs;
    set_amounts(doc, cents, true);
}

// additional_info as echoed by the API: item quantity and unit_price become strings.
json echo_additional_info(const json &in) {
    json out = in;
    auto items = out.find("items");
    if (items != out.end() && items->is_array()) {
        for (auto &item : *items) {
            if (!item.is_object()) continue;
            for (const char *key : {"quantity", "unit_price"}) {
                auto field = item.find(key);
                if (field != item.end() && field->is_number()) *field = field->dump();
            }
        }
    }
    return out;
}

json optional_field(const json &object, const char *key) {
    auto it = object.find(key);
    return it == object.end() ? json(nullptr) : *it;
}

json nullable(const std::string &text) {
    return text.empty() ? json(nullptr) : json(text);
}

struct PaymentRequest {
    int64_t cents = 0;
    int64_t installments = 1;
    const PaymentMethod *method = nullptr;
    std::optional<std::string> token;
    json payer = json::object();
    std::string payer_type = "guest";
    std::optional<std::string> notification_url;
    bool capture = true;
    bool binary_mode = false;
};

// Field checks that need no state, in the order the API reports them.
PaymentRequest read_payment_request(const Site &site, const json &body) {
    PaymentRequest r;
    auto amount = body.find("transaction_amount");
    if (amount == body.end() || amount->is_null())
        throw bad_request(4002, "transaction_amount attribute can't be null");
    if (!amount->is_number() || !std::isfinite(amount->get<double>()))
        throw bad_request(4003, "transaction_amount attribute must be numeric");
    r.cents = cents_of(*amount);
    if (r.cents <= 0)
        throw bad_request(4037, "Invalid transaction_amount: it must be greater than zero");

    // Installments apply to cards: a method named as another kind (pix, boleto, ...) goes
    // without them (1). Digit strings are read as numbers, as form-posted values arrive.
    auto named = body.find("payment_method_id");
    const PaymentMethod *named_method = named != body.end() && named->is_string()
                                            ? site.find_method(named->get<std::string>())
                                            : nullptr;
    auto installments = body.find("installments");
    if (installments == body.end() || installments->is_null()) {
        if (!named_method || named_method->is_card())
            throw bad_request(4004, "installments attribute can't be null");
    } else {
        auto count = loose_int(*installments);
        if (!count || *count < 1 || *count > 72)
            throw bad_request(4005, "installments attribute must be an integer from 1 to 72");
        r.installments = *count;
    }

    auto method = body.find("payment_method_id");
    if (method != body.end()) {
        if (method->is_null() || (method->is_string() && method->get<std::string>().empty()))
            throw bad_request(4001, "payment_method_id attribute can't be null");
        if (!method->is_string()) throw bad_request(4001, "payment_method_id must be a string");
        r.method = site.find_method(method->get<std::string>());
        if (!r.method) throw bad_request(3011, "Not found payment_method");
    }
    auto token = body.find("token");
    if (token != body.end() && !token->is_null()) {
        if (!token->is_string() || token->get<std::string>().empty())
            throw bad_request(3003, "Invalid card_token_id");
        r.token = token->get<std::string>();
    }
    if (!r.method && !r.token) throw bad_request(4001, "payment_method_id attribute can't be null");
    if (r.method && r.method->is_card() && !r.token)
        throw bad_request(4000, "token attribute can't be null");

    auto payer = body.find("payer");
    if (payer != body.end() && !payer->is_null()) {
        if (!payer->is_object()) throw bad_request(1, "payer must be an object");
        r.payer = *payer;
        if (auto type = optional_string(r.payer, "type", 1)) r.payer_type = *type;
        auto email = r.payer.find("email");
        if (email != r.payer.end() && !email->is_null() &&
            (!email->is_string() || !is_valid_email(email->get<std::string>())))
            throw bad_request(4050, "payer.email must be a valid email");
    }

    r.notification_url = optional_string(body, "notification_url", 4020);
    if (r.notification_url && !is_http_url(*r.notification_url))
        throw bad_request(4020, "notification_url attribute must be url valid");

    auto capture = body.find("capture");
    if (capture != body.end() && !capture->is_null()) {
        if (!capture->is_boolean()) throw bad_request(2078, "capture attribute must be a boolean");
        r.capture = capture->get<bool>();
    }
    auto binary = body.find("binary_mode");
    if (binary != body.end() && !binary->is_null()) {
        if (!binary->is_boolean()) throw bad_request(1, "binary_mode must be a boolean");
        r.binary_mode = binary->get<bool>();
    }
    for (const char *key : {"description", "external_reference", "statement_descriptor",
                            "callback_url", "date_of_expiration"})
        optional_string(body, key, 1);
    for (const char *key : {"metadata", "additional_info"}) {
        auto it = body.find(key);
        if (it != body.end() && !it->is_null() && !it->is_object())
            throw bad_request(1, std::string(key) + " must be an object");
    }
    return r;
}

// The user id the API gives a guest payer: a digit string, the same for the same email.
std::string guest_payer_id(const std::string &email) {
    uint64_t hash = 1469598103934665603ULL; // FNV-1a
    for (char c : to_lower(email)) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return std::to_string(100'000'000 + hash % 900'000'000);
}

json payer_json(const PaymentRequest &r, const Customer *customer, const std::string &email) {
    const json &in = r.payer;
    json identification = {{"type", nullptr}, {"number", nullptr}};
    if (in.contains("identification") && in["identification"].is_object())
        identification = in["identification"];
    else if (customer)
        identification = customer->doc["identification"];
    json phone = {{"area_code", nullptr}, {"number", nullptr}, {"extension", nullptr}};
    if (in.contains("phone") && in["phone"].is_object()) phone = in["phone"];
    auto name = [&](const char *key) {
        if (in.contains(key)) return in[key];
        return customer ? customer->doc[key] : json(nullptr);
    };
    json id = nullptr;
    if (in.contains("id") && in["id"].is_string())
        id = in["id"];
    else if (in.contains("id") && in["id"].is_number_integer())
        id = in["id"].dump();
    else if (!customer)
        id = guest_payer_id(email);
    return {{"type", r.payer_type},
            {"id", id},
            {"email", email},
            {"identification", identification},
            {"phone", phone},
            {"first_name", name("first_name")},
            {"last_name", name("last_name")},
            {"entity_type", optional_field(in, "entity_type")},
            {"operator_id", nullptr}};
}

// POST /v1/payments, in the order of its steps. The idempotent replay comes before all of them:
// the route requires an X-Idempotency-Key (kIdempotencyRequired), and Sandbox::run_once answers
// a key already used with the stored response without calling this handler again.

// Who pays: a customer of the caller's (payer.type "customer") or a guest, and the email.
struct Payer {
    Customer *customer = nullptr;
    std::string email;
};

Payer resolve_payer(State &state, const Context &ctx, const PaymentRequest &r) {
    Payer payer;
    if (r.payer_type == "customer") {
        auto id = r.payer.find("id");
        if (id != r.payer.end() && id->is_string())
            payer.customer = state.find_customer(ctx.cred.collector, id->get<std::string>());
        if (!payer.customer) throw bad_request(2002, "Customer not found");
    }
    if (r.payer.contains("email") && r.payer["email"].is_string())
        payer.email = r.payer["email"];
    else if (payer.customer)
        payer.email = payer.customer->doc["email"];
    else
        throw bad_request(4050, "payer.email must be a valid email");
    return payer;
}

// The card token a card payment is made with (nullptr for other means), checked usable; infers
// the payment method from the token when the request names none. Sets r.method.
CardToken *resolve_card_token(State &state, const Context &ctx, PaymentRequest &r, int64_t now) {
    CardToken *token = nullptr;
    if (r.token && (!r.method || r.method->is_card())) {
        token = state.find_token(ctx.cred.collector, *r.token);
        if (!token) throw bad_request(2006, "Card Token not found");
        if (token->used_ms) throw bad_request(2062, "Card token was used, please generate new");
        if (now > token->due_ms) throw bad_request(2062, "Card token expired, please generate new");
        if (!r.method) {
            r.method = token->method;
            if (!r.method) throw bad_request(2131, "Cannot infer Payment Method");
        } else if (token->method && token->method != r.method) {
            throw bad_request(3014, "Invalid payment_method_id: the card token is a " +
                                        token->method->id + " card");
        }
    }
    if (!r.capture && r.method->deferred_capture != "supported")
        throw bad_request(2077,
                          "Deferred capture is not supported by payment method " + r.method->id);
    return token;
}

// The outcome: a card's comes from its cardholder name (test_cards); Pix and tickets wait for
// the money; anything else is approved.
Outcome decide_outcome(const CardToken *token, const PaymentMethod &method, bool binary_mode) {
    if (token) {
        Outcome outcome = outcome_for_cardholder(token->cardholder.value("name", ""));
        if (binary_mode && outcome.is_contingency())
            return {"rejected", "cc_rejected_other_reason"};
        return outcome;
    }
    if (method.payment_type_id == "bank_transfer") return {"pending", "pending_waiting_transfer"};
    if (method.payment_type_id == "ticket" || method.payment_type_id == "atm")
        return {"pending", "pending_waiting_payment"};
    return {"approved", "accredited"};
}

// The payment resource as GET serves it, before card, instructions and amounts.
json new_payment_doc(int64_t id, const Context &ctx, const json &body, const PaymentRequest &r,
                     const Payer &payer, const Outcome &outcome, int64_t now) {
    const PaymentMethod &method = *r.method;
    json doc = {
        {"id", id},
        {"date_created", format_date(now)},
        {"date_approved", nullptr},
        {"date_last_updated", format_date(now)},
        {"date_of_expiration", optional_field(body, "date_of_expiration")},
        {"money_release_date", nullptr},
        {"money_release_status", nullptr},
        {"money_release_schema", nullptr},
        {"operation_type", "regular_payment"},
        {"issuer_id", method.issuer_id.empty() ? json(nullptr) : json(method.issuer_id)},
        {"payment_method_id", method.id},
        {"payment_type_id", method.payment_type_id},
        {"payment_method",
         {{"id", method.id},
          {"type", method.payment_type_id},
          {"issuer_id", method.issuer_id.empty() ? json(nullptr) : json(method.issuer_id)}}},
        {"status", outcome.status},
        {"status_detail", outcome.status_detail},
        {"currency_id", site_of(ctx).currency_id},
        {"description", optional_field(body, "description")},
        {"live_mode", ctx.cred.live_mode},
        {"sponsor_id", nullptr},
        {"authorization_code", nullptr},
        {"money_release_days", nullptr},
        {"integrator_id", nullable(ctx.http.get_header_value("X-Integrator-Id"))},
        {"platform_id", nullable(ctx.http.get_header_value("X-Platform-Id"))},
        {"corporation_id", nullable(ctx.http.get_header_value("X-Corporation-Id"))},
        {"collector_id", ctx.cred.collector},
        {"payer", payer_json(r, payer.customer, payer.email)},
        {"marketplace_owner", nullptr},
        {"metadata", body.contains("metadata") && body["metadata"].is_object() ? body["metadata"]
                                                                               : json::object()},
        {"additional_info", body.contains("additional_info") && body["additional_info"].is_object()
                                ? echo_additional_info(body["additional_info"])
                                : json::object()},
        {"order", json::object()},
        {"external_reference", optional_field(body, "external_reference")},
        {"transaction_amount_refunded", 0},
        {"coupon_amount", body.contains("coupon_amount") ? body["coupon_amount"] : json(0)},
        {"differential_pricing_id", nullptr},
        {"deduction_schema", nullptr},
        {"installments", r.installments},
        {"transaction_details",
         {{"payment_method_reference_id", nullptr},
          {"acquirer_reference", nullptr},
          {"overpaid_amount", 0},
          {"external_resource_url", nullptr},
          {"financial_institution", nullptr},
          {"payable_deferral_period", nullptr}}},
        {"fee_details", json::array()},
        {"charges_details", json::array()},
        {"captured", false},
        {"binary_mode", r.binary_mode},
        {"call_for_authorize_id", nullptr},
        {"statement_descriptor", optional_field(body, "statement_descriptor")},
        {"card", json::object()},
        {"notification_url", r.notification_url ? json(*r.notification_url) : json(nullptr)},
        {"refunds", json::array()},
        {"processing_mode", "aggregator"},
        {"merchant_account_id", nullptr},
        {"merchant_number", nullptr},
        {"acquirer_reconciliation", json::array()},
        {"point_of_interaction",
         {{"type", "UNSPECIFIED"},
          {"business_info", {{"unit", "online_payments"}, {"sub_unit", "default"}}}}},
        {"callback_url", optional_field(body, "callback_url")},
        {"three_ds_info", nullptr},
        {"pos_id", nullptr},
        {"store_id", nullptr},
        {"counter_currency", nullptr},
        {"shipping_amount", 0},
        {"taxes_amount", 0},
        {"tags", nullptr},
        {"brand_id", nullptr},
        {"build_version", kBuildVersion}};
    return doc;
}

// The card of a card payment; the token is spent.
void attach_card(json &doc, CardToken &token, int64_t now) {
    doc["card"] = {{"id", token.card_id.empty() ? json(nullptr) : json(token.card_id)},
                   {"first_six_digits", token.first_six_digits},
                   {"last_four_digits", token.last_four_digits},
                   {"expiration_month", token.expiration_month},
                   {"expiration_year", token.expiration_year},
                   {"date_created", format_date(token.created_ms)},
                   {"date_last_updated", format_date(now)},
                   {"cardholder", token.cardholder}};
    token.used_ms = now;
}

// How a Pix or ticket payment is paid: the QR code, or the ticket's barcode and URL.
void add_payment_instructions(json &doc, const PaymentMethod &method, int64_t id, int64_t collector,
                              int64_t now) {
    if (method.id == "pix") {
        if (doc["date_of_expiration"].is_null())
            doc["date_of_expiration"] = format_date(now + kPixExpiryMs);
        std::string txid = random_alnum(25);
        doc["point_of_interaction"] = {
            {"type", "OPENPLATFORM"},
            {"sub_type", nullptr},
            {"application_data", {{"name", nullptr}, {"version", nullptr}}},
            {"transaction_data",
             {{"qr_code", "00020126580014br.gov.bcb.pix0136" + uuid4() +
                              "5204000053039865802BR5913MPSANDBOX6009SAOPAULO62290525" + txid +
                              "6304" + random_hex(4)},
              {"qr_code_base64", kQrPng},
              {"ticket_url", "https://www.mercadopago.com.br/sandbox/payments/" +
                                 std::to_string(id) +
                                 "/ticket?caller_id=" + std::to_string(collector)},
              {"transaction_id", nullptr},
              {"bank_transfer_id", nullptr},
              {"financial_institution", nullptr},
              {"e2e_id", nullptr}}}};
    } else if (!method.is_card() && method.payment_type_id != "account_money") {
        // Tickets, ATM codes and the other sites' bank transfers (PSE, Webpay): a URL to pay at.
        if (doc["date_of_expiration"].is_null())
            doc["date_of_expiration"] = format_date(now + kTicketExpiryMs);
        doc["transaction_details"]["external_resource_url"] =
            "https://www.mercadopago.com.br/sandbox/payments/" + std::to_string(id) +
            "/ticket?caller_id=" + std::to_string(collector) + "&hash=" + uuid4();
        doc["barcode"] = {{"content", random_digits(44)}};
    }
}

// Amounts and fees, and the state the outcome leaves the payment in: authorized (capture
// false), approved with fees and release dates, or as decided (pending, rejected, ...).
void settle(Payment &payment, json &doc, const PaymentRequest &r, const Outcome &outcome,
            int64_t now) {
    set_amounts(doc, r.cents, false);
    if (outcome.approves() && !r.capture) {
        doc["status"] = "authorized";
        doc["status_detail"] = "pending_capture";
    } else if (outcome.approves()) {
        approve(payment, doc, r.cents, now);
    }
}

// Keeps the payment (the caller's list in creation order). Hold the mutex.
void store_payment(State &state, Payment payment) {
    int64_t id = payment.id;
    int64_t collector = payment.collector;
    state.payments.emplace(id, std::move(payment));
    state.payments_by_collector[collector].push_back(id);
}

Reply create_payment(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    PaymentRequest r = read_payment_request(site_of(ctx), body);
    int64_t now = now_ms();

    std::lock_guard lock(env.state.mutex);
    State &state = env.state;
    Payer payer = resolve_payer(state, ctx, r);
    CardToken *token = resolve_card_token(state, ctx, r, now);
    Outcome outcome = decide_outcome(token, *r.method, r.binary_mode);

    Payment payment;
    payment.id = state.new_payment_id();
    payment.collector = ctx.cred.collector;
    payment.created_ms = now;
    json doc = new_payment_doc(payment.id, ctx, body, r, payer, outcome, now);
    if (token) attach_card(doc, *token, now);
    add_payment_instructions(doc, *r.method, payment.id, ctx.cred.collector, now);
    settle(payment, doc, r, outcome, now);
    payment.save(doc, now);

    std::string text = payment.text;
    env.webhooks.payment_event(doc, ctx.cred.collector, "payment.created");
    store_payment(state, std::move(payment));
    ctx.headers.emplace_back("X-Caller-Id", std::to_string(ctx.cred.collector));
    return {201, std::move(text)};
}

Reply get_payment(Env &env, Context &ctx) {
    std::lock_guard lock(env.state.mutex);
    return {200, payment_or_404(env.state, ctx, "id").text};
}

Reply update_payment(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    auto status = optional_string(body, "status", 1);
    if (status && *status != "cancelled")
        throw bad_request(1, "Invalid status: a payment update can only set status to cancelled");
    std::optional<bool> capture;
    if (body.contains("capture") && !body["capture"].is_null()) {
        if (!body["capture"].is_boolean())
            throw bad_request(2078, "capture attribute must be a boolean");
        capture = body["capture"].get<bool>();
        if (!*capture) throw bad_request(2079, "Invalid capture value: only true captures");
    }
    std::optional<int64_t> amount;
    if (body.contains("transaction_amount") && !body["transaction_amount"].is_null()) {
        if (!body["transaction_amount"].is_number())
            throw bad_request(4003, "transaction_amount attribute must be numeric");
        amount = cents_of(body["transaction_amount"]);
    }
    if (body.contains("metadata") && !body["metadata"].is_object() && !body["metadata"].is_null())
        throw bad_request(1, "metadata must be an object");
    auto description = optional_string(body, "description", 1);
    auto external_reference = optional_string(body, "external_reference", 1);
    auto expiration = optional_string(body, "date_of_expiration", 1);

    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    Payment &payment = payment_or_404(env.state, ctx, "id");
    json doc = payment.doc();
    const std::string current = doc["status"];
    bool changed = false;
    if (status) {
        if (current != "pending" && current != "in_process" && current != "authorized")
            throw bad_request(2018, "The action requested is not valid for the current payment "
                                    "state: a payment in status " +
                                        current + " can not be cancelled" +
                                        (current == "approved" ? "; refund it instead" : ""));
        doc["status"] = "cancelled";
        doc["status_detail"] = "by_collector";
        doc["captured"] = false;
        changed = true;
    } else if (capture) {
        if (current == "authorized") {
            int64_t authorized = cents_of(doc["transaction_amount"]);
            int64_t captured = amount.value_or(authorized);
            if (captured <= 0 || captured > authorized)
                throw bad_request(4037, "Invalid transaction_amount: a capture takes more than 0 "
                                        "and at most the authorized amount");
            approve(payment, doc, captured, now);
            changed = true;
        } else if (current != "approved") {
            throw bad_request(2018, "The action requested is not valid for the current payment "
                                    "state: a payment in status " +
                                        current + " can not be captured");
        }
    }
    if (body.contains("metadata")) {
        doc["metadata"] = body["metadata"].is_null() ? json::object() : body["metadata"];
        changed = true;
    }
    if (description) doc["description"] = *description, changed = true;
    if (external_reference) doc["external_reference"] = *external_reference, changed = true;
    if (expiration) doc["date_of_expiration"] = *expiration, changed = true;
    if (changed) {
        payment.save(doc, now);
        env.webhooks.payment_event(doc, payment.collector, "payment.updated");
    }
    return {200, payment.text};
}

// Sort keys and date ranges of the search.
int64_t time_of(const Payment &p, const std::string &field) {
    if (field == "date_created") return p.created_ms;
    if (field == "date_last_updated") return p.updated_ms;
    if (field == "date_approved") return p.approved_ms;
    if (field == "money_release_date") return p.release_ms;
    return 0;
}

bool is_date_field(const std::string &field) {
    return field == "date_created" || field == "date_last_updated" || field == "date_approved" ||
           field == "money_release_date";
}

Reply search_payments(Env &env, Context &ctx) {
    int64_t limit = query_limit(ctx, 30, 1000, 1);
    int64_t offset = query_int(ctx, "offset", 0, 0, 1'000'000'000, 1);
    std::string sort = ctx.query("sort").value_or("id");
    if (sort != "id" && !is_date_field(sort))
        throw bad_request(1, "Invalid sort: use id, date_created, date_approved, "
                             "date_last_updated or money_release_date");
    std::string criteria = ctx.query("criteria").value_or("asc");
    if (criteria != "asc" && criteria != "desc")
        throw bad_request(1, "Invalid criteria: use asc or desc");
    std::string range = ctx.query("range").value_or("date_created");
    if (!is_date_field(range))
        throw bad_request(1, "Invalid range: use date_created, date_last_updated, "
                             "date_approved or money_release_date");
    int64_t now = now_ms();
    auto bound = [&](const char *name) -> std::optional<int64_t> {
        auto text = ctx.query(name);
        if (!text) return std::nullopt;
        auto at = parse_date(*text, now);
        if (!at) throw bad_request(1, std::string("Invalid ") + name);
        return at;
    };
    auto begin = bound("begin_date");
    auto end = bound("end_date");
    if (begin && end && *end - *begin >= kMaxSearchRangeMs)
        throw bad_request(9062, "The date range must be shorter than 365 days");

    std::vector<std::pair<size_t, std::string>> filters; // search_values index, wanted value
    const auto &fields = payment_search_fields();
    for (size_t i = 0; i < fields.size(); ++i)
        if (auto value = ctx.query(fields[i].first.c_str())) filters.emplace_back(i, *value);

    std::lock_guard lock(env.state.mutex);
    std::vector<const Payment *> found;
    auto ids = env.state.payments_by_collector.find(ctx.cred.collector);
    if (ids != env.state.payments_by_collector.end()) {
        for (int64_t id : ids->second) {
            const Payment &p = env.state.payments.at(id);
            int64_t at = time_of(p, range);
            if ((begin || end) && at == 0) continue;
            if ((begin && at < *begin) || (end && at > *end)) continue;
            bool ok = std::all_of(filters.begin(), filters.end(), [&p](const auto &filter) {
                return p.search_values[filter.first] == filter.second;
            });
            if (ok) found.push_back(&p);
        }
    }
    auto key = [&](const Payment *p) {
        return std::make_pair(sort == "id" ? p->id : time_of(*p, sort), p->id);
    };
    std::stable_sort(found.begin(), found.end(), [&](const Payment *a, const Payment *b) {
        return criteria == "asc" ? key(a) < key(b) : key(b) < key(a);
    });
    std::string results;
    for (size_t i = static_cast<size_t>(offset);
         i < found.size() && i < static_cast<size_t>(offset + limit); ++i) {
        if (!results.empty()) results += ',';
        results += found[i]->text;
    }
    return {200, search_page(found.size(), limit, offset, results)};
}

} // namespace

void add_payment_routes(Router &router, Env &env) {
    router.handle("payments.create", kIdempotencyRequired,
                  [&env](Context &ctx) { return create_payment(env, ctx); });
    router.handle("payments.search", kNoFlags,
                  [&env](Context &ctx) { return search_payments(env, ctx); });
    router.handle("payments.get", kNoFlags, [&env](Context &ctx) { return get_payment(env, ctx); });
    router.handle({"payments.update", "payments.capture", "payments.cancel"}, kNoFlags,
                  [&env](Context &ctx) { return update_payment(env, ctx); });
}

} // namespace mp::sandbox
