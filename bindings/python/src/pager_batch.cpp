// Pagers (auto-paging searches and lists) and batches, GIL released around
// every network round trip.
#include "client.hpp"

namespace mpn {

namespace {

class Pager {
public:
    Pager(Client &client, py::object owner, const std::string &op, const StrPairs &path,
          const StrPairs &query, long page_size, const std::optional<std::string> &access_token,
          const StrPairs &headers, std::optional<long> timeout_ms, std::optional<int> max_retries)
        : client_(client), owner_(std::move(owner)) {
        RequestPtr req = build_request(path, query, std::nullopt, std::nullopt, access_token,
                                       headers, timeout_ms, max_retries);
        mp_pager *p = nullptr;
        mp_status st;
        bool closed = false;
        {
            py::gil_scoped_release nogil;
            std::shared_lock lock(client_.mutex());
            if (!client_.handle()) closed = true, st = MP_ERR_INVALID_ARGUMENT;
            else st = mp_pager_new(client_.handle(), op.c_str(), req.get(), page_size, &p);
        }
        if (closed) throw py::value_error("the client is closed");
        check(st);
        pager_ = p;
    }
    ~Pager() { mp_pager_free(pager_); }

    // The next page, or None after the last.
    std::unique_ptr<Response> next_page() {
        mp_response *out = nullptr;
        mp_status st = locked([&] { return mp_pager_next_page(pager_, &out); });
        if (st == MP_ITER_OVER) return nullptr;
        if (st == MP_OK) return std::make_unique<Response>(out);
        if (out) {
            auto resp = std::make_unique<Response>(out);
            const mp_error *e = mp_response_error(out);
            raise_error(st, e ? e : mp_error_last(), std::move(resp));
        }
        raise_last(st);
    }

    // The next item as JSON bytes, or None at the end.
    std::optional<py::bytes> next_item() {
        const char *json = nullptr;
        size_t len = 0;
        mp_status st = locked([&] { return mp_pager_next_item(pager_, &json, &len); });
        if (st == MP_ITER_OVER) return std::nullopt;
        check(st);
        return py::bytes(json, len);
    }

    int64_t total() const { return mp_pager_total(pager_); }

private:
    template <class F> mp_status locked(F &&fn) {
        mp_status st;
        bool closed = false;
        {
            py::gil_scoped_release nogil;
            std::shared_lock lock(client_.mutex());
            if (!client_.handle()) closed = true, st = MP_ERR_INVALID_ARGUMENT;
            else st = fn();
        }
        if (closed) throw py::value_error("the client is closed");
        return st;
    }

    Client &client_;
    py::object owner_; // keeps the Python client (and so client_) alive
    mp_pager *pager_ = nullptr;
};

class Batch {
public:
    Batch() { check(mp_batch_new(&batch_)); }
    ~Batch() { mp_batch_free(batch_); }

    size_t add(const std::string &op, const StrPairs &path, const StrPairs &query,
               const std::optional<py::bytes> &body,
               const std::optional<std::string> &idempotency_key,
               const std::optional<std::string> &access_token, const StrPairs &headers,
               std::optional<long> timeout_ms, std::optional<int> max_retries) {
        RequestPtr req = build_request(path, query, body, idempotency_key, access_token, headers,
                                       timeout_ms, max_retries);
        size_t index = 0;
        check(mp_batch_add(batch_, op.c_str(), req.get(), &index));
        return index;
    }

    size_t size() const { return mp_batch_size(batch_); }

    void run(Client &client, long max_in_flight) {
        mp_status st;
        bool closed = false;
        {
            py::gil_scoped_release nogil;
            std::shared_lock lock(client.mutex());
            if (!client.handle()) closed = true, st = MP_ERR_INVALID_ARGUMENT;
            else st = mp_client_run_batch(client.handle(), batch_, max_in_flight);
        }
        if (closed) throw py::value_error("the client is closed");
        check(st);
    }

    int status(size_t i) const { return static_cast<int>(mp_batch_status(batch_, i)); }

    // (response or None, error or None) for call i; the response moves out.
    py::tuple take(size_t i) {
        mp_status st = mp_batch_status(batch_, i);
        const mp_error *e = mp_batch_error(batch_, i);
        py::object err = py::none();
        mp_response *out = nullptr;
        check(mp_batch_take_response(batch_, i, &out));
        std::unique_ptr<Response> resp = out ? std::make_unique<Response>(out) : nullptr;
        if (st != MP_OK) {
            err = make_error(st, e, std::move(resp));
            return py::make_tuple(py::none(), err);
        }
        return py::make_tuple(resp ? py::cast(std::move(resp)) : py::none(), py::none());
    }

private:
    mp_batch *batch_ = nullptr;
};

} // namespace

void bind_pager_batch(py::module_ &m) {
    py::class_<Pager>(m, "Pager")
        .def(py::init([](py::object client, const std::string &op, const StrPairs &path,
                         const StrPairs &query, long page_size,
                         const std::optional<std::string> &access_token, const StrPairs &headers,
                         std::optional<long> timeout_ms, std::optional<int> max_retries) {
                 Client &c = client.cast<Client &>();
                 return std::make_unique<Pager>(c, client, op, path, query, page_size,
                                                access_token, headers, timeout_ms, max_retries);
             }),
             py::arg("client"), py::arg("operation"), py::arg("path") = StrPairs{},
             py::arg("query") = StrPairs{}, py::arg("page_size") = 0,
             py::arg("access_token") = py::none(), py::arg("headers") = StrPairs{},
             py::arg("timeout_ms") = py::none(), py::arg("max_retries") = py::none())
        .def("next_page", &Pager::next_page)
        .def("next_item", &Pager::next_item)
        .def_property_readonly("total", &Pager::total);

    py::class_<Batch>(m, "Batch")
        .def(py::init<>())
        .def("add", &Batch::add, py::arg("operation"), py::arg("path") = StrPairs{},
             py::arg("query") = StrPairs{}, py::arg("body") = py::none(),
             py::arg("idempotency_key") = py::none(), py::arg("access_token") = py::none(),
             py::arg("headers") = StrPairs{}, py::arg("timeout_ms") = py::none(),
             py::arg("max_retries") = py::none())
        .def("__len__", &Batch::size)
        .def("run", &Batch::run, py::arg("client"), py::arg("max_in_flight") = 0)
        .def("status", &Batch::status, py::arg("index"))
        .def("take", &Batch::take, py::arg("index"));
}

} // namespace mpn
