// Webhook signature checks and the embedded sandbox.
#include "common.hpp"

#include <mutex>

namespace mpn {

namespace {

class Sandbox {
public:
    explicit Sandbox(const std::optional<std::string> &options_json) {
        mp_sandbox *sb = nullptr;
        int rc;
        std::string err;
        {
            py::gil_scoped_release nogil;
            rc = mp_sandbox_start(options_json ? options_json->c_str() : nullptr, &sb);
            if (rc != 0) err = mp_sandbox_last_error();
        }
        if (rc != 0) throw std::runtime_error("cannot start the sandbox: " + err);
        sb_ = sb;
    }
    ~Sandbox() { stop(); }
    void stop() {
        mp_sandbox *sb = nullptr;
        std::swap(sb, sb_);
        if (sb) {
            py::gil_scoped_release nogil;
            mp_sandbox_stop(sb);
        }
    }
    const mp_sandbox *get() const {
        if (!sb_) throw py::value_error("the sandbox is stopped");
        return sb_;
    }
    std::string url() const { return mp_sandbox_url(get()); }
    int port() const { return mp_sandbox_port(get()); }
    std::optional<std::string> ca_pem() const {
        const char *p = mp_sandbox_ca_pem(get());
        if (!p) return std::nullopt;
        return std::string(p);
    }
    void write_ca(const std::string &path) const {
        if (mp_sandbox_write_ca(get(), path.c_str()) != 0)
            throw std::runtime_error(std::string("cannot write the CA: ") + mp_sandbox_last_error());
    }
    long request_count() const { return mp_sandbox_request_count(get()); }
    bool running() const { return sb_ != nullptr; }

private:
    mp_sandbox *sb_ = nullptr;
};

} // namespace

void bind_webhooks_sandbox(py::module_ &m) {
    m.def("webhook_verify",
          [](std::optional<std::string> x_signature, std::optional<std::string> x_request_id,
             std::optional<std::string> data_id, const std::vector<std::string> &secrets,
             long tolerance_s, int64_t now) {
              std::vector<const char *> ptrs;
              for (const auto &s : secrets) ptrs.push_back(s.c_str());
              mp_webhook_result result = MP_WEBHOOK_OK;
              mp_status st = mp_webhook_verify(
                  x_signature ? x_signature->c_str() : nullptr,
                  x_request_id ? x_request_id->c_str() : nullptr,
                  data_id ? data_id->c_str() : nullptr, ptrs.empty() ? nullptr : ptrs.data(),
                  ptrs.size(), tolerance_s, now, &result);
              if (st != MP_OK && st != MP_ERR_SIGNATURE) raise_last(st);
              return py::make_tuple(static_cast<int>(st), mp_webhook_result_name(result));
          },
          py::arg("x_signature"), py::arg("x_request_id"), py::arg("data_id"),
          py::arg("secrets"), py::arg("tolerance_s") = 0, py::arg("now") = 0,
          "-> (status_code, result_name); raises only for invalid arguments.");

    py::class_<Sandbox>(m, "Sandbox")
        .def(py::init<const std::optional<std::string> &>(), py::arg("options_json") = py::none())
        .def("stop", &Sandbox::stop)
        .def_property_readonly("running", &Sandbox::running)
        .def_property_readonly("url", &Sandbox::url)
        .def_property_readonly("port", &Sandbox::port)
        .def_property_readonly("ca_pem", &Sandbox::ca_pem)
        .def_property_readonly("request_count", &Sandbox::request_count)
        .def("write_ca", &Sandbox::write_ca, py::arg("path"));
}

} // namespace mpn
