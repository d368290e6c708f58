// Point (card terminals), /point/integration-api: every collector has two virtual terminals.
// Payment intents: create on a device (OPEN), get, cancel (only while OPEN, else 409), the
// intent's status (GET .../payment-intents/{id}/events) and the events between two dates
// (GET .../payment-intents/events?startDate&endDate). Devices: list ({"devices":[..],"paging"})
// and PATCH {"operating_mode": "PDV"|"STANDALONE"}.
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kDevices = "point_devices";
constexpr const char *kIntents = "point_intents";

void ensure_devices(State &state, int64_t collector) {
    auto &devices = state.collections[kDevices];
    if (!devices.list(collector).empty()) return;
    std::string c = std::to_string(collector);
    for (int i = 1; i <= 2; ++i) {
        std::string id =
            (i == 1 ? "PAX_A910__SMARTPOS" : "GERTEC_MP35P__8701") + c + std::to_string(i);
        devices.insert(collector, id,
                       {{"id", id},
                        {"pos_id", collector * 10 + i},
                        {"store_id", std::to_string(collector * 10 + i)},
                        {"external_pos_id", "POS" + std::to_string(i)},
                        {"operating_mode", "PDV"}});
    }
}

json &device_or_404(Env &env, const Context &ctx, const std::string &id) {
    ensure_devices(env.state, ctx.cred.collector);
    return doc_or_404(env.state, ctx, kDevices, id, "Device");
}

json render_intent(const json &intent) {
    json out = intent;
    out.erase("_events");
    return out;
}

Reply create_intent(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    auto amount = body.contains("amount") ? loose_int(body["amount"]) : std::nullopt;
    if (!amount || *amount < 100)
        throw bad_request(1, "amount must be an integer of cents, at least 100");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    json &device = device_or_404(env, ctx, ctx.param("device_id"));
    if (device["operating_mode"] != "PDV")
        throw ApiError(409, "conflict", "The device is not in PDV operating mode");
    std::string id = uuid4();
    json intent = {
        {"id", id},
        {"device_id", ctx.param("device_id")},
        {"amount", *amount},
        {"description", body.value("description", json(nullptr))},
        {"additional_info", body.value("additional_info", json::object())},
        {"payment", body.value("payment", json::object())},
        {"state", "OPEN"},
        {"created_on", format_date(now)},
        {"_events",
         json::array({{{"status", "OPEN"}, {"created_on", format_date(now)}, {"_ms", now}}})}};
    intent["payment"]["id"] = nullptr;
    return reply(201, render_intent(env.state.collections[kIntents].insert(ctx.cred.collector, id,
                                                                           std::move(intent))));
}

Reply cancel_intent(Env &env, Context &ctx) {
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    device_or_404(env, ctx, ctx.param("device_id"));
    json &intent = doc_or_404(env.state, ctx, kIntents, ctx.param("id"), "Payment intent");
    if (intent["device_id"] != ctx.param("device_id"))
        throw not_found("not_found", "Payment intent not found");
    if (intent["state"] != "OPEN")
        throw ApiError(409, "conflict",
                       "A payment intent in state " + intent["state"].get<std::string>() +
                           " can not be cancelled");
    intent["state"] = "CANCELED";
    intent["_events"].push_back(
        {{"status", "CANCELED"}, {"created_on", format_date(now)}, {"_ms", now}});
    return reply(200, {{"id", intent["id"]}});
}

Reply list_events(Env &env, Context &ctx) {
    int64_t now = now_ms();
    auto bound = [&](const char *name) -> int64_t {
        auto text = ctx.query(name);
        if (!text) throw bad_request(1, std::string(name) + " is required (yyyy-MM-dd)");
        auto at = parse_date(*text, now);
        if (!at) throw bad_request(1, std::string("Invalid ") + name + " (yyyy-MM-dd)");
        return *at;
    };
    int64_t begin = bound("startDate");
    int64_t end = bound("endDate") + 86'400'000 - 1; // the whole end day
    std::lock_guard lock(env.state.mutex);
    json events = json::array();
    for (const json *intent : env.state.collections[kIntents].list(ctx.cred.collector))
        for (const auto &event : (*intent)["_events"]) {
            int64_t at = event["_ms"];
            if (at >= begin && at <= end)
                events.push_back({{"payment_intent_id", (*intent)["id"]},
                                  {"status", event["status"]},
                                  {"created_on", event["created_on"]}});
        }
    return reply(200, {{"events", std::move(events)}});
}

} // namespace

void add_point_routes(Router &router, Env &env) {
    router.handle("point.create_payment_intent", kNoFlags,
                  [&env](Context &ctx) { return create_intent(env, ctx); });
    router.handle("point.list_intent_events", kNoFlags,
                  [&env](Context &ctx) { return list_events(env, ctx); });
    router.handle("point.get_payment_intent", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, render_intent(doc_or_404(env.state, ctx, kIntents, ctx.param("id"),
                                                   "Payment intent")));
    });
    router.handle("point.get_intent_status", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        json &intent = doc_or_404(env.state, ctx, kIntents, ctx.param("id"), "Payment intent");
        const json &last = intent["_events"].back();
        return reply(200, {{"status", last["status"]}, {"created_on", last["created_on"]}});
    });
    router.handle("point.cancel_payment_intent", kNoFlags,
                  [&env](Context &ctx) { return cancel_intent(env, ctx); });
    router.handle("point.list_devices", kNoFlags, [&env](Context &ctx) {
        Window window = query_window(ctx, 50, 50);
        std::lock_guard lock(env.state.mutex);
        ensure_devices(env.state, ctx.cred.collector);
        auto docs = filter_docs(env.state, ctx, kDevices, {"store_id", "pos_id"});
        json devices = json::array();
        for (size_t i = static_cast<size_t>(window.offset);
             i < docs.size() && i < static_cast<size_t>(window.offset + window.limit); ++i)
            devices.push_back(*docs[i]);
        return reply(
            200, {{"devices", std::move(devices)},
                  {"paging",
                   {{"total", docs.size()}, {"offset", window.offset}, {"limit", window.limit}}}});
    });
    router.handle("point.change_operating_mode", kNoFlags, [&env](Context &ctx) {
        json body = ctx.body_object(1);
        auto mode = optional_string(body, "operating_mode", 1);
        if (!mode || (*mode != "PDV" && *mode != "STANDALONE"))
            throw bad_request(1, "operating_mode must be PDV or STANDALONE");
        std::lock_guard lock(env.state.mutex);
        json &device = device_or_404(env, ctx, ctx.param("id"));
        device["operating_mode"] = *mode;
        return reply(200, {{"operating_mode", *mode}});
    });
}

} // namespace mp::sandbox
