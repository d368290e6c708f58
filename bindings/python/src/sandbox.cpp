// mercadopago_native._sandbox, the embedded sandbox behind
// mercadopago_native.sandbox: mp_sandbox.hpp's classes, the GIL released
// while the server starts or stops. A module of its own, over
// libmercadopago-sandbox only, so that a production process (which imports
// _native) never loads the sandbox or its HTTP server.
#include <mp_sandbox.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace py = pybind11;
namespace mp = mercadopago;

PYBIND11_MODULE(_sandbox, m) {
    // A refused argument is a ValueError; anything else a RuntimeError.
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const mp::SandboxError &e) {
            std::string message = std::string("sandbox: ") + e.what();
            PyErr_SetString(e.status() == MP_SANDBOX_ERR_INVALID_ARGUMENT ? PyExc_ValueError
                                                                          : PyExc_RuntimeError,
                            message.c_str());
        }
    });
    py::class_<mp::Sandbox>(m, "Sandbox")
        .def(py::init([](bool tls, const std::optional<std::string> &host, int port,
                         const std::optional<std::string> &webhook_secret) {
                 mp::SandboxOptions options;
                 options.set_tls(tls);
                 options.set_port(port);
                 if (host) options.set_host(host->c_str());
                 if (webhook_secret) options.set_webhook_secret(webhook_secret->c_str());
                 py::gil_scoped_release nogil;
                 return std::make_unique<mp::Sandbox>(&options);
             }),
             py::arg("tls") = true, py::arg("host") = py::none(), py::arg("port") = 0,
             py::arg("webhook_secret") = py::none())
        .def("stop", &mp::Sandbox::stop, py::call_guard<py::gil_scoped_release>())
        .def_property_readonly("running", &mp::Sandbox::running)
        .def_property_readonly("url", &mp::Sandbox::url)
        .def_property_readonly("port", &mp::Sandbox::port)
        .def_property_readonly("ca_pem",
                               [](const mp::Sandbox &s) -> std::optional<std::string> {
                                   std::string pem = s.ca_pem();
                                   if (pem.empty()) return std::nullopt;
                                   return pem;
                               })
        .def_property_readonly("request_count", &mp::Sandbox::request_count)
        .def("write_ca", &mp::Sandbox::write_ca, py::arg("path"))
        .def("reset", &mp::Sandbox::reset)
        .def("arm_faults", &mp::Sandbox::arm_faults, py::arg("method"), py::arg("path"),
             py::arg("faults"))
        .def("clear_faults", &mp::Sandbox::clear_faults);
}
