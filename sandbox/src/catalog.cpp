#include "catalog.hpp"

#include "sites.hpp"

namespace mp::sandbox {

namespace {

std::string deferred_capture_for(const std::string &type) {
    if (type == "credit_card") return "supported";
    if (type == "debit_card") return "unsupported";
    return "does_not_apply";
}

PaymentMethod method_from(const MethodRow &row) {
    PaymentMethod m;
    m.id = row.id;
    m.name = row.name;
    m.payment_type_id = row.type;
    m.deferred_capture = deferred_capture_for(m.payment_type_id);
    m.bin_pattern = row.bin;
    m.bin_exclusion = row.exclusion;
    m.card_number_length = row.length;
    m.security_code_length = row.cvv;
    if (m.is_card()) m.security_code_location = row.cvv == 4 ? "front" : "back";
    m.issuer_id = row.issuer_id;
    m.issuer_name = row.issuer_name;
    m.min_allowed_amount = row.min_amount;
    m.max_allowed_amount = row.max_amount;
    m.accreditation_time = row.accreditation;
    m.financial_institutions = json::parse(row.financial_institutions);
    if (m.is_card()) m.bin_regex = std::regex(m.bin_pattern, std::regex::optimize);
    if (!m.bin_exclusion.empty()) m.exclusion_regex = std::regex(m.bin_exclusion);
    return m;
}

Site site_from(const SiteRow &row) {
    Site site;
    site.id = row.id;
    site.country_id = row.country_id;
    site.country_code = row.country_code;
    site.currency_id = row.currency_id;
    site.currency_symbol = row.currency_symbol;
    site.portuguese = row.portuguese;
    json methods = json::array();
    for (const MethodRow &m : row.methods) {
        site.methods.push_back(method_from(m));
        methods.push_back(site.methods.back().to_json());
    }
    site.identification_types = json::array();
    for (const IdentificationRow &t : row.identification_types)
        site.identification_types.push_back({{"id", t.id},
                                             {"name", t.name},
                                             {"type", t.type},
                                             {"min_length", t.min_length},
                                             {"max_length", t.max_length}});
    site.profile_host = row.profile_host;
    site.address = {{"address", "Test Address 123"},
                    {"city", row.city},
                    {"state", row.state},
                    {"zip_code", row.zip_code}};
    site.identification = {
        {"number", row.document_number ? json(row.document_number) : json(nullptr)},
        {"type", row.document_type ? json(row.document_type) : json(nullptr)}};
    site.methods_text = to_text(methods);
    site.identification_types_text = to_text(site.identification_types);
    return site;
}

const std::vector<Site> &sites() {
    static const std::vector<Site> all = [] {
        std::vector<Site> out;
        for (const SiteRow &row : site_rows())
            out.push_back(site_from(row));
        return out;
    }();
    return all;
}

std::string thumbnail(const std::string &id, bool secure) {
    return secure ? "https://www.mercadopago.com/org-img/MP3/API/logos/" + id + ".gif"
                  : "http://img.mlstatic.com/org-img/MP3/API/logos/" + id + ".gif";
}

} // namespace

bool PaymentMethod::matches_bin(std::string_view card_number) const {
    if (!is_card()) return false;
    std::string digits(card_number);
    if (!std::regex_search(digits, bin_regex, std::regex_constants::match_continuous)) return false;
    return bin_exclusion.empty() ||
           !std::regex_search(digits, exclusion_regex, std::regex_constants::match_continuous);
}

json PaymentMethod::summary() const {
    return {{"id", id},
            {"name", name},
            {"payment_type_id", payment_type_id},
            {"thumbnail", thumbnail(id, false)},
            {"secure_thumbnail", thumbnail(id, true)}};
}

json PaymentMethod::to_json() const {
    json settings = json::array();
    json additional = json::array();
    if (is_card()) {
        settings.push_back(
            {{"card_number", {{"validation", "standard"}, {"length", card_number_length}}},
             {"bin",
              {{"pattern", bin_pattern},
               {"installments_pattern", bin_pattern},
               {"exclusion_pattern", bin_exclusion.empty() ? json(nullptr) : json(bin_exclusion)}}},
             {"security_code",
              {{"length", security_code_length},
               {"card_location", security_code_location},
               {"mode", "mandatory"}}}});
        additional = {"cardholder_name", "cardholder_identification_type",
                      "cardholder_identification_number"};
    } else if (payment_type_id == "ticket" || payment_type_id == "atm") {
        additional = {"cardholder_identification_type", "cardholder_identification_number"};
    }
    return {{"id", id},
            {"name", name},
            {"payment_type_id", payment_type_id},
            {"status", "active"},
            {"secure_thumbnail", thumbnail(id, true)},
            {"thumbnail", thumbnail(id, false)},
            {"deferred_capture", deferred_capture},
            {"settings", std::move(settings)},
            {"additional_info_needed", std::move(additional)},
            {"min_allowed_amount", min_allowed_amount},
            {"max_allowed_amount", max_allowed_amount},
            {"accreditation_time", accreditation_time},
            {"financial_institutions", financial_institutions},
            {"processing_modes", {"aggregator"}}};
}

const PaymentMethod *Site::find_method(std::string_view method_id) const {
    for (const auto &m : methods)
        if (m.id == method_id) return &m;
    return nullptr;
}

const PaymentMethod *Site::method_for_card_number(std::string_view digits) const {
    for (const auto &m : methods)
        if (m.matches_bin(digits)) return &m;
    return nullptr;
}

const Site *find_site(std::string_view id) {
    for (const auto &site : sites())
        if (site.id == id) return &site;
    return nullptr;
}

const Site &site_or_default(std::string_view id) {
    const Site *site = find_site(id);
    return site ? *site : *find_site("MLB");
}

const std::string &site_list_text() {
    static const std::string text = [] {
        std::string out;
        for (const auto &site : sites())
            out += (out.empty() ? "" : ", ") + site.id;
        return out;
    }();
    return text;
}

} // namespace mp::sandbox
