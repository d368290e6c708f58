// The in-memory store. One mutex guards everything in it: handlers lock `mutex` for their whole
// read-check-write sequence, so each request sees and leaves a consistent state.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog.hpp"
#include "util.hpp"

namespace mp::sandbox {

struct CardToken {
    std::string id;
    int64_t collector = 0; // 0: made with a public key that names no user; any collector may use it
    std::string public_key;
    const PaymentMethod *method = nullptr; // nullptr when no BIN pattern matched
    std::string first_six_digits;
    std::string last_four_digits;
    int expiration_month = 0;
    int expiration_year = 0;
    json cardholder;     // {name, identification{number, type}}
    std::string card_id; // set when made from a saved card
    std::string customer_id;
    int card_number_length = 0;
    int security_code_length = 0;
    bool live_mode = false;
    int64_t created_ms = 0;
    int64_t due_ms = 0;
    int64_t used_ms = 0; // 0 while unused: a token is single use

    json to_json() const;
};

// The attributes GET /v1/payments/search filters on: query parameter -> place in the resource.
const std::vector<std::pair<std::string, json::json_pointer>> &payment_search_fields();

// A payment is kept as the JSON text GET serves (a parsed document costs ~5x the memory); the
// rare changes parse it, edit and save it back. The search reads `search_values` (one per
// payment_search_fields() entry) and the epoch times.
struct Payment {
    int64_t id = 0;
    int64_t collector = 0;
    std::string text;
    std::vector<std::string> search_values;
    int64_t created_ms = 0;
    int64_t updated_ms = 0;
    int64_t approved_ms = 0;
    int64_t release_ms = 0;

    json doc() const { return json::parse(text); }
    // Sets date_last_updated, renders `text` and refreshes `search_values`.
    void save(json &doc, int64_t now);
};

struct Customer {
    int64_t collector = 0;
    json doc; // includes cards[] and default_card
};

// A family of resources kept as JSON documents (preferences, orders, stores, ...), with each
// collector's ids in creation order. Hold State::mutex.
struct StoredDoc {
    int64_t collector = 0;
    json doc;
};

struct Collection {
    std::unordered_map<std::string, StoredDoc> items;
    std::unordered_map<int64_t, std::vector<std::string>> order; // per collector
    int64_t next_number = 0; // for families with numeric ids (see State::next_number)

    // nullptr when absent or another collector's.
    json *find(int64_t collector, const std::string &id);
    json &insert(int64_t collector, const std::string &id, json doc);
    bool erase(int64_t collector, const std::string &id);
    // The collector's documents, oldest first.
    std::vector<json *> list(int64_t collector);
};

// The numeric id counters. Shared by the test and the production States (sandbox.hpp), so that
// no id is handed out twice across both: atomic, as each State has its own mutex.
struct IdCounters {
    IdCounters();
    std::atomic<int64_t> payment;
    std::atomic<int64_t> refund;
    std::atomic<int64_t> number;
};

class State {
  public:
    State();
    // A State that takes its ids from these counters (another State's ids()).
    explicit State(std::shared_ptr<IdCounters> ids);
    std::shared_ptr<IdCounters> ids() const { return ids_; }

    std::mutex mutex;

    std::unordered_map<std::string, CardToken> tokens;
    std::unordered_map<int64_t, Payment> payments;
    std::unordered_map<int64_t, std::vector<int64_t>> payments_by_collector; // creation order
    std::unordered_map<std::string, Customer> customers;
    std::unordered_map<int64_t, std::vector<std::string>> customers_by_collector;
    std::unordered_map<std::string, std::string> customer_by_email; // email_key() -> id
    std::unordered_map<std::string, std::string> card_owner;        // card id -> customer id
    // The document families of routes_<family>.cpp, by name ("preferences", "orders", ...).
    std::unordered_map<std::string, Collection> collections;

    // Lookups that hide other collectors' resources (nullptr for them). Hold `mutex`.
    Payment *find_payment(int64_t collector, int64_t id);
    Customer *find_customer(int64_t collector, const std::string &id);
    CardToken *find_token(int64_t collector, const std::string &id);

    // New identifiers. Hold `mutex`.
    int64_t new_payment_id();
    int64_t new_refund_id();
    std::string new_token_id();
    std::string new_customer_id(int64_t collector);
    std::string new_card_id();

    // A fresh numeric id for the document families that use numbers (distinct across them).
    int64_t next_number();

    // Forgets every resource; ids keep counting, so none is handed out twice. Hold `mutex`.
    void clear();

    static std::string email_key(int64_t collector, const std::string &email);

  private:
    std::shared_ptr<IdCounters> ids_;
};

} // namespace mp::sandbox
