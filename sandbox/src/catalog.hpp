// The payment methods and identification types the sandbox knows (site MLB, currency BRL).
// One table drives GET /v1/payment_methods, BIN inference, CVV lengths and deferred capture.
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
    std::string payment_type_id;  // credit_card, debit_card, bank_transfer, ticket, account_money
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
    int accreditation_time = 0; // minutes

    bool is_card() const { return !bin_pattern.empty(); }
    bool matches_bin(std::string_view card_number) const;

    // {id, name, payment_type_id, thumbnail, secure_thumbnail}: the form embedded in a saved card.
    json summary() const;
    json to_json() const;

    std::regex bin_regex;
    std::regex exclusion_regex;
};

const std::vector<PaymentMethod> &payment_methods();
const PaymentMethod *find_payment_method(std::string_view id);

// The bodies of GET /v1/payment_methods and GET /v1/identification_types, rendered once.
const std::string &payment_methods_text();
const std::string &identification_types_text();

} // namespace mp::sandbox
