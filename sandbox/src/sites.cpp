// The data of each site: currency, payment methods (card brands with BIN patterns that cover the
// documented test cards, debit cards, local methods), identification types and issuers.
// Test cards (the developer docs' "test cards" page):
//   MLA master 503175 visa 450995 amex 371180, debit master 528733 visa 400276
//   MLB master 503143 visa 423564 amex 375365, debit elo 506776
//   MLC master 541675 visa 416881 amex 375778, debit master 524101 visa 402365
//   MCO master 525413 visa 401354 amex 374378, debit visa 491511
//   MLM master 547492 visa 407559, debit master 557905 visa 418914
//   MLU master 503175 visa 450995, debit visa 421301
//   MPE master 503175 visa 400917 amex 371180, debit master 517878
// Identification types: the docs' "document types" page (devsite-docs
// guides/resources/document-types); Mexico has none. Profiles: the users reference's test-user
// sample (developers.mercadolibre "Consultas sobre el usuario"), one per site.
#include "sites.hpp"

namespace mp::sandbox {

namespace {

// Mastercard's range: 51-55 and 2221-2720.
#define MASTER_BINS "^(5|2(22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720))"
#define AMEX_BINS "^(34|37)"
#define DINERS_BINS "^(30[0-5]|36|38)"

constexpr const char *kOtro = "Otro";

std::vector<SiteRow> build() {
    std::vector<SiteRow> sites;
    // id, name, type, bin, exclusion, length, cvv, issuer id, issuer name, min, max, accreditation
    sites.push_back(
        {"MLA",
         "AR",
         "ARG",
         "ARS",
         "$",
         false,
         {
             {"debvisa", "Visa Débito", "debit_card", "^(400276|400615|402789)", "", 16, 3, "1",
              "Visa Argentina", 1, 5000000, 1440},
             {"debmaster", "Mastercard Débito", "debit_card", "^(528733|517562)", "", 16, 3, "3",
              "Mastercard", 1, 5000000, 1440},
             {"naranja", "Naranja", "credit_card", "^(589562)", "", 16, 3, "688", "Naranja", 1,
              5000000, 2880},
             {"cabal", "Cabal", "credit_card", "^(589657|603522|627170)", "", 16, 3, "272", "Cabal",
              1, 5000000, 2880},
             {"visa", "Visa", "credit_card", "^4", "^(400276|400615|402789)", 16, 3, "1",
              "Visa Argentina", 1, 5000000, 2880},
             {"master", "Mastercard", "credit_card", MASTER_BINS, "^(528733|517562|589562|589657)",
              16, 3, "3", "Mastercard", 1, 5000000, 2880},
             {"amex", "American Express", "credit_card", AMEX_BINS, "", 15, 4, "4",
              "American Express", 1, 5000000, 2880},
             {"rapipago", "Rapipago", "ticket", "", "", 0, 0, "", "", 1, 1000000, 2880},
             {"pagofacil", "Pago Fácil", "ticket", "", "", 0, 0, "", "", 1, 1000000, 2880},
             {"account_money", "Dinero en cuenta", "account_money", "", "", 0, 0, "", "", 0.01,
              10000000, 0},
         },
         {{"DNI", "DNI", "number", 7, 8},
          {"CI", "Cédula", "number", 1, 9},
          {"LC", "L.C.", "number", 6, 7},
          {"LE", "L.E.", "number", 6, 7},
          {kOtro, kOtro, "number", 5, 20}},
         "perfil.mercadolibre.com.ar",
         "Palermo",
         "AR-C",
         "1414",
         "DNI",
         "12345678"});
    // MLB keeps the sandbox's historical table: every test card's debit BIN reads as debit here.
    sites.push_back(
        {"MLB",
         "BR",
         "BRA",
         "BRL",
         "R$",
         true,
         {
             {"debvisa", "Visa Débito", "debit_card", "^(400276|402365|418914|421301|491511)", "",
              16, 3, "25", "Visa", 0.5, 60000, 1440},
             {"debmaster", "Mastercard Débito", "debit_card", "^(528733|524101|557905|517878)", "",
              16, 3, "24", "Mastercard", 0.5, 60000, 1440},
             {"debelo", "Elo Débito", "debit_card", "^(506776)", "", 16, 3, "687", "Elo", 0.5,
              60000, 1440},
             {"elo", "Elo", "credit_card", "^(5067)", "^(506776)", 16, 3, "687", "Elo", 0.5, 60000,
              2880},
             {"amex", "American Express", "credit_card", AMEX_BINS, "", 15, 4, "27",
              "American Express", 0.5, 60000, 2880},
             {"visa", "Visa", "credit_card", "^4", "^(400276|402365|418914|421301|491511)", 16, 3,
              "25", "Visa", 0.5, 60000, 2880},
             {"master", "Mastercard", "credit_card", MASTER_BINS,
              "^(5067)|^(528733|524101|557905|517878)", 16, 3, "24", "Mastercard", 0.5, 60000,
              2880},
             {"hipercard", "Hipercard", "credit_card", "^(606282|384100|384140|384160)", "", 16, 3,
              "1688", "Hipercard", 0.5, 60000, 2880},
             {"account_money", "Dinheiro na minha conta do Mercado Pago", "account_money", "", "",
              0, 0, "", "", 0.01, 10000000, 0},
             {"pix", "PIX", "bank_transfer", "", "", 0, 0, "", "", 0.01, 10000000, 0},
             {"bolbradesco", "Boleto", "ticket", "", "", 0, 0, "", "", 3, 100000, 1440},
         },
         {{"CPF", "CPF", "number", 11, 11}, {"CNPJ", "CNPJ", "number", 14, 14}},
         "perfil.mercadolivre.com.br",
         "Sao Paulo",
         "BR-SP",
         "01310100",
         "CPF",
         "12345678909"});
    sites.push_back({"MLM",
                     "MX",
                     "MEX",
                     "MXN",
                     "$",
                     false,
                     {
                         {"debvisa", "Visa Débito", "debit_card", "^(418914|415231)", "", 16, 3,
                          "160", "Visa", 5, 300000, 1440},
                         {"debmaster", "Mastercard Débito", "debit_card", "^(557905|554629)", "",
                          16, 3, "157", "Mastercard", 5, 300000, 1440},
                         {"visa", "Visa", "credit_card", "^4", "^(418914|415231)", 16, 3, "160",
                          "Visa", 5, 300000, 2880},
                         {"master", "Mastercard", "credit_card", MASTER_BINS, "^(557905|554629)",
                          16, 3, "157", "Mastercard", 5, 300000, 2880},
                         {"amex", "American Express", "credit_card", AMEX_BINS, "", 15, 4, "158",
                          "American Express", 5, 300000, 2880},
                         {"oxxo", "OXXO", "ticket", "", "", 0, 0, "", "", 10, 10000, 2880},
                         {"paycash", "PayCash", "ticket", "", "", 0, 0, "", "", 10, 10000, 2880},
                         {"account_money", "Dinero en cuenta", "account_money", "", "", 0, 0, "",
                          "", 0.01, 10000000, 0},
                     },
                     {},
                     "perfil.mercadolibre.com.mx",
                     "Cuauhtémoc",
                     "MX-DIF",
                     "06500",
                     nullptr,
                     nullptr});
    sites.push_back(
        {"MLC",
         "CL",
         "CHL",
         "CLP",
         "$",
         false,
         {
             {"debvisa", "Visa Débito", "debit_card", "^(402365)", "", 16, 3, "1001", "Visa", 50,
              5000000, 1440},
             {"debmaster", "Mastercard Débito", "debit_card", "^(524101)", "", 16, 3, "1002",
              "Mastercard", 50, 5000000, 1440},
             {"visa", "Visa", "credit_card", "^4", "^(402365)", 16, 3, "1001", "Visa", 50, 5000000,
              2880},
             {"master", "Mastercard", "credit_card", MASTER_BINS, "^(524101)", 16, 3, "1002",
              "Mastercard", 50, 5000000, 2880},
             {"amex", "American Express", "credit_card", AMEX_BINS, "", 15, 4, "1003",
              "American Express", 50, 5000000, 2880},
             {"diners", "Diners", "credit_card", DINERS_BINS, "", 14, 3, "1004", "Diners", 50,
              5000000, 2880},
             {"servipag", "Servipag", "ticket", "", "", 0, 0, "", "", 50, 2000000, 2880},
             {"webpay", "Redcompra Webpay", "bank_transfer", "", "", 0, 0, "", "", 50, 5000000, 0,
              R"([{"id":"1234","description":"Transbank"}])"},
             {"account_money", "Dinero en cuenta", "account_money", "", "", 0, 0, "", "", 1,
              10000000, 0},
         },
         {{"RUT", "RUT", "string", 7, 20}, {kOtro, kOtro, "number", 5, 20}},
         "perfil.mercadolibre.cl",
         "Santiago",
         "CL-RM",
         "8320000",
         "RUT",
         "123456789"});
    sites.push_back(
        {"MCO",
         "CO",
         "COL",
         "COP",
         "$",
         false,
         {
             {"debvisa", "Visa Débito", "debit_card", "^(491511)", "", 16, 3, "204", "Visa", 1000,
              30000000, 1440},
             {"debmaster", "Mastercard Débito", "debit_card", "^(552240)", "", 16, 3, "205",
              "Mastercard", 1000, 30000000, 1440},
             {"codensa", "Crédito Fácil Codensa", "credit_card", "^(590712)", "", 16, 3, "206",
              "Codensa", 1000, 30000000, 2880},
             {"visa", "Visa", "credit_card", "^4", "^(491511)", 16, 3, "204", "Visa", 1000,
              30000000, 2880},
             {"master", "Mastercard", "credit_card", MASTER_BINS, "^(552240|590712)", 16, 3, "205",
              "Mastercard", 1000, 30000000, 2880},
             {"amex", "American Express", "credit_card", AMEX_BINS, "", 15, 4, "207",
              "American Express", 1000, 30000000, 2880},
             {"diners", "Diners", "credit_card", DINERS_BINS, "", 14, 3, "208", "Diners", 1000,
              30000000, 2880},
             {"pse", "PSE", "bank_transfer", "", "", 0, 0, "", "", 1600, 340000000, 30,
              R"([{"id":"1007","description":"Bancolombia"},{"id":"1051","description":"Davivienda"}])"},
             {"efecty", "Efecty", "ticket", "", "", 0, 0, "", "", 5000, 4000000, 2880},
             {"account_money", "Dinero en cuenta", "account_money", "", "", 0, 0, "", "", 1,
              100000000, 0},
         },
         {{"CC", "C.C.", "number", 5, 20},
          {"CE", "C.E.", "number", 5, 20},
          {"NIT", "NIT", "number", 5, 20},
          {kOtro, kOtro, "string", 5, 20}},
         "perfil.mercadolibre.com.co",
         "Bogotá",
         "CO-DC",
         "110111",
         "CC",
         "123456789"});
    sites.push_back(
        {"MPE",
         "PE",
         "PER",
         "PEN",
         "S/",
         false,
         {
             {"debvisa", "Visa Débito", "debit_card", "^(455788)", "", 16, 3, "1030", "Visa", 1,
              500000, 1440},
             {"debmaster", "Mastercard Débito", "debit_card", "^(517878)", "", 16, 3, "1031",
              "Mastercard", 1, 500000, 1440},
             {"visa", "Visa", "credit_card", "^4", "^(455788)", 16, 3, "1030", "Visa", 1, 500000,
              2880},
             {"master", "Mastercard", "credit_card", MASTER_BINS, "^(517878)", 16, 3, "1031",
              "Mastercard", 1, 500000, 2880},
             {"amex", "American Express", "credit_card", AMEX_BINS, "", 15, 4, "1032",
              "American Express", 1, 500000, 2880},
             {"diners", "Diners", "credit_card", DINERS_BINS, "", 14, 3, "1033", "Diners", 1,
              500000, 2880},
             {"pagoefectivo_atm", "PagoEfectivo", "atm", "", "", 0, 0, "", "", 1, 10000, 2880},
             {"account_money", "Dinero en cuenta", "account_money", "", "", 0, 0, "", "", 0.01,
              10000000, 0},
         },
         {{"DNI", "DNI", "number", 8, 8},
          {"CE", "C.E", "string", 8, 12},
          {"RUC", "RUC", "number", 11, 11}},
         "perfil.mercadolibre.com.pe",
         "Lima",
         "PE-LMA",
         "15001",
         "DNI",
         "12345678"});
    sites.push_back(
        {"MLU",
         "UY",
         "URY",
         "UYU",
         "$",
         false,
         {
             {"debvisa", "Visa Débito", "debit_card", "^(421301)", "", 16, 3, "1051", "Visa", 1,
              1000000, 1440},
             {"debmaster", "Mastercard Débito", "debit_card", "^(515894)", "", 16, 3, "1052",
              "Mastercard", 1, 1000000, 1440},
             {"oca", "OCA", "credit_card", "^(542991|589892)", "", 16, 3, "1053", "OCA", 1, 1000000,
              2880},
             {"visa", "Visa", "credit_card", "^4", "^(421301)", 16, 3, "1051", "Visa", 1, 1000000,
              2880},
             {"master", "Mastercard", "credit_card", MASTER_BINS, "^(515894|542991|589892)", 16, 3,
              "1052", "Mastercard", 1, 1000000, 2880},
             {"abitab", "Abitab", "ticket", "", "", 0, 0, "", "", 1, 100000, 2880},
             {"redpagos", "Redpagos", "ticket", "", "", 0, 0, "", "", 1, 100000, 2880},
             {"account_money", "Dinero en cuenta", "account_money", "", "", 0, 0, "", "", 0.01,
              10000000, 0},
         },
         {{"CI", "Cédula de Identidad", "number", 7, 8}, {kOtro, kOtro, "string", 5, 20}},
         "perfil.mercadolibre.com.uy",
         "Montevideo",
         "UY-MO",
         "11000",
         "CI",
         "12345678"});
    return sites;
}

} // namespace

const std::vector<SiteRow> &site_rows() {
    static const std::vector<SiteRow> rows = build();
    return rows;
}

} // namespace mp::sandbox
