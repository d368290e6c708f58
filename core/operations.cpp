#include "operations.hpp"

#include <string>
#include <unordered_map>

namespace mp {
namespace {

constexpr bool BODY = true;
constexpr bool NO_BODY = false;

constexpr Operation kOperations[] = {
#define MP_OPERATION(name, method, path, body, paging, preset)                                     \
    {name, Method::method, path, body, Paging::paging, preset},
#include "operations.inc"
#undef MP_OPERATION
};

} // namespace

std::span<const Operation> operations() {
    return kOperations;
}

const Operation *find_operation(std::string_view name) {
    // Built once, read-only afterwards: safe to share between threads.
    static const std::unordered_map<std::string_view, const Operation *> index = [] {
        std::unordered_map<std::string_view, const Operation *> m;
        for (const Operation &op : kOperations)
            m.emplace(op.name, &op);
        return m;
    }();
    auto it = index.find(name);
    return it == index.end() ? nullptr : it->second;
}

std::string_view method_name(Method m) {
    switch (m) {
    case Method::GET:
        return "GET";
    case Method::POST:
        return "POST";
    case Method::PUT:
        return "PUT";
    case Method::PATCH:
        return "PATCH";
    case Method::DELETE:
        return "DELETE";
    }
    return "GET";
}

std::string_view paging_name(Paging p) {
    switch (p) {
    case Paging::NONE:
        return "none";
    case Paging::ARRAY:
        return "array";
    case Paging::RESULTS:
        return "results";
    case Paging::ELEMENTS:
        return "elements";
    case Paging::DATA:
        return "data";
    }
    return "none";
}

} // namespace mp
