#include "operations.hpp"

namespace mp::sandbox {

namespace {

// Only the name, method and path columns matter here; the others are the client's business.
// The path is relative to this file so that the sandbox also builds on its own (cmake -S sandbox).
constexpr TableOperation kTable[] = {
#define MP_OPERATION(name, method, path, body, paging, preset) {name, #method, path},
#include "../../core/operations.inc"
#undef MP_OPERATION
};

} // namespace

std::span<const TableOperation> table_operations() {
    return kTable;
}

const TableOperation *find_table_operation(std::string_view name) {
    for (const TableOperation &op : kTable)
        if (op.name == name) return &op;
    return nullptr;
}

} // namespace mp::sandbox
