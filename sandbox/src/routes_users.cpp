// GET /users/me: the caller's account with the fields the real API answers (the users reference,
// developers.mercadolibre "Consultas sobre el usuario", and test users' answers): a test user of
// the account's site, its country, document and address, with empty reputations.
#include "routes.hpp"

namespace mp::sandbox {

namespace {

json no_restrictions() {
    return {{"allow", true},
            {"codes", json::array()},
            {"immediate_payment", {{"reasons", json::array()}, {"required", false}}}};
}

json reputation_transactions() {
    return {{"canceled", 0},
            {"completed", 0},
            {"period", "historic"},
            {"ratings", {{"negative", 0}, {"neutral", 0}, {"positive", 0}}},
            {"total", 0}};
}

json current_user(const Context &ctx, const Accounts &accounts) {
    const Site &site = site_of(ctx);
    int64_t id = ctx.cred.collector;
    std::string n = std::to_string(id);
    auto account = accounts.find(id);
    int64_t registered = account ? account->created_ms : now_ms();
    std::string nickname = "TESTUSER" + n;
    return {
        {"id", id},
        {"nickname", nickname},
        {"registration_date", format_date(registered)},
        {"first_name", "Test"},
        {"last_name", "Test"},
        {"gender", ""},
        {"country_id", site.country_id},
        {"email", "test_user_" + n + "@testuser.com"},
        {"identification", site.identification},
        {"address", site.address},
        {"phone",
         {{"area_code", "01"}, {"extension", ""}, {"number", "1111-1111"}, {"verified", false}}},
        {"alternative_phone", {{"area_code", ""}, {"extension", ""}, {"number", ""}}},
        {"user_type", "normal"},
        {"tags", {"normal", "test_user", "user_info_verified"}},
        {"logo", nullptr},
        {"points", 100},
        {"site_id", site.id},
        {"permalink", "http://" + site.profile_host + "/" + nickname},
        {"seller_experience", "NEWBIE"},
        {"bill_data", {{"accept_credit_note", nullptr}}},
        {"seller_reputation",
         {{"level_id", nullptr},
          {"power_seller_status", nullptr},
          {"transactions", reputation_transactions()}}},
        {"buyer_reputation",
         {{"canceled_transactions", 0},
          {"tags", json::array()},
          {"transactions",
           {{"canceled", {{"paid", nullptr}, {"total", nullptr}}},
            {"completed", nullptr},
            {"not_yet_rated", {{"paid", nullptr}, {"total", nullptr}, {"units", nullptr}}},
            {"period", "historic"},
            {"total", nullptr},
            {"unrated", {{"paid", nullptr}, {"total", nullptr}}}}}}},
        {"status",
         {{"billing", {{"allow", true}, {"codes", json::array()}}},
          {"buy", no_restrictions()},
          {"confirmed_email", true},
          {"shopping_cart", {{"buy", "allowed"}, {"sell", "allowed"}}},
          {"immediate_payment", false},
          {"list", no_restrictions()},
          {"mercadoenvios", "not_accepted"},
          {"mercadopago_account_type", "personal"},
          {"mercadopago_tc_accepted", true},
          {"required_action", ""},
          {"sell", no_restrictions()},
          {"site_status", "active"},
          {"user_type", nullptr}}},
        {"secure_email", "test_user_" + n + "@testuser.com"},
        {"company",
         {{"brand_name", nullptr},
          {"city_tax_id", ""},
          {"corporate_name", ""},
          {"identification", ""},
          {"state_tax_id", ""},
          {"cust_type_id", "CO"},
          {"soft_descriptor", nullptr}}},
        {"credit", {{"consumed", 0}, {"credit_level_id", site.id + "5"}, {"rank", "newbie"}}},
        {"context", json::object()},
        {"registration_identifiers", json::array()}};
}

} // namespace

void add_user_routes(Router &router, Env &env) {
    router.handle("users.get", kNoFlags,
                  [&env](Context &ctx) { return reply(200, current_user(ctx, env.accounts)); });
}

} // namespace mp::sandbox
