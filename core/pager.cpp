#include "pager.hpp"

#include <charconv>

namespace mp {

namespace {

long to_long(std::string_view s, long fallback) {
    long v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size() && v >= 0 ? v : fallback;
}

// A number that some endpoints send as a string ("total": "102").
int64_t number_or_string(simdjson::dom::element e) {
    int64_t n;
    if (!e.get_int64().get(n)) return n;
    double d;
    if (!e.get_double().get(d)) return static_cast<int64_t>(d);
    std::string_view s;
    if (!e.get_string().get(s)) return to_long(s, -1);
    return -1;
}

} // namespace

Pager::Pager(Client &client, const Operation &op, CallOptions options, long page_size)
    : client_(client), op_(op), options_(std::move(options)) {
    Params rest;
    for (auto &[k, v] : options_.query) {
        if (k == "offset")
            offset_ = to_long(v, 0);
        else if (k == "limit")
            limit_ = to_long(v, limit_);
        else
            rest.emplace_back(k, v);
    }
    options_.query = std::move(rest);
    if (page_size > 0) limit_ = page_size;
    if (limit_ <= 0) limit_ = 50;
}

std::optional<Response> Pager::next_page() {
    return fetch(false);
}

std::optional<Response> Pager::fetch(bool keep_items) {
    if (done_) return std::nullopt;
    CallOptions o = options_;
    if (op_.paging != Paging::ARRAY) {
        o.query.emplace_back("offset", std::to_string(offset_));
        o.query.emplace_back("limit", std::to_string(limit_));
    }
    Response page = client_.call(op_, o);
    if (page.error) throw Error(*page.error);
    long count = static_cast<long>(load_items(page, keep_items));
    if (op_.paging == Paging::ARRAY || op_.paging == Paging::NONE) {
        done_ = true;
    } else {
        offset_ += count;
        // Stop on an empty or short page, or once the total is reached:
        // never ask twice for the same offset, so no item repeats.
        if (count == 0 || count < limit_ || (total_ >= 0 && offset_ >= total_)) done_ = true;
    }
    return page;
}

size_t Pager::load_items(Response &page, bool keep_items) {
    items_.clear();
    next_ = 0;
    simdjson::dom::element root = page.json();
    simdjson::dom::array arr;
    if (root.get_array().get(arr)) {
        simdjson::dom::object obj;
        if (root.get_object().get(obj))
            throw Error(ErrorKind::Json, "a search page is neither an array nor an object");
        // The named list first, then the other shapes the API uses.
        const char *names[] = {"results", "elements", "data"};
        if (op_.paging == Paging::ELEMENTS) std::swap(names[0], names[1]);
        if (op_.paging == Paging::DATA) std::swap(names[0], names[2]);
        bool found = false;
        for (const char *name : names)
            if (!obj[name].get_array().get(arr)) {
                found = true;
                break;
            }
        if (!found) throw Error(ErrorKind::Json, "a search page has no results, elements or data");
        simdjson::dom::element total;
        if (!obj.at_pointer("/paging/total").get(total)) total_ = number_or_string(total);
    }
    size_t count = 0;
    for (simdjson::dom::element item : arr) {
        if (keep_items) items_.push_back(simdjson::minify(item));
        ++count;
    }
    return count;
}

std::optional<std::string> Pager::next_item() {
    while (next_ >= items_.size()) {
        if (!fetch(true)) return std::nullopt;
    }
    return std::move(items_[next_++]);
}

} // namespace mp
