// The table of API operations (operations.inc) as C++ data, and lookups on it.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace mp {

enum class Method { GET, POST, PUT, PATCH, DELETE };
enum class Paging { NONE, ARRAY, RESULTS, ELEMENTS, DATA };

struct Operation {
    std::string_view name; // "payments.create"
    Method method;
    std::string_view path; // "/v1/payments/{id}"
    bool has_body;
    Paging paging;
    std::string_view preset; // members always sent, e.g. "\"capture\":true"
};

std::span<const Operation> operations();

// nullptr when there is no operation of that name.
const Operation *find_operation(std::string_view name);

std::string_view method_name(Method m);
std::string_view paging_name(Paging p);

// Writes carry an idempotency key; reads never do.
inline bool is_write(Method m) {
    return m != Method::GET;
}

} // namespace mp
