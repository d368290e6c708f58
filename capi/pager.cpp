// mp_pager: pages and items of a search, one at a time.
#include "handles.hpp"

#include "pager.hpp"

using namespace mp::capi;

struct mp_pager {
    std::unique_ptr<mp::Pager> pager;
    std::string item; // the item last handed out
};

extern "C" {

mp_status mp_pager_new(mp_client *client, const char *operation, const mp_request *request,
                       long page_size, mp_pager **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = nullptr;
        MP_CHECK_ARG(client != nullptr && operation != nullptr && page_size >= 0);
        const mp::Operation &op = find_operation_or_throw(operation);
        auto p = std::make_unique<mp_pager>();
        p->pager = std::make_unique<mp::Pager>(
            *client->client, op, request ? request->options : mp::CallOptions{},
            page_size == 0 && request ? request->page_size : page_size);
        *out = p.release();
        return MP_OK;
    });
}

void mp_pager_free(mp_pager *pager) {
    delete pager;
}

mp_status mp_pager_next_page(mp_pager *pager, mp_response **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = nullptr;
        MP_CHECK_ARG(pager != nullptr);
        std::optional<mp::Response> page = pager->pager->next_page();
        if (!page) return MP_ITER_OVER;
        auto res = std::make_unique<mp_response>();
        res->response = std::move(*page);
        *out = res.release();
        return MP_OK;
    });
}

mp_status mp_pager_next_item(mp_pager *pager, const char **json, size_t *len) {
    return guard([&] {
        MP_CHECK_ARG(pager != nullptr && json != nullptr);
        std::optional<std::string> item = pager->pager->next_item();
        if (!item) return MP_ITER_OVER;
        pager->item = std::move(*item);
        *json = pager->item.c_str();
        if (len) *len = pager->item.size();
        return MP_OK;
    });
}

int64_t mp_pager_total(const mp_pager *pager) {
    return pager ? pager->pager->total() : -1;
}

} // extern "C"
