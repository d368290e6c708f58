// Chargebacks: GET /v1/chargebacks/{id} and GET /v1/chargebacks/search. The sandbox never opens
// disputes: every id is unknown (404) and searches answer an empty page.
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

void add_chargeback_routes(Router &router, Env &) {
    router.handle("chargebacks.search", kNoFlags, [](Context &ctx) {
        Window window = query_window(ctx, 30, 1000);
        return Reply{200, render_page(PageShape::Results, {}, window)};
    });
    router.handle("chargebacks.get", kNoFlags,
                  [](Context &) -> Reply { throw not_found("not_found", "Chargeback not found"); });
}

} // namespace mp::sandbox
