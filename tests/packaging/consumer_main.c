#include <mercadopago.h>
#include <stdio.h>
int main(void) {
    printf("%s %u ops\n", mp_version(), (unsigned)mp_operation_count());
    return 0;
}
