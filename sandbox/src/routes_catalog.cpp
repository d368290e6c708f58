// GET /v1/payment_methods, GET /v1/identification_types: bare arrays, the caller's site's.
#include "routes.hpp"

namespace mp::sandbox {

void add_catalog_routes(Router &router, Env &) {
    router.handle("payment_methods.list", kPublicKey, [](Context &ctx) {
        return Reply{200, site_of(ctx).methods_text};
    });
    router.handle("identification_types.list", kPublicKey, [](Context &ctx) {
        return Reply{200, site_of(ctx).identification_types_text};
    });
}

} // namespace mp::sandbox
