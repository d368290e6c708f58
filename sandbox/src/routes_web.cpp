// The browser side, from sandbox/web (embedded at build time: see CMakeLists.txt):
//   GET /js/v2                   the MercadoPago.js test double, at the real CDN's path, so that a
//                                page swaps only the host; it talks to the origin that served it
//   GET /secure-fields/{field}   the Secure Fields page, one iframe a field (cardNumber,
//                                securityCode, expirationDate, expirationMonth, expirationYear)
// No credentials: a page loads them before it has any. Never cached: the origin written into the
// script is the request's, and the sandbox's CA (and so its trust) changes at every start.
#include <string_view>

#include "routes.hpp"

namespace mp::sandbox {

namespace web {
std::string_view web_mercadopago_js();
std::string_view web_secure_field_html();
} // namespace web

namespace {

constexpr std::string_view kOriginMark = "__MP_SANDBOX_ORIGIN__";

// Host headers the script may name as its origin: a host name or address and a port. Anything
// else (absent, odd characters) leaves the mark empty and the script uses its own URL's origin.
bool plain_host(const std::string &host) {
    if (host.empty() || host.size() > 255) return false;
    for (char c : host) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok) return false;
    }
    return true;
}

void no_store(Context &ctx) {
    ctx.headers.emplace_back("Cache-Control", "no-store");
    ctx.headers.emplace_back("X-Content-Type-Options", "nosniff");
}

bool is_field(std::string_view name) {
    return name == "cardNumber" || name == "securityCode" || name == "expirationDate" ||
           name == "expirationMonth" || name == "expirationYear";
}

} // namespace

void add_web_routes(Router &router, bool tls) {
    router.add("GET", "/js/v2", kNoAuth, [tls](Context &ctx) {
        std::string host = ctx.http.get_header_value("Host");
        std::string origin =
            plain_host(host) ? std::string(tls ? "https://" : "http://") + host : std::string();
        std::string body(web::web_mercadopago_js());
        if (size_t at = body.find(kOriginMark); at != std::string::npos)
            body.replace(at, kOriginMark.size(), origin);
        no_store(ctx);
        // A script needs no CORS; this lets a page load it with crossorigin="anonymous" too.
        ctx.headers.emplace_back("Access-Control-Allow-Origin", "*");
        return Reply{200, std::move(body), "application/javascript; charset=utf-8"};
    });
    router.add("GET", "/secure-fields/{field}", kNoAuth, [](Context &ctx) {
        if (!is_field(ctx.param("field")))
            return Reply{404, R"({"message":"no such secure field","error":"not_found",)"
                              R"("status":404,"cause":[]})"};
        no_store(ctx);
        // The field's page may send the card data to its own origin only.
        ctx.headers.emplace_back("Content-Security-Policy", "connect-src 'self'");
        return Reply{200, std::string(web::web_secure_field_html()), "text/html; charset=utf-8"};
    });
}

} // namespace mp::sandbox
