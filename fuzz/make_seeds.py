#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/corpus/ (run from anywhere; it rewrites
only the files it names, so inputs added by hand or saved from findings stay).

Each target's input format is described at the top of fuzz/<target>.cpp.
Inputs named regress-* reproduce a defect that was found (or fixed): they
must keep passing (scripts/fuzz.sh replays the whole corpus first)."""
import hashlib
import hmac
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
DEEP = 10000  # nesting levels of the deep inputs
HUGE = 70000  # characters of the huge keys and values (over 64 KiB)


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# --- fuzz_webhook -----------------------------------------------------------
# 3 control bytes: now (index into kNows), tolerance (index into kTolerances),
# flags (bit 0: the harness signs); then header, request id, data id, secrets.
# kNows:       0 -> 0, 1 -> 1, 2 -> -1, 3 -> -2, 4 -> 1704908010, 5 -> 1704908310,
#              6 -> 1704907709, 7 -> INT64_MAX, 8 -> INT64_MIN, ...
# kTolerances: 0 -> 0, 3 -> 300, 6 -> LONG_MAX, 7 -> LONG_MIN, ...
SECRET = "your-webhook-secret"
REQ = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e"
DATA_ID = "123456"


def v1(ts, secret=SECRET, data_id=DATA_ID, request_id=REQ):
    manifest = ""
    if data_id:
        manifest += f"id:{data_id};"
    if request_id:
        manifest += f"request-id:{request_id};"
    manifest += f"ts:{ts};"
    return hmac.new(secret.encode(), manifest.encode(), hashlib.sha256).hexdigest()


def webhook(now, tol, flags, header, request_id=REQ, data_id=DATA_ID, secrets=(SECRET,)):
    return bytes([now, tol, flags]) + "\n".join([header, request_id, data_id, *secrets]).encode()


TS = 1704908010
write("fuzz_webhook", "ok", webhook(4, 3, 0, f"ts={TS},v1={v1(TS)}"))
write("fuzz_webhook", "ok-spaces-and-case", webhook(4, 3, 0, f" TS = {TS} , V1 = {v1(TS)} "))
write("fuzz_webhook", "ok-rotation-second-secret",
      webhook(4, 3, 0, f"ts={TS},v1={v1(TS)}", secrets=("old-secret", SECRET)))
write("fuzz_webhook", "ok-two-hashes", webhook(4, 3, 0, f"ts={TS},v1={'0' * 64},v1={v1(TS)}"))
write("fuzz_webhook", "ok-no-request-id",
      webhook(4, 3, 0, f"ts={TS},v1={v1(TS, request_id='')}", request_id=""))
write("fuzz_webhook", "mismatch", webhook(4, 3, 0, f"ts={TS},v1={'0' * 64}"))
write("fuzz_webhook", "too-old", webhook(6, 3, 0, f"ts={TS},v1={v1(TS)}"))
write("fuzz_webhook", "edge-of-window", webhook(5, 3, 0, f"ts={TS},v1={v1(TS)}"))
write("fuzz_webhook", "window-off", webhook(7, 0, 0, f"ts={TS},v1={v1(TS)}"))
write("fuzz_webhook", "missing-ts", webhook(4, 3, 0, f"v1={v1(TS)}"))
write("fuzz_webhook", "missing-v1", webhook(4, 3, 0, f"ts={TS}"))
write("fuzz_webhook", "malformed", webhook(4, 3, 0, "ts=17049O8010,v1=abc,garbage"))
write("fuzz_webhook", "empty-header", webhook(4, 3, 0, ""))
write("fuzz_webhook", "signed-by-harness", webhook(4, 3, 1, str(TS)))
write("fuzz_webhook", "signed-by-harness-raw-now",
      bytes([0x80, 0x80, 1]) + struct.pack("<q", TS + 299) + struct.pack("<q", 300)
      + f"{TS}\n{REQ}\n{DATA_ID}\n{SECRET}".encode())
# Signed overflow in the tolerance check: now - ts out of int64.
write("fuzz_webhook", "regress-webhook-ts-int64-min",
      webhook(4, 3, 0, f"ts={INT64_MIN},v1={v1(INT64_MIN)}"))
write("fuzz_webhook", "regress-webhook-ts-int64-min-now-max",
      webhook(7, 6, 0, f"ts={INT64_MIN},v1={v1(INT64_MIN)}"))
write("fuzz_webhook", "regress-webhook-ts-int64-max-now-near-zero",
      webhook(3, 3, 0, f"ts={INT64_MAX},v1={v1(INT64_MAX)}"))
write("fuzz_webhook", "regress-webhook-ts-int64-max-now-zero",
      webhook(0, 3, 0, f"ts={INT64_MAX},v1={v1(INT64_MAX)}"))
write("fuzz_webhook", "regress-webhook-ts-int64-max-now-min",
      webhook(8, 3, 0, f"ts={INT64_MAX},v1={v1(INT64_MAX)}"))
write("fuzz_webhook", "regress-webhook-signed-ts-int64-min", webhook(4, 3, 1, str(INT64_MIN)))
write("fuzz_webhook", "regress-webhook-huge-header", webhook(4, 3, 0, "ts=1," * (HUGE // 5)))
write("fuzz_webhook", "regress-webhook-enum-out-of-range",
      struct.pack("<i", 0x7FFFFF07) + f"ts={TS},v1=x".encode())

# --- fuzz_response ----------------------------------------------------------
# A JSON pointer, '\n', the body (no '\n': the body, read at fixed pointers).
PAYMENT = ('{"id":1234567890,"status":"approved","status_detail":"accredited",'
           '"transaction_amount":100.5,"installments":1,"captured":true,'
           '"date_created":"2024-01-10T14:13:30.000-04:00","currency_id":"BRL",'
           '"payer":{"email":"test_user_123@testuser.com","identification":'
           '{"type":"CPF","number":"12345678909"}},'
           '"card":{"first_six_digits":"450995","last_four_digits":"3704",'
           '"cardholder":{"name":"APRO","identification":{"number":"12345678909"}}},'
           '"metadata":{"a/b":1,"m~n":2,"":3},"fee_details":[],"refunds":[{"id":1,"amount":10.0}],'
           '"point_of_interaction":null}')
SEARCH = '{"paging":{"total":2,"limit":50,"offset":0},"results":[{"id":1},{"id":2}]}'
write("fuzz_response", "payment-id", "/id\n" + PAYMENT)
write("fuzz_response", "payment-amount", "/transaction_amount\n" + PAYMENT)
write("fuzz_response", "payment-captured", "/captured\n" + PAYMENT)
write("fuzz_response", "payment-escaped-pointer", "/metadata/a~1b\n" + PAYMENT)
write("fuzz_response", "payment-refund", "/refunds/0/amount\n" + PAYMENT)
write("fuzz_response", "payment-fixed-pointers", PAYMENT)
write("fuzz_response", "search-total", "/paging/total\n" + SEARCH)
write("fuzz_response", "search-length", "/results\n" + SEARCH)
write("fuzz_response", "bad-pointer", "id~2/\n" + PAYMENT)
write("fuzz_response", "not-json", "/id\n<html><body>502 Bad Gateway</body></html>")
write("fuzz_response", "empty-body", "/id\n")
# Float-cast overflow: a double outside int64 read as int64.
write("fuzz_response", "regress-response-id-1e300", '/id\n{"id":1e300}')
write("fuzz_response", "regress-response-id-2pow63", '/id\n{"id":9223372036854775808}')
write("fuzz_response", "regress-response-id-minus-1e19", '/id\n{"id":-1e19}')
write("fuzz_response", "regress-response-total-1e300",
      '/paging/total\n{"paging":{"total":1e300},"results":[]}')
write("fuzz_response", "regress-response-total-int64-min",
      '/paging/total\n{"paging":{"total":-9223372036854775808},"results":[]}')
write("fuzz_response", "regress-response-deep-nesting", "/0/0/0\n" + "[" * DEEP + "]" * DEEP)
write("fuzz_response", "regress-response-huge-key",
      "/" + "k" * HUGE + '\n{"' + "k" * HUGE + '":1}')

# --- fuzz_page --------------------------------------------------------------
# Byte 0: paging in the low 4 bits (0 NONE, 1 ARRAY, 2 RESULTS, 3 ELEMENTS,
# 4 DATA), bit 4 keeps the items ('0'..'4' keep them); then the body.
write("fuzz_page", "search", "2" + SEARCH)
write("fuzz_page", "search-walk", "\x22" + SEARCH)
write("fuzz_page", "array", '1[{"id":1},{"id":"abc"},{"x":2},3,"s",null]')
write("fuzz_page", "elements", '3{"paging":{"total":"102","limit":2,"offset":100},'
      '"elements":[{"id":"a1"},{"id":"a2"}]}')
write("fuzz_page", "data", '4{"paging":{"total":1},"data":[{"id":7,"name":"x"}]}')
write("fuzz_page", "other-list", '2{"paging":{"total":1},"data":[{"id":7}]}')
write("fuzz_page", "no-list", '2{"paging":{"total":0}}')
write("fuzz_page", "not-json", "2<html>502</html>")
write("fuzz_page", "single-resource", "0" + PAYMENT)
write("fuzz_page", "regress-page-total-1e300", '2{"paging":{"total":1e300},"results":[]}')
write("fuzz_page", "regress-page-total-int64-min",
      '2{"paging":{"total":-9223372036854775808},"results":[]}')
write("fuzz_page", "regress-page-total-uint64-max",
      '2{"paging":{"total":18446744073709551615},"results":[]}')
write("fuzz_page", "regress-page-total-string-huge",
      '2{"paging":{"total":"99999999999999999999999"},"results":[]}')
write("fuzz_page", "regress-page-id-1e300", '2{"paging":{"total":1},"results":[{"id":1e300}]}')
write("fuzz_page", "regress-page-deep-nesting", "1" + "[" * DEEP + "]" * DEEP)
write("fuzz_page", "regress-page-deep-item", '2{"results":[' + "[" * 1000 + "]" * 1000 + "]}")
write("fuzz_page", "regress-page-huge-key", '2{"results":[{"' + "k" * HUGE + '":1}]}')

# --- fuzz_error -------------------------------------------------------------
# Byte 0: the status (index into kStatuses: 0 = 400, 2 = 403, 3 = 404,
# 7 = 429, 8 = 500; from 0x80 on, 4 raw bytes); the request id line; the body.
ENVELOPE = ('{"message":"Invalid card_number_validation","error":"bad_request","status":400,'
            '"cause":[{"code":4020,"description":"notification_url attribute must be url valid",'
            '"data":"2024-01-10T14:13:30.000-04:00;request-id:5f1c"}]}')
write("fuzz_error", "bad-request", b"\x00" + f"{REQ}\n{ENVELOPE}".encode())
write("fuzz_error", "not-found", b"\x03req-404\n" + b'{"message":"Payment not found","error":'
      b'"not_found","status":404,"cause":[{"code":2000,"description":"Payment not found"}]}')
write("fuzz_error", "cause-object", b"\x05\n" + b'{"message":"x","error":"validation_error",'
      b'"status":422,"cause":{"code":"E203","description":"invalid"}}')
write("fuzz_error", "cause-string-code", b"\x00r\n" + b'{"message":"m","cause":[{"code":"E301"}]}')
write("fuzz_error", "policy-agent", b"\x02rid\n" + b'{"code":"PA_UNAUTHORIZED_RESULT_FROM_POLICIES",'
      b'"blocked_by":"PolicyAgent","message":"At least one policy returned UNAUTHORIZED.",'
      b'"status":403}')
write("fuzz_error", "rate-limited", b"\x07\n" + b'{"message":"Too many requests","status":429}')
write("fuzz_error", "html", b"\x08\n<html><body><h1>502 Bad Gateway</h1></body></html>")
write("fuzz_error", "raw-status", b"\x80" + struct.pack("<i", -1) + b"r\n{}")
write("fuzz_error", "control-chars-in-request-id", b"\x00a\x1b[31mb\r\x00c\n{}")
write("fuzz_error", "regress-error-cause-code-1e300", b"\x00\n" + b'{"cause":[{"code":1e300}]}')
write("fuzz_error", "regress-error-deep-cause",
      b"\x00\n" + b'{"cause":' + b"[" * DEEP + b"]" * DEEP + b"}")
write("fuzz_error", "regress-error-huge-key", b"\x00\n" + b'{"' + b"k" * HUGE + b'":1,"cause":[]}')
write("fuzz_error", "regress-error-huge-message",
      b"\x00\n" + b'{"message":"' + b"m" * HUGE + b'","cause":[]}')

# --- fuzz_redact ------------------------------------------------------------
# With two or more '\n': secret 1, secret 2, then the text; else all text.
TOKEN = "APP_USR-FAKE-0000-not-a-real-token-0000"
PAYMENT_REQ = ('{"transaction_amount":100,"token":"ff8080814c11e237014c1ff593b57b4d",'
               '"payment_method_id":"visa","installments":1,'
               '"payer":{"email":"test@example.com","identification":{"type":"CPF","number":"19119119100"}},'
               '"card":{"card_number":"4509953566233704","security_code":"123",'
               '"expiration_month":11,"expiration_year":2030}}')
write("fuzz_redact", "payment-request", f"{TOKEN}\nTEST-fuzz-token-1234\n{PAYMENT_REQ}")
write("fuzz_redact", "payment-response", PAYMENT)
write("fuzz_redact", "log-line", f"{TOKEN}\n\n-> POST /v1/payments (payments.create, attempt 1, "
      f"idempotency key 0d5020ed-1af6-469c-ae06-c3bec19954bb) Authorization: Bearer {TOKEN}")
write("fuzz_redact", "free-text-words", "secret-token\n\nsecurity code 123, cvv: 456, "
      "CPF 123.456.789-09, expiration 11/2030, password=hunter2 secret-token")
write("fuzz_redact", "escaped-strings", '{"password":"a\\"b","card_number":"\\u0034509953566233704"}')
write("fuzz_redact", "oauth", '{"access_token":"APP_USR-1","refresh_token":"TG-1",'
      '"client_secret":"abc","code_verifier":"xyz"}')
# The redactor wrote through an empty stack (a key after the top container closed).
write("fuzz_redact", "regress-redact-key-after-close", '{"kkkk":1,}"vvvv"')
write("fuzz_redact", "regress-redact-brace-bracket", "{]")
write("fuzz_redact", "regress-redact-brace-bracket-key", '{]"kkkk":"vvvv"')
write("fuzz_redact", "regress-redact-closers", "]]]]}")
write("fuzz_redact", "regress-redact-deep-nesting", "[" * DEEP)
write("fuzz_redact", "regress-redact-deep-nesting-balanced", "[" * DEEP + "]" * DEEP)
write("fuzz_redact", "regress-redact-huge-key", '{"' + "k" * HUGE + '":"v"}')
write("fuzz_redact", "regress-redact-spaced-card", "paid with 4509 9535 6623 3704, thanks")
write("fuzz_redact", "regress-redact-dashed-card", "TEST-fuzz-token-1234\n\ncard 4509-9535-6623-3704 ok")
write("fuzz_redact", "regress-redact-spaced-card-json", '{"note":"card 4509 9535 6623 3704"}')
write("fuzz_redact", "regress-redact-card-number-as-number", '{"amount":4509953566233704}')
# A 13-19 digit run next to other digit groups was left as it was.
write("fuzz_redact", "regress-redact-card-run-after-group", "order 12 4509953566233704")
write("fuzz_redact", "regress-redact-card-run-before-group", "4509953566233704-02")
# Valid JSON that redact_json made invalid: a word's value ran over the
# backslash of an escaped quote, or a secret was a literal.
write("fuzz_redact", "regress-redact-escaped-quote-after-word", '{"a":"password=abc\\"x"}')
write("fuzz_redact", "regress-redact-secret-is-literal", "true\n\n[true]")
# A control character written back as an escape joined its hex digits to the
# digits after it: "\u0017254976783116" read as a 16-digit run.
write("fuzz_redact", "regress-redact-escape-joins-digits", '{"p_unber":"\\u0017254976783116?52"}')
# A secret inside the marker "[REDACTED]": each replacement made a new match (a hang).
write("fuzz_redact", "regress-redact-secret-inside-marker", "[RED\n\nsome [RED text")

# --- fuzz_request -----------------------------------------------------------
# Lines: operation, option letters, base URL / template, path values (tabs),
# query (&), headers (tabs), idempotency key, access token, body.
def request(op, letters="", base="https://api.example.test", values="", query="", headers="",
            key="", token="", body=""):
    return "\n".join([op, letters, base, values, query, headers, key, token, body])


write("fuzz_request", "payments-create", request(
    "payments.create", "b", "https://api.mercadopago.com/", headers="X-Meli-Session-Id: abc",
    body=PAYMENT_REQ))
write("fuzz_request", "payments-get", request("payments.get", "", "http://127.0.0.1:8080", "123"))
write("fuzz_request", "payments-search", request(
    "payments.search", "", "https://api.example.test",
    query="status=approved&offset=0&limit=50&sort=date_created&criteria=desc&external_reference=a b"))
write("fuzz_request", "payments-capture", request(
    "payments.capture", "bk", "http://localhost/", "123", key="my-key-1", body="{ }"))
write("fuzz_request", "refunds-get", request(
    "refunds.get", "tz", "https://[::1]:8443", "123\t456", token="APP_USR-123-per-call"))
write("fuzz_request", "customers-delete", request("customers.delete", "l", "https://x", "c-1"))
write("fuzz_request", "header-injection", request(
    "payments.get", "", "https://x", "1", headers="X-A: b\rInjected: c\tX-Idempotency-Key: k"))
write("fuzz_request", "reserved-header", request(
    "payments.create", "b", "", headers="Authorization: Bearer x", body="{}"))
write("fuzz_request", "bad-base-urls", request(
    "payments.get", "n", "http://api.mercadopago.com@evil.test/?q#f", "../../x"))
write("fuzz_request", "body-not-object", request("payments.create", "b", body="[1,2]"))
# A path template with an unclosed "{": expand_path never advanced (a hang).
write("fuzz_request", "regress-request-template-unclosed-brace",
      request("payments.get", "", "/v1/payments/{id", "1"))
write("fuzz_request", "regress-request-huge-path-param",
      request("payments.get", "", "https://x", "%" * HUGE))
write("fuzz_request", "regress-request-huge-header",
      request("payments.get", "", "https://x", "1", headers="X-Big: " + "v" * HUGE))


# --- fuzz_option ------------------------------------------------------------
# The option's name, a newline, its value text.
for name, (option, value) in {
    "timeout": ("timeout", "2.5"),
    "retry-delays": ("retry_delays", "0.5, 5, 30"),
    "retry-delays-short": ("retry_delays", "1,2"),
    "headers": ("headers", "X-Meli-Session-Id: abc"),
    "int-overflow": ("max_retries", "99999999999999999999"),
    "seconds-huge": ("timeout", "1e308"),
    "seconds-nan": ("timeout", "nan"),
    "bool": ("proxy_from_environment", "true"),
    "unknown": ("nope", "APP_USR-FAKE-1234567890"),
    "page-size-negative": ("page_size", "-5"),
    "token-with-space": ("access_token", "TEST bad 1234567890"),
    "value-of-message-words": ("timeout", "nds from 0 t"),
}.items():
    write("fuzz_option", name, option + "\n" + value)
