#include "catalog.hpp"

namespace mp::sandbox {

namespace {

// Debit BINs of the test cards (sandbox/README.md lists them): they must not be read as credit.
constexpr const char *kDebitVisa = "^(400276|402365|418914|421301|491511)";
constexpr const char *kDebitMaster = "^(528733|524101|557905|517878)";
constexpr const char *kDebitElo = "^(506776)";

PaymentMethod card(std::string id, std::string name, std::string type, std::string deferred,
                   std::string pattern, std::string exclusion, int length, int cvv,
                   std::string issuer_id, std::string issuer_name) {
    PaymentMethod m;
    m.id = std::move(id);
    m.name = std::move(name);
    m.payment_type_id = std::move(type);
    m.deferred_capture = std::move(deferred);
    m.bin_pattern = std::move(pattern);
    m.bin_exclusion = std::move(exclusion);
    m.card_number_length = length;
    m.security_code_length = cvv;
    m.security_code_location = cvv == 4 ? "front" : "back";
    m.issuer_id = std::move(issuer_id);
    m.issuer_name = std::move(issuer_name);
    m.min_allowed_amount = 0.5;
    m.max_allowed_amount = 60000;
    m.accreditation_time = m.payment_type_id == "debit_card" ? 1440 : 2880;
    m.bin_regex = std::regex(m.bin_pattern, std::regex::optimize);
    if (!m.bin_exclusion.empty()) m.exclusion_regex = std::regex(m.bin_exclusion);
    return m;
}

PaymentMethod other(std::string id, std::string name, std::string type, double min, double max,
                    int accreditation) {
    PaymentMethod m;
    m.id = std::move(id);
    m.name = std::move(name);
    m.payment_type_id = std::move(type);
    m.deferred_capture = "does_not_apply";
    m.min_allowed_amount = min;
    m.max_allowed_amount = max;
    m.accreditation_time = accreditation;
    return m;
}

std::vector<PaymentMethod> build_methods() {
    const std::string all_debit = std::string(kDebitVisa) + "|" + kDebitMaster + "|" + kDebitElo;
    std::vector<PaymentMethod> methods;
    methods.push_back(card("debvisa", "Visa Débito", "debit_card", "unsupported", kDebitVisa, "",
                           16, 3, "25", "Visa"));
    methods.push_back(card("debmaster", "Mastercard Débito", "debit_card", "unsupported",
                           kDebitMaster, "", 16, 3, "24", "Mastercard"));
    methods.push_back(card("debelo", "Elo Débito", "debit_card", "unsupported", kDebitElo, "", 16,
                           3, "687", "Elo"));
    methods.push_back(
        card("elo", "Elo", "credit_card", "supported", "^(5067)", kDebitElo, 16, 3, "687", "Elo"));
    methods.push_back(card("amex", "American Express", "credit_card", "supported", "^(34|37)", "",
                           15, 4, "27", "American Express"));
    methods.push_back(
        card("visa", "Visa", "credit_card", "supported", "^4", kDebitVisa, 16, 3, "25", "Visa"));
    methods.push_back(card("master", "Mastercard", "credit_card", "supported",
                           "^(5|2(22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720))",
                           std::string("^(5067)|") + kDebitMaster, 16, 3, "24", "Mastercard"));
    methods.push_back(card("hipercard", "Hipercard", "credit_card", "supported",
                           "^(606282|384100|384140|384160)", "", 16, 3, "1688", "Hipercard"));
    methods.push_back(other("account_money", "Dinheiro na minha conta do Mercado Pago",
                            "account_money", 0.01, 10000000, 0));
    methods.push_back(other("pix", "PIX", "bank_transfer", 0.01, 10000000, 0));
    methods.push_back(other("bolbradesco", "Boleto", "ticket", 3, 100000, 1440));
    return methods;
}

json identification_types() {
    return json::array({
        {{"id", "CPF"},
         {"name", "CPF"},
         {"type", "number"},
         {"min_length", 11},
         {"max_length", 11}},
        {{"id", "CNPJ"},
         {"name", "CNPJ"},
         {"type", "number"},
         {"min_length", 14},
         {"max_length", 14}},
    });
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
    } else if (payment_type_id == "ticket") {
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
            {"financial_institutions", json::array()},
            {"processing_modes", {"aggregator"}}};
}

const std::vector<PaymentMethod> &payment_methods() {
    static const std::vector<PaymentMethod> methods = build_methods();
    return methods;
}

const PaymentMethod *find_payment_method(std::string_view id) {
    for (const auto &m : payment_methods())
        if (m.id == id) return &m;
    return nullptr;
}

const std::string &payment_methods_text() {
    static const std::string text = [] {
        json list = json::array();
        for (const auto &m : payment_methods())
            list.push_back(m.to_json());
        return to_text(list);
    }();
    return text;
}

const std::string &identification_types_text() {
    static const std::string text = to_text(identification_types());
    return text;
}

} // namespace mp::sandbox
