/* Compiled as C89 with -pedantic -Werror, and as C++: the public headers
 * must stay clean for every C and C++ compiler our users have. */
#include "mercadopago.h"
#include "mp_sandbox.h"

int main(void) {
    mp_status st = MP_OK;
    mp_client *client = 0;
    mp_response *res = 0;
    (void)client;
    (void)res;
    return st == MP_OK && mp_version_number() == MP_VERSION_NUMBER ? 0 : 1;
}
