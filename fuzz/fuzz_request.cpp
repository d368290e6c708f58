// fuzz_request: turning an operation and per-call options into a request:
// mp::normalize_base_url, mp::expand_path, mp::build_query, mp::url_encode
// and mp::Client::prepare (no connection is ever made).
//
// Input, one field per line:
//   0  operation name ("payments.create"); any other text picks the
//      operation (sum of its bytes) modulo the number of operations
//   1  option letters: b send the body, t the per-call access token (line 7),
//      k the idempotency key (line 6), n a negative timeout, l a LONG_MAX
//      timeout, r 11 retries, z no retries
//   2  a base URL for normalize_base_url, also a path template for expand_path
//   3  path parameter values, tab-separated, in the order of the template's
//      placeholders (more values than placeholders: the rest go as "extra")
//   4  query: '&'-separated name=value pairs
//   5  extra headers: tab-separated "Name: value"
//   6  idempotency key
//   7  access token
//   8- the request body (the rest of the input)
#include "common.hpp"

#include "client.hpp"
#include "json.hpp"
#include "operations.hpp"
#include "url.hpp"

#include <climits>
#include <string>
#include <strings.h>

namespace {

const mp::Client &client() {
    static const mp::Client c = [] {
        mp::Config config;
        config.base_url = "https://api.example.test";
        config.access_token = "TEST-fuzz-token-1234";
        return mp::Client(std::move(config));
    }();
    return c;
}

bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1; // url_encode writes uppercase hex only
}

bool plain_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            return false;
    return true;
}

void check_url_encode(std::string_view s) {
    std::string e = mp::url_encode(s);
    std::string decoded;
    for (size_t i = 0; i < e.size(); ++i) {
        if (unreserved(e[i])) {
            decoded.push_back(e[i]);
            continue;
        }
        FUZZ_CHECK(e[i] == '%' && i + 2 < e.size());
        int hi = hex_value(e[i + 1]), lo = hex_value(e[i + 2]);
        FUZZ_CHECK(hi >= 0 && lo >= 0);
        decoded.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    FUZZ_CHECK(decoded == s);
}

// The names of a template's "{name}" placeholders, in order (an unclosed
// one runs to the end of the template).
std::vector<std::string> placeholders(std::string_view templ) {
    std::vector<std::string> names;
    for (size_t open = templ.find('{'); open != std::string_view::npos;
         open = templ.find('{', open + 1)) {
        size_t close = templ.find('}', open);
        names.emplace_back(templ.substr(
            open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1));
        if (close == std::string_view::npos) break;
        open = close;
    }
    return names;
}

mp::Params path_params(std::string_view templ, std::string_view values_line) {
    std::vector<std::string> names = placeholders(templ);
    std::vector<std::string_view> values = fuzz::split(values_line, '\t');
    mp::Params params;
    for (size_t k = 0; k < values.size(); ++k)
        params.emplace_back(k < names.size() ? names[k] : "extra", std::string(values[k]));
    return params;
}

bool header_is(std::string_view header, std::string_view name) {
    return header.size() > name.size() && header[name.size()] == ':' &&
           strncasecmp(header.data(), name.data(), name.size()) == 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string_view in = fuzz::as_view(data, size);
    std::string_view op_name = fuzz::take(in), letters = fuzz::take(in), base = fuzz::take(in),
                     values = fuzz::take(in), query_line = fuzz::take(in),
                     headers_line = fuzz::take(in), key = fuzz::take(in), token = fuzz::take(in);
    std::string_view body = in;

    std::span<const mp::Operation> ops = mp::operations();
    const mp::Operation *op = mp::find_operation(op_name);
    if (!op) {
        size_t sum = 0;
        for (unsigned char c : op_name)
            sum += c;
        op = &ops[sum % ops.size()];
    }

    // The URL pieces on their own.
    for (std::string_view s : {op_name, base, values, query_line, key})
        check_url_encode(s);
    try {
        std::string url = mp::normalize_base_url(base);
        FUZZ_CHECK(url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0);
        FUZZ_CHECK(url.back() != '/');
        for (char c : url)
            FUZZ_CHECK(static_cast<unsigned char>(c) > 0x20 && c != 0x7F);
        FUZZ_CHECK(base.substr(0, url.size()) == url);
        FUZZ_CHECK(mp::normalize_base_url(url) == url);
    } catch (const mp::Error &) {
    }
    try {
        mp::expand_path(base, path_params(base, values)); // a template of any shape
    } catch (const mp::Error &) {
    }

    mp::CallOptions o;
    o.path_params = path_params(op->path, values);
    for (std::string_view pair : fuzz::split(query_line, '&')) {
        std::string_view k = fuzz::take(pair, '=');
        o.query.emplace_back(std::string(k), std::string(pair));
    }
    std::string query = mp::build_query(o.query);
    FUZZ_CHECK(o.query.empty() ? query.empty() : query[0] == '?');
    FUZZ_CHECK(fuzz::count_of(query, "=") == o.query.size() && plain_ascii(query));
    try {
        std::string path = mp::expand_path(op->path, o.path_params);
        FUZZ_CHECK(plain_ascii(path) && path.find_first_of("{}") == std::string::npos);
    } catch (const mp::Error &) {
    }

    for (std::string_view h : fuzz::split(headers_line, '\t')) {
        std::string_view name = fuzz::take(h, ':');
        if (!h.empty() && h.front() == ' ') h.remove_prefix(1);
        o.headers.emplace_back(std::string(name), std::string(h));
    }
    if (fuzz::contains(letters, "b")) {
        o.has_body = true;
        o.body = body;
    }
    if (fuzz::contains(letters, "t")) o.access_token = token;
    if (fuzz::contains(letters, "k")) o.idempotency_key = key;
    if (fuzz::contains(letters, "n")) o.timeout_ms = -1;
    if (fuzz::contains(letters, "l")) o.timeout_ms = LONG_MAX;
    if (fuzz::contains(letters, "r")) o.max_retries = 11;
    if (fuzz::contains(letters, "z")) o.max_retries = 0;

    try {
        mp::PreparedCall pc = client().prepare(*op, o);
        const mp::HttpRequest &req = pc.http;
        FUZZ_CHECK(pc.op == op);
        FUZZ_CHECK(req.url.rfind("https://api.example.test/", 0) == 0 && plain_ascii(req.url));
        FUZZ_CHECK(pc.token == (o.access_token.empty() ? "TEST-fuzz-token-1234" : o.access_token));
        FUZZ_CHECK(pc.timeout_ms > 0 && pc.max_retries >= 0 && pc.max_retries <= 10);
        size_t auth = 0, keys = 0;
        for (const std::string &h : req.headers) {
            // No header can smuggle another one (or a second request) in.
            FUZZ_CHECK(h.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos);
            auth += header_is(h, "Authorization");
            keys += header_is(h, "X-Idempotency-Key");
        }
        FUZZ_CHECK(auth == 1);
        FUZZ_CHECK(keys == (mp::is_write(op->method) ? 1u : 0u));
        FUZZ_CHECK(pc.idempotency_key.empty() == !mp::is_write(op->method));
        FUZZ_CHECK(req.has_body == !req.body.empty());
        if (!req.body.empty()) {
            // What is sent is a JSON object, preset members merged in.
            try {
                FUZZ_CHECK(mp::validate_json(req.body) == mp::JsonType::Object);
            } catch (const mp::Error &) {
                FUZZ_CHECK(!"the prepared body is not JSON");
            }
        }
    } catch (const mp::Error &) {
    }
    return 0;
}
