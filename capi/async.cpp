// Asynchronous calls and connection warm-up: mp_client_call_async,
// mp_client_cancel, mp_client_warm.
#include "handles.hpp"

using namespace mp::capi;

extern "C" {

mp_status mp_client_call_async(mp_client *client, const char *operation, const mp_request *request,
                               mp_call_done_fn done, void *userdata, uint64_t *call_id) {
    return guard([&] {
        if (call_id) *call_id = 0;
        MP_CHECK_ARG(client != nullptr && operation != nullptr && done != nullptr);
        const mp::Operation &op = find_operation_or_throw(operation);
        static const mp::CallOptions no_options;
        uint64_t id =
            client->client->call_async(op, request ? request->options : no_options,
                                       [done, userdata](uint64_t id, mp::Client::Result result) {
                                           mp_response *response = nullptr;
                                           mp_error failure;
                                           const mp_error *error = nullptr;
                                           mp_status status = MP_OK;
                                           try {
                                               if (result.response) {
                                                   auto res = std::make_unique<mp_response>();
                                                   res->response = std::move(*result.response);
                                                   if (res->response.error) {
                                                       res->error.detail = *res->response.error;
                                                       error = &res->error;
                                                       status = status_for(res->error.detail.kind);
                                                   }
                                                   response = res.release();
                                               } else {
                                                   failure.detail = std::move(*result.error);
                                                   error = &failure;
                                                   status = status_for(failure.detail.kind);
                                               }
                                           } catch (const std::bad_alloc &) {
                                               response = nullptr;
                                               failure.detail = mp::ErrorDetail{};
                                               failure.detail.kind = mp::ErrorKind::NoMemory;
                                               failure.detail.message = "out of memory";
                                               error = &failure;
                                               status = MP_ERR_NO_MEMORY;
                                           }
                                           done(userdata, id, status, response, error);
                                       });
        if (call_id) *call_id = id;
        return MP_OK;
    });
}

mp_status mp_client_cancel(mp_client *client, uint64_t call_id) {
    return guard([&] {
        MP_CHECK_ARG(client != nullptr);
        client->client->cancel(call_id);
        return MP_OK;
    });
}

mp_status mp_client_warm(mp_client *client, long connections, int what, long *answered) {
    return guard([&] {
        if (answered) *answered = 0;
        MP_CHECK_ARG(client != nullptr && connections >= 1 && connections <= 64);
        MP_CHECK_ARG(what != 0 && (what & ~(MP_WARM_BLOCKING | MP_WARM_ASYNC)) == 0);
        int n = client->client->warm(static_cast<int>(connections), what & MP_WARM_BLOCKING,
                                     what & MP_WARM_ASYNC);
        if (answered) *answered = n;
        return MP_OK;
    });
}

} // extern "C"
