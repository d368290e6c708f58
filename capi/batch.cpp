// mp_batch: many calls in flight at once from one thread.
#include "handles.hpp"

using namespace mp::capi;

struct mp_batch {
    struct Item {
        const mp::Operation *op;
        mp::CallOptions options;
        mp_status status = MP_OK;
        bool has_error = false;
        mp_error error;
        std::unique_ptr<mp_response> response;
    };
    std::vector<Item> items;
};

extern "C" {

mp_status mp_batch_new(mp_batch **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = new mp_batch();
        return MP_OK;
    });
}

void mp_batch_free(mp_batch *batch) {
    delete batch;
}

mp_status mp_batch_add(mp_batch *batch, const char *operation, const mp_request *request,
                       size_t *index) {
    return guard([&] {
        MP_CHECK_ARG(batch != nullptr && operation != nullptr);
        const mp::Operation &op = find_operation_or_throw(operation);
        batch->items.push_back(
            {&op, request ? request->options : mp::CallOptions{}, MP_OK, false, {}, nullptr});
        if (index) *index = batch->items.size() - 1;
        return MP_OK;
    });
}

size_t mp_batch_size(const mp_batch *batch) {
    return batch ? batch->items.size() : 0;
}

mp_status mp_client_run_batch(mp_client *client, mp_batch *batch, long max_in_flight) {
    return guard([&] {
        MP_CHECK_ARG(client != nullptr && batch != nullptr && max_in_flight >= 0);
        // Calls with bad input fail alone, before anything is sent.
        std::vector<mp::PreparedCall> calls;
        std::vector<size_t> sent;
        for (size_t i = 0; i < batch->items.size(); ++i) {
            auto &item = batch->items[i];
            item.response.reset();
            item.has_error = false;
            item.status = MP_OK;
            try {
                calls.push_back(client->client->prepare(*item.op, item.options));
                sent.push_back(i);
            } catch (const mp::Error &e) {
                item.error.detail = e.detail();
                item.has_error = true;
                item.status = status_for(e.detail().kind);
            }
        }
        std::vector<mp::Client::Result> results =
            client->client->execute_many(calls, max_in_flight);
        for (size_t k = 0; k < sent.size(); ++k) {
            auto &item = batch->items[sent[k]];
            mp::Client::Result &r = results[k];
            if (r.response) {
                item.response = std::make_unique<mp_response>();
                item.response->response = std::move(*r.response);
                if (item.response->response.error) {
                    item.response->error.detail = *item.response->response.error;
                    item.error.detail = item.response->error.detail;
                    item.has_error = true;
                }
            } else if (r.error) {
                item.error.detail = std::move(*r.error);
                item.has_error = true;
            }
            if (item.has_error) item.status = status_for(item.error.detail.kind);
        }
        return MP_OK;
    });
}

mp_status mp_batch_status(const mp_batch *batch, size_t index) {
    if (!batch || index >= batch->items.size())
        return set_last_error(mp::ErrorKind::InvalidArgument,
                              "invalid argument: no such batch index");
    return batch->items[index].status;
}

const mp_error *mp_batch_error(const mp_batch *batch, size_t index) {
    if (!batch || index >= batch->items.size() || !batch->items[index].has_error) return nullptr;
    return &batch->items[index].error;
}

mp_status mp_batch_take_response(mp_batch *batch, size_t index, mp_response **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = nullptr;
        MP_CHECK_ARG(batch != nullptr && index < batch->items.size());
        *out = batch->items[index].response.release();
        return MP_OK;
    });
}

} // extern "C"
