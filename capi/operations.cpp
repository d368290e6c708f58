// Introspection of the operations table, and the library version.
#include "handles.hpp"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

const mp::Operation *operation_at(size_t index) {
    auto ops = mp::operations();
    return index < ops.size() ? &ops[index] : nullptr;
}

// The "{name}"s of each operation's path, NUL-terminated, found once.
const std::vector<std::vector<std::string>> &path_params() {
    static const std::vector<std::vector<std::string>> table = [] {
        std::vector<std::vector<std::string>> t;
        for (const mp::Operation &op : mp::operations()) {
            std::vector<std::string> names;
            for (size_t open = op.path.find('{'); open != std::string_view::npos;
                 open = op.path.find('{', open + 1))
                names.emplace_back(op.path.substr(open + 1, op.path.find('}', open) - open - 1));
            t.push_back(std::move(names));
        }
        return t;
    }();
    return table;
}

} // namespace

const mp::Operation &mp::capi::find_operation_or_throw(const char *name) {
    const mp::Operation *op = mp::find_operation(name);
    if (!op)
        throw mp::Error(mp::ErrorKind::InvalidArgument,
                        std::string("unknown operation '") + name + "'");
    return *op;
}

extern "C" {

const char *mp_version(void) {
    return MP_VERSION_STRING;
}
unsigned int mp_version_number(void) {
    return MP_VERSION_NUMBER;
}

mp_status mp_oauth_authorization_url(const char *client_id, const char *redirect_uri,
                                     const char *state, char **out) {
    return mp::capi::guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = nullptr;
        MP_CHECK_ARG(client_id != nullptr && redirect_uri != nullptr);
        std::string url = mp::oauth_authorization_url(client_id, redirect_uri, state ? state : "");
        char *copy = static_cast<char *>(std::malloc(url.size() + 1));
        if (!copy) return mp::capi::set_last_error(mp::ErrorKind::NoMemory, "out of memory");
        std::memcpy(copy, url.c_str(), url.size() + 1);
        *out = copy;
        return MP_OK;
    });
}

void mp_string_free(char *s) {
    std::free(s);
}

size_t mp_operation_count(void) {
    return mp::operations().size();
}

// The table's strings are literals, so their data() is NUL-terminated.
const char *mp_operation_name(size_t i) {
    return operation_at(i) ? operation_at(i)->name.data() : nullptr;
}
const char *mp_operation_method(size_t i) {
    return operation_at(i) ? mp::method_name(operation_at(i)->method).data() : nullptr;
}
const char *mp_operation_path(size_t i) {
    return operation_at(i) ? operation_at(i)->path.data() : nullptr;
}
size_t mp_operation_path_param_count(size_t i) {
    return i < path_params().size() ? path_params()[i].size() : 0;
}
const char *mp_operation_path_param(size_t i, size_t j) {
    if (i >= path_params().size() || j >= path_params()[i].size()) return nullptr;
    return path_params()[i][j].c_str();
}
int mp_operation_has_body(size_t i) {
    return operation_at(i) && operation_at(i)->has_body ? 1 : 0;
}
const char *mp_operation_paging(size_t i) {
    return operation_at(i) ? mp::paging_name(operation_at(i)->paging).data() : nullptr;
}

} // extern "C"
