// fuzz_response: the typed reads of an answer's JSON body through the C ABI
// (mp_response_get_string/int64/double/bool/length and mp_response_exists),
// on a response built in memory (HTTP 200, the input's body).
//
// Input: a JSON pointer, '\n', the body. With no '\n' the whole input is the
// body, read at a few fixed pointers.
#include "common.hpp"

#include "handles.hpp"

#include <cmath>
#include <string>

namespace {

void read_all(mp_response *r, const char *pointer) {
    int exists = mp_response_exists(r, pointer);
    FUZZ_CHECK(exists == 0 || exists == 1);

    const char *s = nullptr;
    size_t len = 0;
    mp_status st = mp_response_get_string(r, pointer, &s, &len);
    if (st == MP_OK) {
        FUZZ_CHECK(exists == 1 && s != nullptr);
        FUZZ_CHECK(s[len] == '\0'); // documented: NUL-terminated (and ASan checks the bytes)
    }

    int64_t n = 0;
    mp_status st_int = mp_response_get_int64(r, pointer, &n);
    double d = 0;
    mp_status st_double = mp_response_get_double(r, pointer, &d);
    if (st_int == MP_OK) {
        FUZZ_CHECK(exists == 1 && st_double == MP_OK);
        // The same number: an int64 read is exact, the double its nearest value.
        FUZZ_CHECK(static_cast<double>(n) == d);
    }
    if (st_double == MP_OK) FUZZ_CHECK(exists == 1 && !std::isnan(d));

    int b = -1;
    if (mp_response_get_bool(r, pointer, &b) == MP_OK)
        FUZZ_CHECK(exists == 1 && (b == 0 || b == 1));

    size_t count = 0;
    if (mp_response_get_length(r, pointer, &count) == MP_OK) {
        FUZZ_CHECK(exists == 1);
        FUZZ_CHECK(count <= r->response.http.body.size());
    }
    mp_error_clear();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string_view in = fuzz::as_view(data, size);
    bool has_pointer = fuzz::contains(in, "\n");
    std::string pointer(has_pointer ? fuzz::take(in) : std::string_view());

    mp_response r;
    r.response.http.status = 200;
    r.response.http.body.assign(in);

    if (has_pointer) {
        // A C string ends at its first NUL.
        read_all(&r, pointer.c_str());
    } else if (!mp_response_exists(&r, "")) {
        read_all(&r, ""); // not JSON: every read fails alike (and throws inside), once is enough
    } else {
        for (const char *p : {"", "/id", "/paging/total", "/results/0/id", "/transaction_amount",
                              "/card/cardholder/identification/number", "/a~1b/~0", "/0", "/-"})
            read_all(&r, p);
    }
    // Body and headers accessors on the same response.
    size_t body_len = 0;
    const char *body = mp_response_body(&r, &body_len);
    FUZZ_CHECK(body != nullptr && body_len == in.size());
    FUZZ_CHECK(mp_response_http_status(&r) == 200);
    FUZZ_CHECK(mp_response_error(&r) == nullptr);
    return 0;
}
