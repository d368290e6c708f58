// POST /oauth/token: grant_type authorization_code (code "TG-...") or refresh_token (one this
// sandbox issued). Authenticated by the Bearer token or, as the real API allows, by the
// client_secret in the body. The issued access token names the seller (its last group is the
// user id, so it works as a credential here). A bad grant is a 400 with error "invalid_grant".
#include "errors.hpp"
#include "routes.hpp"

namespace mp::sandbox {

namespace {

constexpr int64_t kExpiresIn = 15'552'000; // 180 days

ApiError invalid_grant(const std::string &message) {
    return ApiError(400, "invalid_grant", message, {{"invalid_grant", message}});
}

Reply token(Env &env, Context &ctx) {
    json body = ctx.body_object(1);
    auto secret = optional_string(body, "client_secret", 1);
    if (ctx.http.has_header("Authorization")) {
        ctx.cred = authenticate(ctx.http, false);
        env.accounts.admit(ctx.cred); // a renewed pair cannot mint new tokens either
    } else if (secret && is_credential_shape(*secret)) {
        ctx.cred.collector = collector_for_access_token(*secret);
        ctx.cred.live_mode = secret->rfind("APP_USR-", 0) == 0;
    } else {
        throw unauthorized(5, "Must provide your access_token or client_secret to proceed");
    }
    auto grant = optional_string(body, "grant_type", 1);
    if (!grant || (*grant != "authorization_code" && *grant != "refresh_token"))
        throw ApiError(
            400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token",
            {{"unsupported_grant_type", "grant_type must be authorization_code or refresh_token"}});
    std::string client_id =
        body.contains("client_id") && !body["client_id"].is_null()
            ? (body["client_id"].is_string() ? body["client_id"].get<std::string>()
                                             : body["client_id"].dump())
            : std::to_string(ctx.cred.collector);
    std::lock_guard lock(env.state.mutex);
    auto &grants = env.state.collections["oauth_refresh_tokens"];
    int64_t user_id = 0;
    if (*grant == "authorization_code") {
        auto code = optional_string(body, "code", 1);
        if (!code || code->rfind("TG-", 0) != 0 || code->size() < 8)
            throw invalid_grant("invalid authorization code");
        user_id =
            static_cast<int64_t>(std::hash<std::string>{}(*code) % 900'000'000ULL) + 100'000'000LL;
    } else {
        auto refresh = optional_string(body, "refresh_token", 1);
        json *known = refresh ? grants.find(ctx.cred.collector, *refresh) : nullptr;
        if (!known) throw invalid_grant("invalid refresh_token");
        user_id = (*known)["user_id"].get<int64_t>();
        grants.erase(ctx.cred.collector, *refresh); // refresh tokens are single use
    }
    std::string prefix = ctx.cred.live_mode ? "APP_USR-" : "TEST-";
    std::string access_token = "APP_USR-" + random_digits(16) + "-" + random_digits(6) + "-" +
                               random_hex(32) + "-" + std::to_string(user_id);
    std::string refresh_token = "TG-" + random_hex(24) + "-" + std::to_string(user_id);
    grants.insert(ctx.cred.collector, refresh_token, {{"user_id", user_id}});
    return reply(200, {{"access_token", access_token},
                       {"token_type", "Bearer"},
                       {"expires_in", kExpiresIn},
                       {"scope", "offline_access read write"},
                       {"user_id", user_id},
                       {"refresh_token", refresh_token},
                       {"public_key", prefix + uuid4()},
                       {"live_mode", ctx.cred.live_mode},
                       {"client_id", client_id}});
}

} // namespace

void add_oauth_routes(Router &router, Env &env) {
    router.handle({"oauth.create", "oauth.refresh"}, kNoAuth,
                  [&env](Context &ctx) { return token(env, ctx); });
}

} // namespace mp::sandbox
