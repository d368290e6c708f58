// The per-site tables of sites.cpp: plain rows, turned into catalog.hpp's Sites once.
#pragma once

#include <vector>

namespace mp::sandbox {

struct MethodRow {
    const char *id;
    const char *name;
    const char *type;      // payment_type_id
    const char *bin;       // BIN pattern; "" for methods without cards
    const char *exclusion; // BINs the pattern must not take (debit BINs out of a credit brand)
    int length;            // card number length (0 without cards)
    int cvv;               // security code length
    const char *issuer_id;
    const char *issuer_name;
    double min_amount;
    double max_amount;
    int accreditation;                         // minutes
    const char *financial_institutions = "[]"; // JSON text
};

struct IdentificationRow {
    const char *id;
    const char *name;
    const char *type; // "number" or "string"
    int min_length;
    int max_length;
};

struct SiteRow {
    const char *id;
    const char *country_id;
    const char *country_code;
    const char *currency_id;
    const char *currency_symbol;
    bool portuguese;
    std::vector<MethodRow> methods; // BIN inference takes the first card method that matches
    std::vector<IdentificationRow> identification_types;
    // GET /users/me of a test user of the site: permalink host, address, document.
    const char *profile_host;
    const char *city;
    const char *state;
    const char *zip_code;
    const char *document_type; // nullptr where the site has none (MLM)
    const char *document_number;
};

// MLA, MLB, MLM, MLC, MCO, MPE, MLU, in that order.
const std::vector<SiteRow> &site_rows();

} // namespace mp::sandbox
