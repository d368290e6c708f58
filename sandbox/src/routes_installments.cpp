// GET /v1/payment_methods/installments?amount=&bin=|payment_method_id=[&issuer.id=]: an array of
// {payment_method_id, payment_type_id, issuer{id,name}, payer_costs[...]}, card methods only.
// Credit cards offer 1-12 installments (1-3 without interest, then 1.99% a month); debit cards 1.
// The methods, issuers, currency and wording are the caller's site's (catalog.hpp).
#include <cmath>

#include "errors.hpp"
#include "routes.hpp"
#include "test_cards.hpp"

namespace mp::sandbox {

namespace {

// "3 parcelas de R$ 33.33 sem juros" (MLB), "3 cuotas de $ 33.33 sin interés" (the others).
std::string recommended_message(const Site &site, int n, int64_t each, int64_t total, bool free) {
    std::string unit =
        site.portuguese ? (n == 1 ? " parcela" : " parcelas") : (n == 1 ? " cuota" : " cuotas");
    std::string money_of = " de " + site.currency_symbol + " ";
    std::string tail = free ? (site.portuguese ? " sem juros" : " sin interés")
                            : " (" + site.currency_symbol + " " + cents_text(total) + ")";
    return std::to_string(n) + unit + money_of + cents_text(each) + tail;
}

json payer_costs(const Site &site, const PaymentMethod &method, int64_t cents) {
    json costs = json::array();
    int max = method.payment_type_id == "credit_card" ? 12 : 1;
    for (int n = 1; n <= max; ++n) {
        double rate = n <= 3 ? 0.0 : 1.99 * (n - 3);
        int64_t total = std::llround(static_cast<double>(cents) * (1.0 + rate / 100.0));
        int64_t each = std::llround(static_cast<double>(total) / n);
        std::string text = recommended_message(site, n, each, total, rate == 0.0);
        costs.push_back(
            {{"installments", n},
             {"installment_rate", rate},
             {"discount_rate", 0},
             {"labels", rate == 0.0 ? json::array({"CFT_0,00%|TEA_0,00%"}) : json::array()},
             {"min_allowed_amount", method.min_allowed_amount},
             {"max_allowed_amount", method.max_allowed_amount},
             {"recommended_message", text},
             {"installment_amount", money(each)},
             {"total_amount", money(total)},
             {"payment_method_option_id", random_hex(24)}});
    }
    return costs;
}

} // namespace

void add_installment_routes(Router &router, Env &) {
    router.handle("installments.list", kPublicKey, [](Context &ctx) {
        auto amount_text = ctx.query("amount");
        if (!amount_text) throw bad_request(1, "amount can't be null");
        auto cents = amount_cents(json(*amount_text));
        if (!cents || *cents <= 0) throw bad_request(1, "amount must be a positive number");
        auto bin = ctx.query("bin");
        auto method_id = ctx.query("payment_method_id");
        if (!bin && !method_id) throw bad_request(1, "bin or payment_method_id is required");
        const Site &site = site_of(ctx);
        const PaymentMethod *method = nullptr;
        if (bin) {
            if (!is_digits(*bin) || bin->size() < 6 || bin->size() > 8)
                throw bad_request(1, "bin must be 6 to 8 digits");
            method = site.method_for_card_number(*bin + std::string(16 - bin->size(), '0'));
        }
        if (method_id) {
            const PaymentMethod *named = site.find_method(*method_id);
            if (!named) throw bad_request(3011, "Not found payment_method");
            if (method && method != named) return Reply{200, "[]"};
            method = named;
        }
        if (!method || !method->is_card()) return Reply{200, "[]"};
        if (auto issuer = ctx.query("issuer.id"); issuer && *issuer != method->issuer_id)
            return Reply{200, "[]"};
        json entry = {{"payment_method_id", method->id},
                      {"payment_type_id", method->payment_type_id},
                      {"thumbnail", ""},
                      {"secure_thumbnail", ""},
                      {"processing_mode", "aggregator"},
                      {"merchant_account_id", nullptr},
                      {"issuer",
                       {{"id", method->issuer_id.empty() ? json(nullptr) : json(method->issuer_id)},
                        {"name", method->issuer_name},
                        {"thumbnail", ""},
                        {"secure_thumbnail", ""}}},
                      {"payer_costs", payer_costs(site, *method, *cents)},
                      {"agreements", nullptr}};
        return reply(200, json::array({std::move(entry)}));
    });
}

} // namespace mp::sandbox
