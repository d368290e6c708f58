// The embedded sandbox (mp_sandbox.h) for mercadopago_native.sandbox: one class
// over the handle, the GIL released while the server starts or stops.
#include <mp_sandbox.h>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

namespace py = pybind11;

namespace {

void check(mp_sandbox_status status) {
    if (status == MP_SANDBOX_OK) return;
    std::string message = std::string("sandbox: ") + mp_sandbox_last_error();
    if (status == MP_SANDBOX_ERR_INVALID_ARGUMENT) throw py::value_error(message);
    throw std::runtime_error(message);
}

template <class T, void (*Free)(T *)> struct Owned {
    T *h = nullptr;
    ~Owned() { Free(h); }
};

class Sandbox {
  public:
    Sandbox(bool tls, const std::optional<std::string> &host, int port,
            const std::optional<std::string> &webhook_secret) {
        Owned<mp_sandbox_options, mp_sandbox_options_free> o;
        check(mp_sandbox_options_new(&o.h));
        check(mp_sandbox_options_set_tls(o.h, tls ? 1 : 0));
        check(mp_sandbox_options_set_port(o.h, port));
        if (host) check(mp_sandbox_options_set_host(o.h, host->c_str()));
        if (webhook_secret)
            check(mp_sandbox_options_set_webhook_secret(o.h, webhook_secret->c_str()));
        mp_sandbox_status status;
        {
            py::gil_scoped_release nogil;
            status = mp_sandbox_start(o.h, &h_);
        }
        check(status);
    }
    ~Sandbox() { stop(); }
    void stop() {
        mp_sandbox *h = h_;
        h_ = nullptr;
        py::gil_scoped_release nogil;
        mp_sandbox_stop(h);
    }
    bool running() const { return h_ != nullptr; }
    mp_sandbox *get() const {
        if (h_ == nullptr) throw py::value_error("the sandbox is stopped");
        return h_;
    }
    // Arms a fault of that kind (MP_SANDBOX_FAULT_*); 0 or -1 leave a value unset.
    void arm(int kind, const std::string &method, const std::string &path, int status,
             int retry_after, int delay_ms, int count) {
        Owned<mp_sandbox_fault, mp_sandbox_fault_free> f;
        check(mp_sandbox_fault_new(static_cast<mp_sandbox_fault_kind>(kind), &f.h));
        check(mp_sandbox_fault_set_method(f.h, method.c_str()));
        check(mp_sandbox_fault_set_path(f.h, path.c_str()));
        if (status != 0) check(mp_sandbox_fault_set_status(f.h, status));
        if (retry_after >= 0) check(mp_sandbox_fault_set_retry_after(f.h, retry_after));
        if (delay_ms >= 0) check(mp_sandbox_fault_set_delay_ms(f.h, delay_ms));
        check(mp_sandbox_fault_set_count(f.h, count));
        check(mp_sandbox_fault_arm(get(), f.h));
    }

  private:
    mp_sandbox *h_ = nullptr;
};

} // namespace

void bind_sandbox(py::module_ &m) {
    py::dict kinds;
    kinds["ok"] = static_cast<int>(MP_SANDBOX_FAULT_OK);
    kinds["status"] = static_cast<int>(MP_SANDBOX_FAULT_STATUS);
    kinds["delay"] = static_cast<int>(MP_SANDBOX_FAULT_DELAY);
    kinds["stall"] = static_cast<int>(MP_SANDBOX_FAULT_STALL);
    kinds["reset_before"] = static_cast<int>(MP_SANDBOX_FAULT_RESET_BEFORE);
    kinds["reset_after"] = static_cast<int>(MP_SANDBOX_FAULT_RESET_AFTER);
    kinds["truncate"] = static_cast<int>(MP_SANDBOX_FAULT_TRUNCATE);
    m.attr("SANDBOX_FAULT_KINDS") = kinds;

    py::class_<Sandbox>(m, "Sandbox")
        .def(py::init<bool, const std::optional<std::string> &, int,
                      const std::optional<std::string> &>(),
             py::arg("tls") = true, py::arg("host") = py::none(), py::arg("port") = 0,
             py::arg("webhook_secret") = py::none())
        .def("stop", &Sandbox::stop)
        .def_property_readonly("running", &Sandbox::running)
        .def_property_readonly("url", [](const Sandbox &s) { return mp_sandbox_url(s.get()); })
        .def_property_readonly("port", [](const Sandbox &s) { return mp_sandbox_port(s.get()); })
        .def_property_readonly("ca_pem",
                               [](const Sandbox &s) { return mp_sandbox_ca_pem(s.get()); })
        .def_property_readonly("request_count",
                               [](const Sandbox &s) { return mp_sandbox_request_count(s.get()); })
        .def(
            "write_ca",
            [](const Sandbox &s, const std::string &path) {
                check(mp_sandbox_write_ca(s.get(), path.c_str()));
            },
            py::arg("path"))
        .def("reset", [](const Sandbox &s) { check(mp_sandbox_reset(s.get())); })
        .def("arm_fault", &Sandbox::arm, py::arg("kind"), py::arg("method") = "",
             py::arg("path") = "", py::arg("status") = 0, py::arg("retry_after") = -1,
             py::arg("delay_ms") = -1, py::arg("count") = 1)
        .def("clear_faults", [](const Sandbox &s) { check(mp_sandbox_faults_clear(s.get())); });
}
