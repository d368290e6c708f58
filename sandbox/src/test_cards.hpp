// The test-card rules (sandbox/README.md, "Outcomes by cardholder name"): the payment outcome
// chosen by the cardholder name (APRO, OTHE, CONT, ...). BIN inference is per site (catalog.hpp).
#pragma once

#include <string_view>

#include "catalog.hpp"

namespace mp::sandbox {

bool luhn_valid(std::string_view digits);

struct Outcome {
    const char *status;
    const char *status_detail;
    bool approves() const;
    bool is_contingency() const; // CONT: in_process, may be cancelled
};

// The outcome for a cardholder name (case and surrounding blanks ignored); names that are not
// in the table approve.
Outcome outcome_for_cardholder(std::string_view name);

} // namespace mp::sandbox
