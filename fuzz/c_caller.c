/* A C caller may pass any int where mercadopago.h takes an enum (C allows
 * it). These let the C++ harness make such calls without undefined
 * behaviour on its own side: the conversion happens here, in C. */
#include "mercadopago.h"

const char *fuzz_c_status_name(int value);
const char *fuzz_c_webhook_result_name(int value);

const char *fuzz_c_status_name(int value) {
    return mp_status_name((mp_status)value);
}

const char *fuzz_c_webhook_result_name(int value) {
    return mp_webhook_result_name((mp_webhook_result)value);
}
