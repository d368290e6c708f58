// The client's table of API operations (core/operations.inc), as the sandbox reads it: the one
// place where each operation's method and path template are written. The router takes them from
// here, so a handler is registered by the operation's name and never retypes its path.
#pragma once

#include <span>
#include <string_view>

namespace mp::sandbox {

struct TableOperation {
    std::string_view name;   // "payments.get"
    std::string_view method; // "GET"
    std::string_view path;   // "/v1/payments/{id}"
};

std::span<const TableOperation> table_operations();

// nullptr when the table has no operation of that name.
const TableOperation *find_table_operation(std::string_view name);

} // namespace mp::sandbox
