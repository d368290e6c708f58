// GET /v1/payment_methods, GET /v1/identification_types (bare arrays), GET /users/me.
#include "routes.hpp"

namespace mp::sandbox {

namespace {

Reply current_user(const Context &ctx) {
    int64_t id = ctx.cred.collector;
    std::string suffix = std::to_string(id);
    return reply(200, {{"id", id},
                       {"nickname", "TESTUSER" + suffix},
                       {"first_name", "Test"},
                       {"last_name", "User"},
                       {"email", "test_user_" + suffix + "@testuser.com"},
                       {"site_id", "MLB"},
                       {"country_id", "BR"},
                       {"user_type", "normal"},
                       {"tags", {"normal", "test_user"}},
                       {"status", {{"site_status", "active"}}},
                       {"live_mode", ctx.cred.live_mode}});
}

} // namespace

void add_catalog_routes(Router &router, Env &) {
    router.handle("payment_methods.list", kPublicKey, [](Context &) {
        return Reply{200, payment_methods_text()};
    });
    router.handle("identification_types.list", kPublicKey, [](Context &) {
        return Reply{200, identification_types_text()};
    });
    router.handle("users.get", kNoFlags, [](Context &ctx) { return current_user(ctx); });
}

} // namespace mp::sandbox
