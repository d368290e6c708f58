// mercadopago_native._native: pybind11 bindings of mercadopago.hpp, the
// library's one C++ layer. Nothing here adds behaviour: the classes, tables and
// errors are the header's; this file only says which calls release the GIL and
// how mercadopago::Error and Bytes cross into Python. AsyncClient alone is
// over mercadopago.h directly (the asynchronous calls, which the C++ header
// does not wrap), with their completions handed to Python (below).
#include <mercadopago.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>

namespace py = pybind11;
namespace mp = mercadopago;

// mercadopago::Bytes (borrowed, copied at once) is bytes in Python; data NULL is None.
namespace pybind11 {
namespace detail {
template <> struct type_caster<mp::Bytes> {
    PYBIND11_TYPE_CASTER(mp::Bytes, const_name("bytes | None"));
    bool load(handle, bool) { return false; }
    static handle cast(const mp::Bytes &b, return_value_policy, handle) {
        if (b.data == nullptr) return none().release();
        return bytes(b.data, b.len).release();
    }
};
} // namespace detail
} // namespace pybind11

namespace {

using nogil = py::call_guard<py::gil_scoped_release>;

py::str text(mp::Bytes b) {
    return py::reinterpret_steal<py::str>(
        PyUnicode_DecodeUTF8(b.data, static_cast<Py_ssize_t>(b.len), "replace"));
}

// errors.py's factory: (mercadopago_native._native.Error) -> the Python exception.
py::object &error_factory() {
    static py::object *f = new py::object(); // leaked on purpose: lives to exit
    return *f;
}

// ---- Asynchronous calls -------------------------------------------------
//
// AsyncClient owns its mp_client directly (mercadopago.hpp's Client has no
// asynchronous calls): mp_client_call_async runs each call on the client's
// one engine thread, and the completion below crosses into Python there, under
// the GIL, only to hand the outcome to a Python callable (the caller's
// loop.call_soon_threadsafe). Every C call that may wait for the engine
// thread runs without the GIL, since the engine thread needs the GIL to
// complete a call.

// The handle, and the lock that lets close() wait for starts in progress;
// shared by the client and its calls in flight.
struct AsyncState {
    std::shared_mutex mutex;
    mp_client *handle = nullptr;
    mp::LogQueue queue;
    std::atomic<long> in_flight{0};
};

// One call's userdata: what its completion needs, kept alive until it ran.
struct Pending {
    py::object on_done; // on_done(response | None, error | None), called on the engine thread
    std::shared_ptr<AsyncState> state;
};

bool python_finalizing() {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsFinalizing() != 0;
#else
    return _Py_IsFinalizing() != 0;
#endif
}

void async_done(void *userdata, uint64_t, mp_status status, mp_response *response,
                const mp_error *error) {
    std::unique_ptr<Pending> pending(static_cast<Pending *>(userdata));
    std::unique_ptr<mp::Response> ok;
    std::unique_ptr<mp::Error> failed;
    if (status == MP_OK)
        ok.reset(new mp::Response(response));
    else if (error != nullptr)
        failed.reset(new mp::Error(status, error, response)); // keeps the API's answer
    else
        failed.reset(new mp::Error(status, mp_status_name(status)));
    pending->state->in_flight.fetch_sub(1);
    if (python_finalizing()) { // no Python left to tell: drop the references unowned
        (void)pending.release()->on_done.release();
        return;
    }
    py::gil_scoped_acquire gil;
    try {
        pending->on_done(ok ? py::cast(std::move(ok)) : py::none(),
                         failed ? py::cast(std::move(failed)) : py::none());
    } catch (py::error_already_set &e) {
        // The caller's loop is closed: nobody awaits this call any more.
        if (!e.matches(PyExc_RuntimeError)) e.discard_as_unraisable("mercadopago_native async");
    }
    pending.reset(); // its references go while the GIL is held
}

class AsyncClient {
  public:
    AsyncClient(const mp::Config &config, int log_level) : state_(std::make_shared<AsyncState>()) {
        // The config's log queue belongs to the config: this client queues
        // into its own (read by next_log), the config's other settings as set.
        // The callback is always there, so that set_log_level can turn
        // logging on later.
        mp::detail::check(mp_config_set_log(config.handle(), &mp::LogQueue::callback,
                                            &state_->queue, MP_LOG_DEBUG));
        py::gil_scoped_release nogil;
        mp::detail::check(mp_client_new(config.handle(), &state_->handle));
        mp::detail::check(mp_client_set_log_level(state_->handle, log_level));
    }
    void set_log_level(int max_level) {
        std::shared_lock<std::shared_mutex> lock(state_->mutex);
        if (state_->handle != nullptr)
            mp::detail::check(mp_client_set_log_level(state_->handle, max_level));
    }
    ~AsyncClient() {
        // Freeing cancels the calls in flight, whose completions need the GIL.
        py::gil_scoped_release nogil;
        close();
    }
    AsyncClient(const AsyncClient &) = delete;
    AsyncClient &operator=(const AsyncClient &) = delete;

    // Starts a call; on_done(response, error) runs later on the engine thread.
    uint64_t start(const std::string &operation, const mp::Request *request, py::object on_done) {
        std::unique_ptr<Pending> pending(new Pending{std::move(on_done), state_});
        uint64_t id = 0;
        std::unique_ptr<mp::Error> refused;
        {
            py::gil_scoped_release nogil;
            std::shared_lock<std::shared_mutex> lock(state_->mutex);
            if (state_->handle == nullptr) {
                refused.reset(new mp::Error(MP_ERR_INVALID_ARGUMENT, "the client is closed"));
            } else {
                state_->in_flight.fetch_add(1);
                mp_status s = mp_client_call_async(state_->handle, operation.c_str(),
                                                   request ? request->handle() : nullptr,
                                                   &async_done, pending.get(), &id);
                if (s == MP_OK) {
                    pending.release(); // the completion owns it now
                } else {               // bad input: done will never run
                    state_->in_flight.fetch_sub(1);
                    refused.reset(new mp::Error(s, mp_error_last()));
                }
            }
        }
        if (refused) throw *refused; // pending freed here, with the GIL
        return id;
    }
    void cancel(uint64_t id) {
        std::shared_lock<std::shared_mutex> lock(state_->mutex);
        if (state_->handle != nullptr) mp_client_cancel(state_->handle, id);
    }
    long warm(long connections, int what) {
        std::shared_lock<std::shared_mutex> lock(state_->mutex);
        if (state_->handle == nullptr)
            throw mp::Error(MP_ERR_INVALID_ARGUMENT, "the client is closed");
        long answered = 0;
        mp::detail::check(mp_client_warm(state_->handle, connections, what, &answered));
        return answered;
    }
    // Frees the client: the calls in flight complete with MP_ERR_CANCELED
    // before it returns. Idempotent.
    void close() {
        std::unique_lock<std::shared_mutex> lock(state_->mutex);
        mp_client_free(state_->handle);
        state_->handle = nullptr;
    }
    bool closed() const {
        std::shared_lock<std::shared_mutex> lock(state_->mutex);
        return state_->handle == nullptr;
    }
    long in_flight() const { return state_->in_flight.load(); }
    std::unique_ptr<mp::LogLine> next_log() { return state_->queue.next(); }

  private:
    std::shared_ptr<AsyncState> state_;
};

} // namespace

PYBIND11_MODULE(_native, m) {
    m.doc() = "Bindings of mercadopago.hpp (use mercadopago_native instead).";

    m.def("version", &mp::version);
    m.def("version_number", &mp_version_number);
    m.attr("HEADER_VERSION") = MP_VERSION_STRING;
    m.def("status_name", &mp::status_name, py::arg("status"));
    m.def(
        "status_table",
        [] {
            py::list out;
            for (int s = 0; s >= MP_STATUS_MIN; --s)
                out.append(py::make_tuple(s, mp::status_name(s)));
            return out;
        },
        "[(code, name)] for every mp_status, from MP_OK down to MP_STATUS_MIN.");
    m.def("webhook_result_name", &mp::webhook_result_name, py::arg("result"));

    // The tables, as tuples.
    m.def(
        "operations",
        [] {
            py::list out;
            for (const mp::Operation &op : mp::operations())
                out.append(py::make_tuple(op.name, op.method, op.path, op.has_body, op.paging,
                                          py::tuple(py::cast(op.path_params))));
            return out;
        },
        "[(name, method, path, has_body, paging, path_params)]");
    m.def(
        "options",
        [] {
            py::list out;
            for (const mp::Option &o : mp::options())
                out.append(py::make_tuple(o.name, o.type, o.arity, o.scope, o.doc));
            return out;
        },
        "[(name, type, arity, scope, doc)]");
    m.def(
        "error_classes",
        [] {
            py::list out;
            for (const mp::ErrorClass &c : mp::error_classes())
                out.append(py::make_tuple(c.name, c.parent, c.status, c.status_name, c.doc));
            return out;
        },
        "[(name, parent, status, status_name, doc)], parents first");
    m.attr("OPTION_CLIENT") = MP_OPTION_CLIENT;
    m.attr("OPTION_CALL") = MP_OPTION_CALL;
    m.attr("OPTION_PAGES") = MP_OPTION_PAGES;
    m.attr("OPTION_STRING") = static_cast<int>(MP_OPTION_STRING);
    m.attr("OPTION_INT") = static_cast<int>(MP_OPTION_INT);
    m.attr("OPTION_SECONDS") = static_cast<int>(MP_OPTION_SECONDS);
    m.attr("OPTION_BOOL") = static_cast<int>(MP_OPTION_BOOL);
    m.attr("OPTION_HEADERS") = static_cast<int>(MP_OPTION_HEADERS);
    m.def("oauth_authorization_url", &mp::oauth_authorization_url, py::arg("client_id"),
          py::arg("redirect_uri"), py::arg("state") = py::none());

    py::class_<mp::Error>(m, "Error")
        .def_property_readonly("status", &mp::Error::status)
        .def_property_readonly("status_name", &mp::Error::status_name)
        .def_property_readonly("message", [](const mp::Error &e) { return text(e.message()); })
        .def_property_readonly("http_status", &mp::Error::http_status)
        .def_property_readonly("api_error", &mp::Error::api_error)
        .def_property_readonly("causes", &mp::Error::causes)
        .def_property_readonly("request_id", &mp::Error::request_id)
        .def_property_readonly("idempotency_key", &mp::Error::idempotency_key)
        .def_property_readonly("attempts", &mp::Error::attempts)
        .def_property_readonly("retryable", &mp::Error::retryable)
        .def_property_readonly("body", &mp::Error::body)
        .def("header",
             [](const mp::Error &e, const std::string &name) -> std::optional<std::string> {
                 const char *v = e.header(name.c_str());
                 if (v == nullptr) return std::nullopt;
                 return std::string(v);
             });
    m.def(
        "_set_error_factory", [](py::object f) { error_factory() = std::move(f); },
        "factory(Error) -> BaseException, for every mercadopago::Error thrown");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const mp::Error &e) {
            if (!error_factory()) {
                PyErr_SetString(PyExc_RuntimeError, e.what());
                return;
            }
            py::object exc = error_factory()(e);
            PyErr_SetObject(reinterpret_cast<PyObject *>(Py_TYPE(exc.ptr())), exc.ptr());
        }
    });

    py::class_<mp::LogLine>(m, "LogLine")
        .def_property_readonly("level", &mp::LogLine::level)
        .def_property_readonly("message", [](const mp::LogLine &l) { return text(l.message()); });

    py::class_<mp::Config>(m, "Config")
        .def(py::init<>())
        .def("set", &mp::Config::set, py::arg("name"), py::arg("value"))
        .def("set_log_level", &mp::Config::set_log_level, py::arg("max_level"));

    py::class_<mp::Request>(m, "Request")
        .def(py::init<>())
        .def("set_path_param", &mp::Request::set_path_param, py::arg("name"), py::arg("value"))
        .def("add_query", &mp::Request::add_query, py::arg("name"), py::arg("value"))
        .def(
            "set_body",
            [](mp::Request &r, std::string_view body) { r.set_body(body.data(), body.size()); },
            py::arg("body"))
        .def("set", &mp::Request::set, py::arg("name"), py::arg("value"))
        .def("reset", &mp::Request::reset);

    py::class_<mp::Response>(m, "Response")
        .def_property_readonly("http_status", &mp::Response::http_status)
        .def_property_readonly("request_id", &mp::Response::request_id)
        .def_property_readonly("idempotency_key", &mp::Response::idempotency_key)
        .def_property_readonly("attempts", &mp::Response::attempts)
        .def("header", &mp::Response::header, py::arg("name"))
        .def(
            "header_lines",
            [](const mp::Response &r) {
                py::list out;
                for (size_t i = 0; const char *line = r.header_at(i); ++i)
                    out.append(text(mp::Bytes{line, std::strlen(line)}));
                return out;
            },
            "Every header as \"Name: value\", in the order received.")
        .def("body", &mp::Response::body);

    py::class_<mp::Pager>(m, "Pager")
        .def("next_page", &mp::Pager::next_page, nogil())
        .def("next_item", &mp::Pager::next_item, nogil())
        .def_property_readonly("total", &mp::Pager::total);

    py::class_<mp::Batch>(m, "Batch")
        .def(py::init<>())
        .def("add", &mp::Batch::add, py::arg("operation"), py::arg("request") = nullptr)
        .def("__len__", &mp::Batch::size)
        .def("status", &mp::Batch::status, py::arg("index"))
        .def("error", &mp::Batch::error, py::arg("index"))
        .def("take_response", &mp::Batch::take_response, py::arg("index"));

    py::class_<mp::Client>(m, "Client")
        .def(py::init<const mp::Config &>(), py::arg("config"), nogil())
        .def("call", &mp::Client::call, py::arg("operation"), py::arg("request") = nullptr, nogil())
        .def("pager", &mp::Client::pager, py::arg("operation"), py::arg("request") = nullptr,
             py::arg("page_size") = 0, nogil())
        .def("run_batch", &mp::Client::run_batch, py::arg("batch"), py::arg("max_in_flight") = 0,
             nogil())
        .def("next_log", &mp::Client::next_log)
        .def("set_log_level", &mp::Client::set_log_level, py::arg("max_level"))
        .def("warm", &mp::Client::warm, py::arg("connections"), py::arg("what"), nogil())
        .def("close", &mp::Client::close, nogil())
        // closed() may wait behind a close() in progress: not while holding the GIL.
        .def_property_readonly("closed", py::cpp_function(&mp::Client::closed, nogil()));

    m.attr("WARM_BLOCKING") = MP_WARM_BLOCKING;
    m.attr("WARM_ASYNC") = MP_WARM_ASYNC;
    py::class_<AsyncClient>(m, "AsyncClient")
        .def(py::init<const mp::Config &, int>(), py::arg("config"), py::arg("log_level"))
        .def("start", &AsyncClient::start, py::arg("operation"), py::arg("request"),
             py::arg("on_done"),
             "Starts a call; on_done(response, error) runs on the client's engine thread.")
        .def("cancel", &AsyncClient::cancel, py::arg("call_id"), nogil())
        .def("set_log_level", &AsyncClient::set_log_level, py::arg("max_level"))
        .def("warm", &AsyncClient::warm, py::arg("connections"), py::arg("what"), nogil())
        .def("next_log", &AsyncClient::next_log)
        .def("close", &AsyncClient::close, nogil())
        .def_property_readonly("closed", py::cpp_function(&AsyncClient::closed, nogil()))
        .def_property_readonly("in_flight", &AsyncClient::in_flight);

    py::class_<mp::WebhookVerifier>(m, "WebhookVerifier")
        .def(py::init<>())
        .def("add_secret", &mp::WebhookVerifier::add_secret, py::arg("secret"))
        .def("verify", &mp::WebhookVerifier::verify, py::arg("x_signature"),
             py::arg("x_request_id"), py::arg("data_id"), py::arg("tolerance_s") = 0,
             py::arg("now") = 0);
}
