// Helpers shared by the shop's pages. The card never passes through here:
// only the token MercadoPago.js returns and the payment's metadata are sent.
"use strict";

function loadProduct() {
  return fetch("/product.json").then(function (r) {
    if (!r.ok) throw new Error("product: HTTP " + r.status);
    return r.json();
  });
}

function formatPrice(product) {
  return product.currency + " " + product.price.toFixed(2);
}

// Sends the payment to the merchant server, which creates it with its access
// token, and opens the result screen. `payment` holds exactly what the server
// accepts: token, issuer_id, payment_method_id, transaction_amount,
// installments, payer {email, identification {type, number}}.
function payOnServer(payment) {
  return fetch("/process_payment", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payment),
  }).then(function (r) {
    return r.json().then(function (body) {
      if (!r.ok) throw new Error(body.error || "payment refused (HTTP " + r.status + ")");
      window.location.assign("/result?payment_id=" + encodeURIComponent(body.id));
      return body;
    });
  });
}

function showError(message) {
  var box = document.getElementById("checkout-error");
  box.textContent = message;
}
