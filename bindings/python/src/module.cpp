// mercadopago_native._native: module entry, errors, the operations table.
#include "common.hpp"

namespace mpn {

namespace {
py::object &error_factory() {
    static py::object *f = new py::object(); // leaked on purpose: lives to exit
    return *f;
}
} // namespace

py::dict error_info(const mp_error *e, mp_status fallback) {
    py::dict d;
    if (!e) {
        d["status_code"] = static_cast<int>(fallback);
        d["status"] = mp_status_name(fallback);
        d["message"] = std::string("libmercadopago failed with ") + mp_status_name(fallback);
        d["http_status"] = 0;
        d["api_error"] = "";
        d["causes"] = py::bytes("[]");
        d["request_id"] = "";
        d["idempotency_key"] = "";
        d["attempts"] = 0;
        d["retryable"] = false;
        return d;
    }
    mp_status st = mp_error_status(e);
    d["status_code"] = static_cast<int>(st);
    d["status"] = mp_status_name(st);
    d["message"] = py::str(mp_error_message(e));
    d["http_status"] = mp_error_http_status(e);
    d["api_error"] = py::str(mp_error_api_error(e));
    size_t len = 0;
    const char *causes = mp_error_causes(e, &len);
    d["causes"] = py::bytes(causes ? causes : "[]", causes ? len : 2);
    d["request_id"] = py::str(mp_error_request_id(e));
    d["idempotency_key"] = py::str(mp_error_idempotency_key(e));
    d["attempts"] = mp_error_attempts(e);
    d["retryable"] = mp_error_retryable(e) != 0;
    return d;
}

py::object make_error(mp_status st, const mp_error *e, std::unique_ptr<Response> resp) {
    py::dict info = error_info(e, st);
    py::object r = resp ? py::cast(std::move(resp)) : py::none();
    if (!error_factory()) {
        return py::module_::import("builtins").attr("RuntimeError")(info["message"]);
    }
    return error_factory()(info, r);
}

void raise_error(mp_status st, const mp_error *e, std::unique_ptr<Response> resp) {
    py::object exc = make_error(st, e, std::move(resp));
    PyErr_SetObject(reinterpret_cast<PyObject *>(Py_TYPE(exc.ptr())), exc.ptr());
    throw py::error_already_set();
}

void raise_last(mp_status st) { raise_error(st, mp_error_last(), nullptr); }

void check(mp_status st) {
    if (st != MP_OK) raise_last(st);
}

RequestPtr build_request(const StrPairs &path, const StrPairs &query,
                         const std::optional<py::bytes> &body,
                         const std::optional<std::string> &idempotency_key,
                         const std::optional<std::string> &access_token, const StrPairs &headers,
                         std::optional<long> timeout_ms, std::optional<int> max_retries) {
    mp_request *raw = nullptr;
    check(mp_request_new(&raw));
    RequestPtr req(raw);
    for (const auto &[k, v] : path) check(mp_request_set_path_param(raw, k.c_str(), v.c_str()));
    for (const auto &[k, v] : query) check(mp_request_add_query(raw, k.c_str(), v.c_str()));
    if (body) {
        char *data = nullptr;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize(body->ptr(), &data, &len) != 0) throw py::error_already_set();
        check(mp_request_set_body(raw, data, static_cast<size_t>(len)));
    }
    if (idempotency_key) check(mp_request_set_idempotency_key(raw, idempotency_key->c_str()));
    if (access_token) check(mp_request_set_access_token(raw, access_token->c_str()));
    for (const auto &[k, v] : headers) check(mp_request_add_header(raw, k.c_str(), v.c_str()));
    if (timeout_ms) check(mp_request_set_timeout_ms(raw, *timeout_ms));
    if (max_retries) check(mp_request_set_max_retries(raw, *max_retries));
    return req;
}

} // namespace mpn

using namespace mpn;

PYBIND11_MODULE(_native, m) {
    m.doc() = "Low-level binding of libmercadopago's C ABI (use mercadopago_native instead).";

    m.def("version", [] { return std::string(mp_version()); });
    m.def("version_number", [] { return mp_version_number(); });
    m.attr("HEADER_VERSION") = MP_VERSION_STRING;

    m.def("status_table", [] {
        py::list out;
        for (int s = 0; s >= MP_STATUS_MIN; --s)
            out.append(py::make_tuple(s, mp_status_name(static_cast<mp_status>(s))));
        return out;
    }, "[(code, name)] for every mp_status, from MP_OK down to MP_STATUS_MIN.");

    m.def("operations", [] {
        py::list out;
        size_t n = mp_operation_count();
        for (size_t i = 0; i < n; ++i)
            out.append(py::make_tuple(mp_operation_name(i), mp_operation_method(i),
                                      mp_operation_path(i), mp_operation_has_body(i) != 0,
                                      mp_operation_paging(i)));
        return out;
    }, "[(name, method, path, has_body, paging)] from the library's operations table.");

    m.def("_set_error_factory", [](py::object f) { error_factory() = std::move(f); },
          "factory(info: dict, response: Response | None) -> BaseException");

    m.def("oauth_authorization_url",
          [](const std::string &client_id, const std::string &redirect_uri,
             std::optional<std::string> state) {
              char *out = nullptr;
              check(mp_oauth_authorization_url(client_id.c_str(), redirect_uri.c_str(),
                                               state ? state->c_str() : nullptr, &out));
              std::string s(out);
              mp_string_free(out);
              return s;
          },
          py::arg("client_id"), py::arg("redirect_uri"), py::arg("state") = py::none());

    py::class_<Response, std::unique_ptr<Response>>(m, "Response")
        .def_property_readonly("http_status", &Response::http_status)
        .def_property_readonly("request_id", &Response::request_id)
        .def_property_readonly("idempotency_key", &Response::idempotency_key)
        .def_property_readonly("attempts", &Response::attempts)
        .def("header", &Response::header, py::arg("name"))
        .def("body", &Response::body);

    bind_client(m);
    bind_pager_batch(m);
    bind_webhooks_sandbox(m);
}
