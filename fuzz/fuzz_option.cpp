// fuzz_option: options set by name (capi/options.cpp): mp_config_set_option
// and mp_request_set_option, their parsing of text values and their errors.
//
// Input: the option's name on the first line (any other text picks a row of
// the table: the sum of its bytes modulo the count), the value after it.
// Invariants: nothing crashes; a refusal is MP_ERR_INVALID_ARGUMENT and its
// message never quotes the value (it may be a secret).
#include "common.hpp"

#include "mercadopago.h"

#include <string>

namespace {

std::string pick_name(std::string_view line) {
    size_t n = mp_option_count();
    for (size_t i = 0; i < n; ++i)
        if (line == mp_option_name(i)) return std::string(line);
    unsigned sum = 0;
    for (char c : line)
        sum += static_cast<unsigned char>(c);
    // Mostly a real name; now and then the text itself, to reach "unknown option".
    return sum % 7 == 0 ? std::string(line) : std::string(mp_option_name(sum % n));
}

// A value is marked with a sentinel no message contains, then sought in the
// message: found means the value was quoted.
constexpr const char *kMark = "Zq9SeCrEt";

void check_refusal(mp_status st, bool marked) {
    if (st == MP_OK) return;
    FUZZ_CHECK(st == MP_ERR_INVALID_ARGUMENT);
    const mp_error *e = mp_error_last();
    FUZZ_CHECK(e != nullptr);
    if (marked) FUZZ_CHECK(std::string(mp_error_message(e)).find(kMark) == std::string::npos);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string_view in = fuzz::as_view(data, size);
    std::string name = pick_name(fuzz::take(in));
    std::string value(in);
    if (value.find('\0') != std::string::npos) value.resize(value.find('\0'));

    mp_config *config = nullptr;
    mp_request *request = nullptr;
    FUZZ_CHECK(mp_config_new(&config) == MP_OK && mp_request_new(&request) == MP_OK);
    check_refusal(mp_config_set_option(config, name.c_str(), value.c_str()), false);
    check_refusal(mp_request_set_option(request, name.c_str(), value.c_str()), false);
    if (name.find(kMark) == std::string::npos) { // the name may be quoted, the value never
        std::string marked = kMark + value;
        check_refusal(mp_config_set_option(config, name.c_str(), marked.c_str()), true);
        check_refusal(mp_request_set_option(request, name.c_str(), marked.c_str()), true);
    }
    // A client made from whatever was accepted is made or refused cleanly.
    mp_config_set_option(config, "access_token", "TEST-fuzz-token-1234");
    mp_client *client = nullptr;
    if (mp_client_new(config, &client) == MP_OK) mp_client_free(client);
    mp_request_free(request);
    mp_config_free(config);
    return 0;
}
