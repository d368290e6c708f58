#include <mp_sandbox.h>
#include <stdio.h>
/* Starts the installed sandbox library and stops it: its exported target
 * carries what a consumer needs to build and link. */
int main(void) {
    mp_sandbox *sb = NULL;
    if (mp_sandbox_start(NULL, &sb) != MP_SANDBOX_OK) return 1;
    printf("sandbox consumer: %s\n", mp_sandbox_url(sb));
    mp_sandbox_stop(sb);
    return 0;
}
