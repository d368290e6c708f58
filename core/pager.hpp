// Walks any search or list operation page by page and item by item.
#pragma once

#include "client.hpp"

#include <cstdint>
#include <optional>
#include <unordered_set>
#include <string>
#include <vector>

namespace mp {

// What one page of a list answer holds: its items (the body itself when it is
// an array, else the array under "results", "elements" or "data", the one the
// operation names first) and paging.total (a number, or a string holding one;
// -1 when absent or not a non-negative integer). Throws Error(Json) for a body
// that is not JSON or has no list. Items are kept as minified JSON text only
// when keep_items; their fingerprints (a hash of "id", or of the text) always.
struct PageItems {
    size_t count = 0;
    int64_t total = -1;
    std::vector<std::string> items;
    std::vector<uint64_t> fingerprints;
};
PageItems read_page(Response &page, Paging paging, bool keep_items);

class Pager {
  public:
    // The caller's "offset" (default 0) is where it starts; its "limit", or
    // page_size when > 0, or 50, is the page size.
    Pager(Client &client, const Operation &op, CallOptions options, long page_size);

    // The next page's response, or nullopt after the last one. Throws Error on
    // a failed call (the response of an API error is in the error detail).
    std::optional<Response> next_page();

    // The next item as JSON text, or nullopt at the end.
    std::optional<std::string> next_item();

    // paging.total of the last page (a number, or a string holding one); -1
    // when the server did not say.
    int64_t total() const { return total_; }

  private:
    // One page; the items are copied out as text only for next_item (a
    // caller walking pages reads them from the page itself).
    std::optional<Response> fetch(bool keep_items);

    Client &client_;
    const Operation &op_;
    CallOptions options_;
    long offset_ = 0;
    long limit_ = 50;
    int64_t total_ = -1;
    bool done_ = false;
    std::vector<std::string> items_;
    size_t next_ = 0;
    // Every item handed out so far: a server that ignores offset (or pages
    // inconsistently) cannot make the pager repeat an item or loop forever.
    std::unordered_set<uint64_t> seen_;
};

} // namespace mp
