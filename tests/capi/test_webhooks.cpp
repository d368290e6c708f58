// The webhook round trip: the sandbox signs and delivers notifications to a
// receiver on loopback, and mp_webhook_verify checks them, with rotation and
// the tolerance window. C++ only for the receiver (cpp-httplib); the client
// side is the C ABI.
#include "mercadopago.h"
#include "mp_sandbox.h"

#include <httplib.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Delivery {
    std::string data_id, type, request_id, signature, body;
};

// Receives notifications; answers 500 to the first `fail_first` of them.
class Receiver {
  public:
    explicit Receiver(int fail_first) : fail_first_(fail_first) {
        server_.Post("/hook", [this](const httplib::Request &req, httplib::Response &res) {
            std::lock_guard<std::mutex> lock(mutex_);
            deliveries_.push_back({req.get_param_value("data.id"), req.get_param_value("type"),
                                   req.get_header_value("x-request-id"),
                                   req.get_header_value("x-signature"), req.body});
            res.status = static_cast<int>(deliveries_.size()) <= fail_first_ ? 500 : 200;
            cv_.notify_all();
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~Receiver() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
    // Waits until n deliveries came (or 10 s passed) and returns them.
    std::vector<Delivery> wait_for(size_t n) {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait_for(lock, std::chrono::seconds(10), [&] { return deliveries_.size() >= n; });
        return deliveries_;
    }

  private:
    httplib::Server server_;
    int port_ = 0;
    int fail_first_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Delivery> deliveries_;
};

struct Fixture {
    mp_sandbox *sandbox = nullptr;
    mp_client *client = nullptr;
    Fixture() {
        mp_sandbox_options *options = nullptr;
        REQUIRE(mp_sandbox_options_new(&options) == MP_SANDBOX_OK);
        REQUIRE(mp_sandbox_options_set_tls(options, 1) == MP_SANDBOX_OK);
        REQUIRE(mp_sandbox_options_set_webhook_secret(options, "whsec-current") == MP_SANDBOX_OK);
        REQUIRE(mp_sandbox_start(options, &sandbox) == MP_SANDBOX_OK);
        mp_sandbox_options_free(options);
        mp_config *cfg = nullptr;
        mp_config_new(&cfg);
        mp_config_set_access_token(cfg, "TEST-webhook-token-1234567");
        mp_config_set_base_url(cfg, mp_sandbox_url(sandbox));
        const char *pem = mp_sandbox_ca_pem(sandbox);
        mp_config_set_ca_pem(cfg, pem, std::strlen(pem));
        REQUIRE(mp_client_new(cfg, &client) == MP_OK);
        mp_config_free(cfg);
    }
    ~Fixture() {
        mp_client_free(client);
        mp_sandbox_stop(sandbox);
    }
    // Calls op and returns the string (or integer, as text) at pointer.
    std::string call(const char *op, const std::string &body, const char *pointer) {
        mp_request *req = nullptr;
        mp_response *res = nullptr;
        mp_request_new(&req);
        if (!body.empty()) mp_request_set_body(req, body.data(), body.size());
        mp_status st = mp_client_call(client, op, req, &res);
        mp_request_free(req);
        INFO(mp_error_message(mp_error_last()));
        REQUIRE(st == MP_OK);
        std::string out;
        const char *s = nullptr;
        size_t len = 0;
        int64_t n = 0;
        if (mp_response_get_string(res, pointer, &s, &len) == MP_OK)
            out.assign(s, len);
        else if (mp_response_get_int64(res, pointer, &n) == MP_OK)
            out = std::to_string(n);
        mp_response_free(res);
        return out;
    }
};

mp_webhook_result verify(const Delivery &d, std::vector<const char *> secrets, long tolerance,
                         int64_t now) {
    mp_webhook_result r = MP_WEBHOOK_OK;
    mp_webhook_verify(d.signature.c_str(), d.request_id.c_str(), d.data_id.c_str(), secrets.data(),
                      secrets.size(), tolerance, now, &r);
    return r;
}

} // namespace

TEST_CASE("payments notify a loopback receiver with a signature that verifies") {
    Fixture f;
    Receiver receiver(1); // the first delivery fails: the sandbox must retry
    std::string token =
        f.call("card_tokens.create",
               R"({"card_number":"4509953566233704","expiration_month":11,)"
               R"("expiration_year":2030,"security_code":"123","cardholder":{"name":"APRO"}})",
               "/id");
    std::string id =
        f.call("payments.create",
               R"({"transaction_amount":10,"installments":1,"payment_method_id":"visa",)"
               R"("token":")" +
                   token +
                   R"(","payer":{"email":"a@b.com"},)"
                   R"("notification_url":")" +
                   receiver.url() + R"("})",
               "/id");
    REQUIRE_FALSE(id.empty());

    std::vector<Delivery> got = receiver.wait_for(2);
    REQUIRE(got.size() >= 2);
    for (const Delivery &d : got) {
        CHECK(d.data_id == id);
        CHECK(d.type == "payment");
        CHECK(d.request_id.size() == 36);
        CHECK(d.body.find("\"payment.created\"") != std::string::npos);
    }
    // The retry is re-signed: a new request id and so a new signature.
    CHECK(got[0].request_id != got[1].request_id);

    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    const Delivery &d = got[1];
    CHECK(verify(d, {"whsec-current"}, 0, 0) == MP_WEBHOOK_OK);
    // Rotation: the old and the new secret are both accepted meanwhile.
    CHECK(verify(d, {"whsec-previous", "whsec-current"}, 0, 0) == MP_WEBHOOK_OK);
    CHECK(verify(d, {"whsec-previous"}, 0, 0) == MP_WEBHOOK_MISMATCH);
    // Tampering with the id or the request id breaks it.
    Delivery forged = d;
    forged.data_id = "1";
    CHECK(verify(forged, {"whsec-current"}, 0, 0) == MP_WEBHOOK_MISMATCH);
    forged = d;
    forged.request_id = got[0].request_id;
    CHECK(verify(forged, {"whsec-current"}, 0, 0) == MP_WEBHOOK_MISMATCH);
    // The tolerance window: an hour later it is a replay; with the window off it passes.
    CHECK(verify(d, {"whsec-current"}, 0, now + 3600) == MP_WEBHOOK_OUT_OF_TOLERANCE);
    CHECK(verify(d, {"whsec-current"}, 4000, now + 3600) == MP_WEBHOOK_OK);
    CHECK(verify(d, {"whsec-current"}, -1, now + 3600) == MP_WEBHOOK_OK);

    // A state change notifies again (payment.updated).
    mp_request *req = nullptr;
    mp_response *res = nullptr;
    mp_request_new(&req);
    mp_request_set_path_param(req, "payment_id", id.c_str());
    REQUIRE(mp_client_call(f.client, "refunds.create", req, &res) == MP_OK);
    mp_response_free(res);
    mp_request_free(req);
    got = receiver.wait_for(3);
    REQUIRE(got.size() >= 3);
    CHECK(got.back().body.find("\"payment.updated\"") != std::string::npos);
    CHECK(verify(got.back(), {"whsec-current"}, 0, 0) == MP_WEBHOOK_OK);
}
