// POST /users/test_user {"site_id"}: a new test user, {id, nickname, password, site_status,
// email}.
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

void add_test_user_routes(Router &router, Env &env) {
    router.handle("test_users.create", kNoFlags, [&env](Context &ctx) {
        json body = ctx.body_object(1);
        auto site = optional_string(body, "site_id", 1);
        static const char *const kSites[] = {"MLA", "MLB", "MLM", "MLC", "MCO", "MPE", "MLU"};
        bool known = false;
        for (const char *s : kSites)
            known = known || (site && *site == s);
        if (!known)
            throw bad_request(1, "site_id must be one of MLA, MLB, MLM, MLC, MCO, MPE, MLU");
        int64_t id;
        {
            std::lock_guard lock(env.state.mutex);
            id = env.state.next_number() % 10'000'000'000LL;
        }
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
