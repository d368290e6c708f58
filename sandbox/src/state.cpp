#include "state.hpp"

#include <algorithm>

namespace mp::sandbox {

json CardToken::to_json() const {
    return {{"id", id},
            {"public_key", public_key.empty() ? json(nullptr) : json(public_key)},
            {"card_id", card_id.empty() ? json(nullptr) : json(card_id)},
            {"luhn_validation", true},
            {"status", "active"},
            {"date_used", used_ms ? json(format_date(used_ms)) : json(nullptr)},
            {"card_number_length", card_number_length},
            {"date_created", format_date(created_ms)},
            {"first_six_digits", first_six_digits},
            {"last_four_digits", last_four_digits},
            {"security_code_length", security_code_length},
            {"expiration_month", expiration_month},
            {"expiration_year", expiration_year},
            {"date_last_updated", format_date(used_ms ? used_ms : created_ms)},
            {"date_due", format_date(due_ms)},
            {"live_mode", live_mode},
            {"cardholder", cardholder},
            {"require_esc", false}};
}

const std::vector<std::pair<std::string, json::json_pointer>> &payment_search_fields() {
    static const std::vector<std::pair<std::string, json::json_pointer>> fields = {
        {"id", json::json_pointer("/id")},
        {"status", json::json_pointer("/status")},
        {"status_detail", json::json_pointer("/status_detail")},
        {"external_reference", json::json_pointer("/external_reference")},
        {"payment_method_id", json::json_pointer("/payment_method_id")},
        {"payment_type_id", json::json_pointer("/payment_type_id")},
        {"operation_type", json::json_pointer("/operation_type")},
        {"currency_id", json::json_pointer("/currency_id")},
        {"description", json::json_pointer("/description")},
        {"issuer_id", json::json_pointer("/issuer_id")},
        {"live_mode", json::json_pointer("/live_mode")},
        {"captured", json::json_pointer("/captured")},
        {"payer.id", json::json_pointer("/payer/id")},
        {"payer.email", json::json_pointer("/payer/email")},
        {"payer.type", json::json_pointer("/payer/type")},
        {"collector.id", json::json_pointer("/collector_id")},
        {"collector_id", json::json_pointer("/collector_id")},
        {"pos_id", json::json_pointer("/pos_id")},
        {"store_id", json::json_pointer("/store_id")},
    };
    return fields;
}

void Payment::save(json &doc, int64_t now) {
    updated_ms = now;
    doc["date_last_updated"] = format_date(now);
    text = to_text(doc);
    const auto &fields = payment_search_fields();
    search_values.resize(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
        const json *value = doc.contains(fields[i].second) ? &doc.at(fields[i].second) : nullptr;
        search_values[i] = !value || value->is_null() ? std::string()
                           : value->is_string()       ? value->get<std::string>()
                                                      : value->dump();
    }
}

IdCounters::IdCounters()
    // Payment ids are int64 beyond 2^32 like the real ones; a random start keeps two sandboxes
    // from handing out the same ids.
    : payment(100'000'000'000LL + static_cast<int64_t>(random_u64() % 10'000'000'000ULL)),
      refund(2'000'000'000LL + static_cast<int64_t>(random_u64() % 1'000'000'000ULL)),
      number(10'000'000'000LL + static_cast<int64_t>(random_u64() % 1'000'000'000ULL)) {}

State::State() : ids_(std::make_shared<IdCounters>()) {}

State::State(std::shared_ptr<IdCounters> ids) : ids_(std::move(ids)) {}

void State::clear() {
    tokens.clear();
    payments.clear();
    payments_by_collector.clear();
    customers.clear();
    customers_by_collector.clear();
    customer_by_email.clear();
    card_owner.clear();
    collections.clear();
}

int64_t State::next_number() {
    return ids_->number++;
}

json *Collection::find(int64_t collector, const std::string &id) {
    auto it = items.find(id);
    return it != items.end() && it->second.collector == collector ? &it->second.doc : nullptr;
}

json &Collection::insert(int64_t collector, const std::string &id, json doc) {
    auto [it, fresh] = items.insert_or_assign(id, StoredDoc{collector, std::move(doc)});
    if (fresh) order[collector].push_back(id);
    return it->second.doc;
}

bool Collection::erase(int64_t collector, const std::string &id) {
    if (!find(collector, id)) return false;
    items.erase(id);
    auto &ids = order[collector];
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
    return true;
}

std::vector<json *> Collection::list(int64_t collector) {
    std::vector<json *> out;
    auto it = order.find(collector);
    if (it == order.end()) return out;
    out.reserve(it->second.size());
    for (const auto &id : it->second)
        out.push_back(&items.at(id).doc);
    return out;
}

Payment *State::find_payment(int64_t collector, int64_t id) {
    auto it = payments.find(id);
    return it != payments.end() && it->second.collector == collector ? &it->second : nullptr;
}

Customer *State::find_customer(int64_t collector, const std::string &id) {
    auto it = customers.find(id);
    return it != customers.end() && it->second.collector == collector ? &it->second : nullptr;
}

CardToken *State::find_token(int64_t collector, const std::string &id) {
    auto it = tokens.find(id);
    if (it == tokens.end()) return nullptr;
    int64_t owner = it->second.collector;
    return owner == 0 || owner == collector ? &it->second : nullptr;
}

int64_t State::new_payment_id() {
    return ids_->payment++;
}
int64_t State::new_refund_id() {
    return ids_->refund++;
}

std::string State::new_token_id() {
    std::string id;
    do
        id = random_hex(32);
    while (tokens.count(id));
    return id;
}

std::string State::new_customer_id(int64_t collector) {
    std::string id;
    do
        id = std::to_string(collector) + "-" + random_alnum(14);
    while (customers.count(id));
    return id;
}

std::string State::new_card_id() {
    std::string id;
    do
        id = random_digits(13);
    while (card_owner.count(id));
    return id;
}

std::string State::email_key(int64_t collector, const std::string &email) {
    return std::to_string(collector) + "\n" + to_lower(email);
}

} // namespace mp::sandbox
