// POST /users/test_user {"site_id"}: a new test user, {id, nickname, password, site_status,
// email}. Any well-shaped token ending in its id then acts as that user, in that site.
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

void add_test_user_routes(Router &router, Env &env) {
    router.handle("test_users.create", kNoFlags, [&env](Context &ctx) {
        json body = ctx.body_object(1);
        auto site = optional_string(body, "site_id", 1);
        if (!site || !find_site(*site))
            throw bad_request(1, "site_id must be one of " + site_list_text());
        int64_t id;
        {
            std::lock_guard lock(env.state.mutex);
            id = env.state.next_number() % 10'000'000'000LL;
        }
        env.accounts.add_test_user(id, *site); // its tokens now act in that site
        std::string n = std::to_string(id);
        return reply(201, {{"id", id},
                           {"nickname", "TESTUSER" + n},
                           {"password", random_alnum(10)},
                           {"site_status", "active"},
                           {"site_id", *site},
                           {"email", "test_user_" + n + "@testuser.com"}});
    });
}

} // namespace mp::sandbox
