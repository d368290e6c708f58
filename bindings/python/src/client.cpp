// The client: configuration, logging into Python, calls with the GIL released.
#include "client.hpp"

namespace mpn {

extern "C" void mpn_log_trampoline(void *userdata, mp_log_level level, const char *message,
                                   size_t len) {
    auto *sink = static_cast<LogSink *>(userdata);
    if (!sink || !Py_IsInitialized()) return;
    py::gil_scoped_acquire gil;
    try {
        sink->fn(static_cast<int>(level), py::str(message, len));
    } catch (py::error_already_set &e) {
        e.discard_as_unraisable("mercadopago_native log callback");
    } catch (...) {
    }
}

mp_client *client_handle(Client &c) { return c.handle(); }

void bind_client(py::module_ &m) {
    py::class_<Client>(m, "Client")
        .def(py::init<const std::string &, std::optional<std::string>, std::optional<long>,
                      std::optional<long>, std::optional<int>,
                      std::optional<std::tuple<long, long, long>>, std::optional<long>,
                      std::optional<std::string>, std::optional<py::bytes>,
                      std::optional<std::string>, std::optional<std::string>,
                      std::optional<std::string>, std::optional<std::string>,
                      std::optional<std::string>, py::object, int>(),
             py::arg("access_token"), py::arg("base_url") = py::none(),
             py::arg("timeout_ms") = py::none(), py::arg("connect_timeout_ms") = py::none(),
             py::arg("max_retries") = py::none(), py::arg("retry_delays_ms") = py::none(),
             py::arg("stall_timeout_ms") = py::none(), py::arg("ca_file") = py::none(),
             py::arg("ca_pem") = py::none(), py::arg("proxy") = py::none(),
             py::arg("user_agent_suffix") = py::none(), py::arg("platform_id") = py::none(),
             py::arg("integrator_id") = py::none(), py::arg("corporation_id") = py::none(),
             py::arg("log_fn") = py::none(), py::arg("log_level") = 0)
        .def("close", &Client::close)
        .def_property_readonly("closed", &Client::closed)
        .def("call", &Client::call, py::arg("operation"), py::arg("path") = StrPairs{},
             py::arg("query") = StrPairs{}, py::arg("body") = py::none(),
             py::arg("idempotency_key") = py::none(), py::arg("access_token") = py::none(),
             py::arg("headers") = StrPairs{}, py::arg("timeout_ms") = py::none(),
             py::arg("max_retries") = py::none())
        .def("__repr__", [](const Client &c) {
            return std::string("<mercadopago_native._native.Client ") +
                   (c.closed() ? "closed" : "open") + ">";
        });
}

} // namespace mpn
