#include "test_cards.hpp"

#include <array>
#include <cctype>
#include <cstring>
#include <string>

namespace mp::sandbox {

namespace {

struct NamedOutcome {
    const char *name;
    Outcome outcome;
};

constexpr Outcome kApproved{"approved", "accredited"};

constexpr std::array<NamedOutcome, 17> kOutcomes{{
    {"APRO", kApproved},
    {"OTHE", {"rejected", "cc_rejected_other_reason"}},
    {"CONT", {"in_process", "pending_contingency"}},
    {"CALL", {"rejected", "cc_rejected_call_for_authorize"}},
    {"FUND", {"rejected", "cc_rejected_insufficient_amount"}},
    {"SECU", {"rejected", "cc_rejected_bad_filled_security_code"}},
    {"EXPI", {"rejected", "cc_rejected_bad_filled_date"}},
    {"FORM", {"rejected", "cc_rejected_bad_filled_other"}},
    {"CARD", {"rejected", "cc_rejected_bad_filled_card_number"}},
    {"INST", {"rejected", "cc_rejected_invalid_installments"}},
    {"DUPL", {"rejected", "cc_rejected_duplicated_payment"}},
    {"LOCK", {"rejected", "cc_rejected_card_disabled"}},
    {"CTNA", {"rejected", "cc_rejected_card_type_not_allowed"}},
    {"ATTE", {"rejected", "cc_rejected_max_attempts"}},
    {"BLAC", {"rejected", "cc_rejected_blacklist"}},
    {"UNSU", {"rejected", "cc_rejected_other_reason"}},
    {"TEST", kApproved},
}};

} // namespace

bool Outcome::approves() const {
    return std::strcmp(status, "approved") == 0;
}
bool Outcome::is_contingency() const {
    return std::strcmp(status, "in_process") == 0;
}

bool luhn_valid(std::string_view digits) {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (d < 0 || d > 9) return false;
        if (twice) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return !digits.empty() && sum % 10 == 0;
}

Outcome outcome_for_cardholder(std::string_view name) {
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front())))
        name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
        name.remove_suffix(1);
    if (name.size() != 4) return kApproved;
    std::string upper(name);
    for (auto &c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto &entry : kOutcomes)
        if (upper == entry.name) return entry.outcome;
    return kApproved;
}

} // namespace mp::sandbox
