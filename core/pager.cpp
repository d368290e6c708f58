#include "pager.hpp"

#include <charconv>
#include <limits>

namespace mp {

namespace {

long to_long(std::string_view s, long fallback) {
    long v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size() && v >= 0 ? v : fallback;
}

// A count that some endpoints send as a string ("total": "102"); -1 for
// anything that is not a non-negative integer within int64 (1e300, -5, 2.5).
int64_t count_of(simdjson::dom::element e) {
    int64_t n;
    if (!e.get_int64().get(n)) return n >= 0 ? n : -1;
    double d;
    if (!e.get_double().get(d))
        return d >= 0 && d < 9.2e18 && d == static_cast<double>(static_cast<int64_t>(d))
                   ? static_cast<int64_t>(d)
                   : -1;
    std::string_view s;
    if (!e.get_string().get(s)) return to_long(s, -1);
    return -1;
}

// FNV-1a, 64 bits: fingerprints to tell items apart, not a defence.
uint64_t fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// An item is known by its "id" when it has one (cheap, and stable across
// pages), else by its whole text.
uint64_t fingerprint(simdjson::dom::element item, const std::string *text) {
    simdjson::dom::object obj;
    if (!item.get_object().get(obj)) {
        simdjson::dom::element id;
        if (!obj["id"].get(id)) {
            std::string_view s;
            int64_t n;
            if (!id.get_string().get(s)) return fnv1a(s, fnv1a("s"));
            if (!id.get_int64().get(n)) return fnv1a(std::to_string(n), fnv1a("n"));
        }
    }
    return fnv1a(text ? std::string_view(*text) : std::string_view(simdjson::minify(item)),
                 fnv1a("t"));
}

} // namespace

PageItems read_page(Response &page, Paging paging, bool keep_items) {
    PageItems out;
    simdjson::dom::element root = page.json();
    simdjson::dom::array arr;
    if (root.get_array().get(arr)) {
        simdjson::dom::object obj;
        if (root.get_object().get(obj))
            throw Error(ErrorKind::Json, "a search page is neither an array nor an object");
        // The named list first, then the other shapes the API uses.
        const char *names[] = {"results", "elements", "data"};
        if (paging == Paging::ELEMENTS) std::swap(names[0], names[1]);
        if (paging == Paging::DATA) std::swap(names[0], names[2]);
        bool found = false;
        for (const char *name : names)
            if (!obj[name].get_array().get(arr)) {
                found = true;
                break;
            }
        if (!found) throw Error(ErrorKind::Json, "a search page has no results, elements or data");
        simdjson::dom::element total;
        if (!obj.at_pointer("/paging/total").get(total)) out.total = count_of(total);
    }
    for (simdjson::dom::element item : arr) {
        if (keep_items) {
            out.items.push_back(simdjson::minify(item));
            out.fingerprints.push_back(fingerprint(item, &out.items.back()));
        } else {
            out.fingerprints.push_back(fingerprint(item, nullptr));
        }
        ++out.count;
    }
    return out;
}

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
    PageItems p = read_page(page, op_.paging, keep_items);
    if (p.total >= 0) total_ = p.total;

    // Only what this walk has not handed out yet counts as new.
    items_.clear();
    next_ = 0;
    size_t fresh = 0;
    for (size_t i = 0; i < p.count; ++i) {
        if (!seen_.insert(p.fingerprints[i]).second) continue;
        ++fresh;
        if (keep_items) items_.push_back(std::move(p.items[i]));
    }
    long count = static_cast<long>(std::min<size_t>(p.count, std::numeric_limits<long>::max()));
    if (op_.paging == Paging::ARRAY || op_.paging == Paging::NONE) {
        done_ = true;
    } else {
        offset_ = count > std::numeric_limits<long>::max() - offset_
                      ? std::numeric_limits<long>::max()
                      : offset_ + count;
        // Stop on an empty or short page, once the total is reached, or when
        // a page brings nothing new (a server that ignores offset).
        if (count == 0 || count < limit_ || (total_ >= 0 && offset_ >= total_) || fresh == 0)
            done_ = true;
    }
    if (fresh == 0 && p.count > 0) return std::nullopt; // nothing new: not a page of its own
    return page;
}

std::optional<std::string> Pager::next_item() {
    while (next_ >= items_.size()) {
        if (!fetch(true)) return std::nullopt;
    }
    return std::move(items_[next_++]);
}

} // namespace mp
