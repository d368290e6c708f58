// The sites the sandbox emulates (MLA, MLB, MLM, MLC, MCO, MPE, MLU) and, for each, its currency,
// payment methods, identification types and issuers. The data is in sites.cpp, one table per
// site; this is the machinery that serves it. One site's table drives its GET /v1/payment_methods,
// BIN inference, CVV lengths, deferred capture and installments. MLB is the default site.
#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "util.hpp"

namespace mp::sandbox {

struct PaymentMethod {
    std::string id;
    std::string name;
    std::string payment_type_id;  // credit_card, debit_card, bank_transfer, ticket, atm, ...
    std::string deferred_capture; // supported, unsupported, does_not_apply
    std::string bin_pattern;      // empty for methods without cards
    std::string bin_exclusion;
    int card_number_length = 0;
    int security_code_length = 0;
    std::string security_code_location;
    std::string issuer_id;
    std::string issuer_name;
    double min_allowed_amount = 0;
    double max_allowed_amount = 0;
    int accreditation_time = 0;  // minutes
    json financial_institutions; // [{id, description}] (PSE's banks), else []

    bool is_card() const { return !bin_pattern.empty(); }
    bool matches_bin(std::string_view card_number) const;

    // {id, name, payment_type_id, thumbnail, secure_thumbnail}: the form embedded in a saved card.
    json summary() const;
    json to_json() const;

    std::regex bin_regex;
    std::regex exclusion_regex;
};

struct Site {
    std::string id;              // MLB
    std::string country_id;      // BR
    std::string country_code;    // BRA (the Orders API's country_code)
    std::string currency_id;     // BRL
    std::string currency_symbol; // R$
    bool portuguese = false;     // installment messages in Portuguese (MLB) or Spanish
    std::vector<PaymentMethod> methods;
    json identification_types; // [{id, name, type, min_length, max_length}]
    // A test user's profile in this site (GET /users/me).
    std::string profile_host; // perfil.mercadolibre.com.ar
    json address;             // {address, city, state, zip_code}
    json identification;      // {number, type}, nulls where the site has none

    // The bodies of GET /v1/payment_methods and GET /v1/identification_types, rendered once.
    std::string methods_text;
    std::string identification_types_text;

    const PaymentMethod *find_method(std::string_view method_id) const;
    // The card method whose BIN pattern matches (the first one in the table), or nullptr.
    const PaymentMethod *method_for_card_number(std::string_view digits) const;
};

// The site with that id (MLA, ...), nullptr when the sandbox has no such site.
const Site *find_site(std::string_view id);
// The site with that id, or the default one (MLB) when the id is empty or unknown.
const Site &site_or_default(std::string_view id);
// "MLA, MLB, MLM, MLC, MCO, MPE, MLU": for error messages.
const std::string &site_list_text();

} // namespace mp::sandbox
