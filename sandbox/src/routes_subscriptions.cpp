// Subscriptions: /preapproval_plan (plans), /preapproval (subscriptions; pending, authorized,
// paused, cancelled) and /authorized_payments (their invoices). Searches answer
// {"paging":{...},"results":[...]}. A subscription that becomes authorized gets one scheduled
// invoice.
#include <optional>

#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kPlans = "preapproval_plan";
constexpr const char *kSubscriptions = "preapproval";
constexpr const char *kInvoices = "authorized_payments";
constexpr int64_t kDayMs = 86'400'000;

// auto_recurring{frequency > 0, frequency_type days|months, transaction_amount > 0 (optional
// when `amount_optional`), currency_id}; normalized in place.
void check_recurring(json &recurring, bool amount_optional, const Site &site) {
    if (!recurring.is_object()) throw bad_request(1, "auto_recurring must be an object");
    auto frequency =
        recurring.contains("frequency") ? loose_int(recurring["frequency"]) : std::nullopt;
    if (!frequency || *frequency < 1)
        throw bad_request(1, "auto_recurring.frequency must be a positive integer");
    recurring["frequency"] = *frequency;
    std::string type = recurring.value("frequency_type", "");
    if (type != "days" && type != "months")
        throw bad_request(1, "auto_recurring.frequency_type must be days or months");
    if (recurring.contains("transaction_amount") || !amount_optional) {
        auto amount = recurring.contains("transaction_amount")
                          ? amount_cents(recurring["transaction_amount"])
                          : std::nullopt;
        if (!amount || *amount <= 0)
            throw bad_request(1, "auto_recurring.transaction_amount must be a positive number");
        recurring["transaction_amount"] = money(*amount);
    }
    if (!recurring.contains("currency_id")) recurring["currency_id"] = site.currency_id;
}

// A partial auto_recurring (say only transaction_amount) merges into the one the resource has;
// the result is checked as a whole. Returns the merged object.
json merged_recurring(const json &doc, const json &patch, const Site &site) {
    if (!patch.is_object()) throw bad_request(1, "auto_recurring must be an object");
    auto it = doc.find("auto_recurring");
    json recurring = it != doc.end() && it->is_object() ? *it : json::object();
    recurring.update(patch);
    check_recurring(recurring, true, site);
    return recurring;
}

int64_t period_ms(const json &recurring) {
    int64_t frequency = recurring.value("frequency", int64_t{1});
    return frequency * (recurring.value("frequency_type", "months") == "days" ? 1 : 30) * kDayMs;
}

void merge(json &doc, const json &body, std::initializer_list<const char *> fixed) {
    for (auto &[key, value] : body.items()) {
        bool locked = false;
        for (const char *name : fixed)
            locked = locked || key == name;
        if (!locked) doc[key] = value;
    }
}

// ---- plans ------------------------------------------------------------------------------

Reply create_plan(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (!optional_string(body, "reason", 1)) throw bad_request(1, "reason can't be null");
    if (!body.contains("auto_recurring")) throw bad_request(1, "auto_recurring can't be null");
    check_recurring(body["auto_recurring"], false, site_of(ctx));
    int64_t now = now_ms();
    std::string id = random_hex(32);
    json doc = {
        {"back_url", ""}, {"external_reference", nullptr}, {"payment_methods_allowed", nullptr}};
    merge(doc, body, {});
    doc["id"] = id;
    doc["collector_id"] = ctx.cred.collector;
    doc["application_id"] = ctx.cred.collector;
    doc["status"] = "active";
    doc["date_created"] = format_date(now);
    doc["last_modified"] = format_date(now);
    doc["init_point"] =
        "https://www.mercadopago.com.br/subscriptions/checkout?preapproval_plan_id=" + id;
    doc["live_mode"] = ctx.cred.live_mode;
    std::lock_guard lock(env.state.mutex);
    return reply(201, env.state.collections[kPlans].insert(ctx.cred.collector, id, std::move(doc)));
}

Reply update_plan(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (body.contains("auto_recurring") && !body["auto_recurring"].is_object())
        throw bad_request(1, "auto_recurring must be an object");
    auto status = optional_string(body, "status", 1);
    if (status && *status != "active" && *status != "inactive" && *status != "cancelled")
        throw bad_request(1, "status must be active, inactive or cancelled");
    std::lock_guard lock(env.state.mutex);
    json &doc = doc_or_404(env.state, ctx, kPlans, ctx.param("id"), "Preapproval plan");
    if (doc["status"] == "cancelled" && status && *status != "cancelled")
        throw bad_request(1, "a cancelled plan can not change status");
    std::optional<json> recurring;
    if (body.contains("auto_recurring"))
        recurring = merged_recurring(doc, body["auto_recurring"], site_of(ctx));
    merge(doc, body, {"id", "collector_id", "application_id", "date_created", "init_point"});
    if (recurring) doc["auto_recurring"] = std::move(*recurring);
    doc["last_modified"] = format_date(now_ms());
    return reply(200, doc);
}

// ---- subscriptions ----------------------------------------------------------------------------

void add_invoice(State &state, const json &subscription, int64_t collector, int64_t now) {
    int64_t id = state.next_number();
    const json &recurring = subscription["auto_recurring"];
    json invoice = {
        {"id", id},
        {"type", "scheduled"},
        {"date_created", format_date(now)},
        {"last_modified", format_date(now)},
        {"preapproval_id", subscription["id"]},
        {"reason", subscription.value("reason", "")},
        {"external_reference", subscription.value("external_reference", json(nullptr))},
        {"currency_id", recurring.value("currency_id", "BRL")},
        {"transaction_amount", recurring.value("transaction_amount", json(0))},
        {"debit_date", format_date(now + kDayMs)},
        {"retry_attempt", 0},
        {"status", "scheduled"},
        {"summarized", nullptr},
        {"payment", {{"id", nullptr}, {"status", "scheduled"}, {"status_detail", nullptr}}}};
    state.collections[kInvoices].insert(collector, std::to_string(id), std::move(invoice));
}

bool allowed(const std::string &from, const std::string &to) {
    if (from == to) return true;
    if (from == "pending") return to == "authorized" || to == "cancelled";
    if (from == "authorized") return to == "paused" || to == "cancelled";
    if (from == "paused") return to == "authorized" || to == "cancelled";
    return false;
}

Reply create_subscription(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    auto plan_id = optional_string(body, "preapproval_plan_id", 1);
    if (!plan_id && !optional_string(body, "reason", 1))
        throw bad_request(1, "reason can't be null");
    auto email = optional_string(body, "payer_email", 1);
    if (!email || !is_valid_email(*email))
        throw bad_request(1, "payer_email must be a valid email");
    if (body.contains("auto_recurring"))
        check_recurring(body["auto_recurring"], false, site_of(ctx));
    else if (!plan_id)
        throw bad_request(1, "auto_recurring can't be null");
    auto status = optional_string(body, "status", 1).value_or("pending");
    if (status != "pending" && status != "authorized")
        throw bad_request(1, "status must be pending or authorized");
    if (status == "authorized" && !optional_string(body, "card_token_id", 1))
        throw bad_request(1, "card_token_id is required to create an authorized subscription");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json doc = {
        {"external_reference", nullptr}, {"back_url", ""}, {"preapproval_plan_id", nullptr}};
    if (plan_id) {
        json &plan = doc_or_404(env.state, ctx, kPlans, *plan_id, "Preapproval plan");
        doc["reason"] = plan.value("reason", "");
        doc["auto_recurring"] = plan["auto_recurring"];
    }
    merge(doc, body, {"card_token_id"});
    std::string id = random_hex(32);
    doc["id"] = id;
    doc["payer_id"] = std::hash<std::string>{}(*email) % 1'000'000'000ULL;
    doc["collector_id"] = ctx.cred.collector;
    doc["application_id"] = ctx.cred.collector;
    doc["status"] = status;
    doc["date_created"] = format_date(now);
    doc["last_modified"] = format_date(now);
    doc["init_point"] =
        "https://www.mercadopago.com.br/subscriptions/checkout?preapproval_id=" + id;
    doc["next_payment_date"] = format_date(now + period_ms(doc["auto_recurring"]));
    doc["payment_method_id"] = body.contains("card_token_id") ? json("visa") : json(nullptr);
    doc["summarized"] = {{"quotas", nullptr},
                         {"charged_quantity", 0},
                         {"pending_charge_quantity", nullptr},
                         {"charged_amount", 0},
                         {"pending_charge_amount", nullptr},
                         {"semaphore", nullptr},
                         {"last_charged_date", nullptr},
                         {"last_charged_amount", nullptr}};
    if (status == "authorized") add_invoice(env.state, doc, ctx.cred.collector, now);
    return reply(
        201, env.state.collections[kSubscriptions].insert(ctx.cred.collector, id, std::move(doc)));
}

Reply update_subscription(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (body.contains("auto_recurring") && !body["auto_recurring"].is_object())
        throw bad_request(1, "auto_recurring must be an object");
    auto status = optional_string(body, "status", 1);
    if (auto email = optional_string(body, "payer_email", 1); email && !is_valid_email(*email))
        throw bad_request(1, "payer_email must be a valid email");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json &doc = doc_or_404(env.state, ctx, kSubscriptions, ctx.param("id"), "Preapproval");
    std::string current = doc["status"];
    if (status) {
        if (*status != "pending" && *status != "authorized" && *status != "paused" &&
            *status != "cancelled")
            throw bad_request(1, "status must be pending, authorized, paused or cancelled");
        if (!allowed(current, *status))
            throw bad_request(1, "Invalid status transition: a subscription in status " + current +
                                     " can not become " + *status);
    }
    std::optional<json> recurring;
    if (body.contains("auto_recurring"))
        recurring = merged_recurring(doc, body["auto_recurring"], site_of(ctx));
    merge(doc, body,
          {"id", "collector_id", "application_id", "date_created", "init_point", "payer_id",
           "card_token_id"});
    if (recurring) doc["auto_recurring"] = std::move(*recurring);
    if (status && *status == "authorized" && current != "authorized")
        add_invoice(env.state, doc, ctx.cred.collector, now);
    doc["last_modified"] = format_date(now);
    return reply(200, doc);
}

void add_search(Router &router, Env &env, const char *operation, const char *family,
                std::initializer_list<const char *> fields) {
    std::vector<std::string> names(fields.begin(), fields.end());
    router.handle(operation, kNoFlags, [&env, family, names](Context &ctx) {
        Window window = query_window(ctx, 30, 1000);
        std::lock_guard lock(env.state.mutex);
        auto all = filter_docs(env.state, ctx, family, {});
        std::vector<const json *> docs;
        for (const json *doc : all) {
            bool ok = true;
            for (const auto &name : names) {
                auto want = ctx.query(name.c_str());
                if (!want) continue;
                auto it = doc->find(name);
                std::string have = it == doc->end() || it->is_null() ? ""
                                   : it->is_string()                 ? it->get<std::string>()
                                                                     : it->dump();
                ok = ok && have == *want;
            }
            if (ok) docs.push_back(doc);
        }
        return Reply{200, render_page(PageShape::Results, docs, window)};
    });
}

} // namespace

void add_subscription_routes(Router &router, Env &env) {
    router.handle("preapproval_plan.create", kNoFlags,
                  [&env](Context &ctx) { return create_plan(env, ctx); });
    add_search(router, env, "preapproval_plan.search", kPlans, {"status", "reason", "id"});
    router.handle("preapproval_plan.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, doc_or_404(env.state, ctx, kPlans, ctx.param("id"), "Preapproval plan"));
    });
    router.handle("preapproval_plan.update", kNoFlags,
                  [&env](Context &ctx) { return update_plan(env, ctx); });

    router.handle("preapproval.create", kNoFlags,
                  [&env](Context &ctx) { return create_subscription(env, ctx); });
    add_search(
        router, env, "preapproval.search", kSubscriptions,
        {"status", "payer_email", "payer_id", "preapproval_plan_id", "external_reference", "id"});
    router.handle("preapproval.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200,
                     doc_or_404(env.state, ctx, kSubscriptions, ctx.param("id"), "Preapproval"));
    });
    router.handle("preapproval.update", kNoFlags,
                  [&env](Context &ctx) { return update_subscription(env, ctx); });

    add_search(router, env, "authorized_payments.search", kInvoices,
               {"preapproval_id", "status", "type", "id"});
    router.handle("authorized_payments.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200,
                     doc_or_404(env.state, ctx, kInvoices, ctx.param("id"), "Authorized payment"));
    });
}

} // namespace mp::sandbox
