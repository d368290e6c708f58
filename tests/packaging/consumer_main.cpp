// A C++ consumer of the installed mercadopago.hpp: options by name, the tables.
#include <mercadopago.hpp>

#include <cstdio>

int main() {
    mercadopago::Config config;
    config.set("access_token", "TEST-consumer-1");
    config.set("timeout", "5");
    try {
        config.set("no_such_option", "1");
        return 1;
    } catch (const mercadopago::Error &e) {
        std::printf("%s %zu ops %zu options: %s\n", mercadopago::version(),
                    mercadopago::operations().size(), mercadopago::options().size(),
                    e.status_name());
    }
    return 0;
}
