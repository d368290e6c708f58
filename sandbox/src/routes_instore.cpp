// In-store: stores (/users/{user_id}/stores..., /stores/{id}), points of sale (/pos) and the
// dynamic QR order of a POS (PUT/GET/DELETE /instore/qr/seller/collectors/{user_id}/pos/
// {external_pos_id}/orders). {user_id} must be the caller's own id (else 404). Searches answer
// {"paging":{...},"results":[...]}.
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kStores = "stores";
constexpr const char *kPos = "pos";
constexpr const char *kQr = "qr_orders";

void check_user(const Context &ctx) {
    if (ctx.param("user_id") != std::to_string(ctx.cred.collector))
        throw not_found("not_found", "User not found");
}

void merge_body(json &doc, const json &body) {
    for (auto &[key, value] : body.items())
        if (key != "id" && key != "date_creation" && key != "date_created" && key != "user_id" &&
            key != "uuid" && key != "qr")
            doc[key] = value;
}

Reply create_store(Env &env, Context &ctx) {
    check_user(ctx);
    json body = ctx.body_object(1);
    if (!optional_string(body, "name", 1)) throw bad_request(1, "name can't be null");
    if (body.contains("location") && !body["location"].is_object())
        throw bad_request(1, "location must be an object");
    std::lock_guard lock(env.state.mutex);
    int64_t id = env.state.next_number();
    json doc = {
        {"external_id", nullptr}, {"business_hours", json::object()}, {"location", json::object()}};
    merge_body(doc, body);
    doc["id"] = std::to_string(id);
    doc["date_creation"] = format_date(now_ms());
    return reply(201, env.state.collections[kStores].insert(ctx.cred.collector, std::to_string(id),
                                                            std::move(doc)));
}

Reply create_pos(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    if (!optional_string(body, "name", 1)) throw bad_request(1, "name can't be null");
    auto external = optional_string(body, "external_id", 1);
    if (!external || external->empty()) throw bad_request(1, "external_id can't be null");
    int64_t now = now_ms();
    std::lock_guard lock(env.state.mutex);
    for (const json *pos : env.state.collections[kPos].list(ctx.cred.collector))
        if ((*pos)["external_id"] == *external)
            throw bad_request("point_of_sale_exists", "A POS with this external_id already exists");
    if (body.contains("store_id") && !body["store_id"].is_null()) {
        std::string store = body["store_id"].is_string() ? body["store_id"].get<std::string>()
                                                         : body["store_id"].dump();
        if (!env.state.collections[kStores].find(ctx.cred.collector, store))
            throw bad_request("store_not_found", "store_id does not name one of your stores");
    }
    int64_t id = env.state.next_number();
    std::string uuid = random_hex(32);
    json doc = {{"fixed_amount", false},
                {"category", nullptr},
                {"store_id", nullptr},
                {"external_store_id", nullptr}};
    merge_body(doc, body);
    doc["id"] = id;
    doc["user_id"] = ctx.cred.collector;
    doc["uuid"] = uuid;
    doc["status"] = "active";
    doc["date_created"] = format_date(now);
    doc["date_last_updated"] = format_date(now);
    doc["qr"] = {{"image", "https://www.mercadopago.com/instore/merchant/qr/" + std::to_string(id) +
                               "/" + uuid + ".png"},
                 {"template_document", "https://www.mercadopago.com/instore/merchant/qr/" +
                                           std::to_string(id) + "/template_" + uuid + ".pdf"},
                 {"template_image", "https://www.mercadopago.com/instore/merchant/qr/" +
                                        std::to_string(id) + "/template_" + uuid + ".png"}};
    return reply(201, env.state.collections[kPos].insert(ctx.cred.collector, std::to_string(id),
                                                         std::move(doc)));
}

// The caller's POS with this external_id, else 404.
void pos_by_external_or_404(State &state, const Context &ctx, const std::string &external) {
    for (const json *pos : state.collections[kPos].list(ctx.cred.collector))
        if ((*pos)["external_id"] == external) return;
    throw not_found("not_found", "Point of sale not found");
}

Reply put_qr(Env &env, Context &ctx) {
    check_user(ctx);
    json body = ctx.body_object(1);
    auto total = body.contains("total_amount") ? amount_cents(body["total_amount"]) : std::nullopt;
    if (!total || *total <= 0) throw bad_request(1, "total_amount must be a positive number");
    if (!body.contains("items") || !body["items"].is_array() || body["items"].empty())
        throw bad_request(1, "items must be a non-empty array");
    if (!optional_string(body, "title", 1)) throw bad_request(1, "title can't be null");
    std::lock_guard lock(env.state.mutex);
    pos_by_external_or_404(env.state, ctx, ctx.param("external_pos_id"));
    json doc = body;
    doc["total_amount"] = money(*total);
    doc["date_created"] = format_date(now_ms());
    doc["external_pos_id"] = ctx.param("external_pos_id");
    env.state.collections[kQr].insert(ctx.cred.collector, ctx.param("external_pos_id"),
                                      std::move(doc));
    return Reply{204, ""};
}

} // namespace

void add_instore_routes(Router &router, Env &env) {
    router.handle("stores.create", kNoFlags,
                  [&env](Context &ctx) { return create_store(env, ctx); });
    router.handle("stores.search", kNoFlags, [&env](Context &ctx) {
        check_user(ctx);
        Window window = query_window(ctx, 50, 1000);
        std::lock_guard lock(env.state.mutex);
        auto docs = filter_docs(env.state, ctx, kStores, {"external_id", "name"});
        return Reply{200, render_page(PageShape::Results, docs, window)};
    });
    router.handle("stores.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, doc_or_404(env.state, ctx, kStores, ctx.param("id"), "Store"));
    });
    router.handle("stores.update", kNoFlags, [&env](Context &ctx) {
        check_user(ctx);
        json body = ctx.body_object(1);
        std::lock_guard lock(env.state.mutex);
        json &doc = doc_or_404(env.state, ctx, kStores, ctx.param("id"), "Store");
        merge_body(doc, body);
        return reply(200, doc);
    });
    router.handle("stores.delete", kNoFlags, [&env](Context &ctx) {
        check_user(ctx);
        std::lock_guard lock(env.state.mutex);
        json doc = doc_or_404(env.state, ctx, kStores, ctx.param("id"), "Store");
        env.state.collections[kStores].erase(ctx.cred.collector, ctx.param("id"));
        return reply(200, doc);
    });

    router.handle("pos.create", kNoFlags, [&env](Context &ctx) { return create_pos(env, ctx); });
    router.handle("pos.search", kNoFlags, [&env](Context &ctx) {
        Window window = query_window(ctx, 50, 1000);
        std::lock_guard lock(env.state.mutex);
        auto docs = filter_docs(env.state, ctx, kPos,
                                {"external_id", "store_id", "external_store_id", "category", "id"});
        return Reply{200, render_page(PageShape::Results, docs, window)};
    });
    router.handle("pos.get", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        return reply(200, doc_or_404(env.state, ctx, kPos, ctx.param("id"), "Point of sale"));
    });
    router.handle("pos.update", kNoFlags, [&env](Context &ctx) {
        json body = ctx.body_object(1);
        std::lock_guard lock(env.state.mutex);
        json &doc = doc_or_404(env.state, ctx, kPos, ctx.param("id"), "Point of sale");
        merge_body(doc, body);
        doc["date_last_updated"] = format_date(now_ms());
        return reply(200, doc);
    });
    router.handle("pos.delete", kNoFlags, [&env](Context &ctx) {
        std::lock_guard lock(env.state.mutex);
        json doc = doc_or_404(env.state, ctx, kPos, ctx.param("id"), "Point of sale");
        env.state.collections[kPos].erase(ctx.cred.collector, ctx.param("id"));
        return reply(200, doc);
    });

    router.handle("qr_orders.create", kNoFlags, [&env](Context &ctx) { return put_qr(env, ctx); });
    router.handle("qr_orders.get", kNoFlags, [&env](Context &ctx) {
        check_user(ctx);
        std::lock_guard lock(env.state.mutex);
        return reply(200,
                     doc_or_404(env.state, ctx, kQr, ctx.param("external_pos_id"), "QR order"));
    });
    router.handle("qr_orders.delete", kNoFlags, [&env](Context &ctx) {
        check_user(ctx);
        std::lock_guard lock(env.state.mutex);
        doc_or_404(env.state, ctx, kQr, ctx.param("external_pos_id"), "QR order");
        env.state.collections[kQr].erase(ctx.cred.collector, ctx.param("external_pos_id"));
        return Reply{204, ""};
    });
}

} // namespace mp::sandbox
