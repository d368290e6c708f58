/*
 * mp-sandbox's MercadoPago.js: a test double of the Mercado Pago API's browser SDK (the public
 * surface of MercadoPago.js v2: the MercadoPago constructor, its core methods, Secure Fields,
 * cardForm and the Card Payment and Status Screen Bricks), written from scratch for the
 * libmercadopago sandbox. Not affiliated with or endorsed by Mercado Pago. It talks only to the
 * sandbox that served it (no option can point it elsewhere), so it can never collect real cards.
 * Differences from the real script: sandbox/README.md, "The browser side".
 */
(function () {
  "use strict";

  // The sandbox writes its origin here when it serves the script; without it, the script's own.
  const BAKED_ORIGIN = "__MP_SANDBOX_ORIGIN__";
  const ORIGIN = BAKED_ORIGIN.startsWith("http")
    ? BAKED_ORIGIN
    : new URL(document.currentScript ? document.currentScript.src : location.href).origin;
  const JS_VERSION = "2.0.0";
  const FIELD_TYPES = ["cardNumber", "securityCode", "expirationDate", "expirationMonth",
    "expirationYear"];
  const FIELD_TITLES = {
    cardNumber: "Card number", securityCode: "Security code", expirationDate: "Expiration date",
    expirationMonth: "Expiration month", expirationYear: "Expiration year",
  };

  if (window.MercadoPago) return; // loaded twice: the first one stays

  // Random ids: a Secure Fields group's frames share a channel named after theirs.
  const uid = (prefix) => prefix + "-" + Array.from(crypto.getRandomValues(new Uint8Array(12)),
    (b) => b.toString(16).padStart(2, "0")).join("");

  // An error as the script reports it: the API's envelope when there is one, else ours.
  function sdkError(message, cause) {
    const error = new Error(message);
    error.cause = cause ? [{ code: cause, description: message }] : [];
    return error;
  }

  // The API's causes as cardForm and Bricks hand them to callbacks: [{code, message}].
  function causesOf(error) {
    if (error && Array.isArray(error.cause) && error.cause.length)
      return error.cause.map((c) => ({ code: String(c.code), message: c.description || "" }));
    return [{ code: "E601", message: (error && error.message) || "an error occurred" }];
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP: the public-key routes of the sandbox, with the parameters the real script adds.
  class Api {
    constructor(publicKey, locale) {
      this.publicKey = publicKey;
      this.locale = locale;
    }

    url(path, params) {
      const url = new URL(path, ORIGIN);
      url.searchParams.set("public_key", this.publicKey);
      if (this.locale) url.searchParams.set("locale", this.locale);
      url.searchParams.set("js_version", JS_VERSION);
      url.searchParams.set("referer", location.origin);
      for (const [name, value] of Object.entries(params || {}))
        if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
      return url.toString();
    }

    async request(method, path, params, body) {
      const init = { method, mode: "cors", credentials: "omit", cache: "no-store" };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = { "Content-Type": "application/json" };
      }
      let response;
      try {
        response = await fetch(this.url(path, params), init);
      } catch (e) {
        throw sdkError("could not reach the Mercado Pago API (mp-sandbox at " + ORIGIN + ")", "E501");
      }
      const text = await response.text();
      let data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch (e) {
        data = null;
      }
      if (!response.ok) {
        // The API's envelope {message, error, status, cause[]}, as the promise's rejection.
        const error = new Error((data && data.message) || "request failed: " + response.status);
        Object.assign(error, data || { status: response.status, cause: [] });
        throw error;
      }
      return data;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Secure Fields: each field is an iframe on the sandbox's origin named as the real ones; the
  // card data stays in them. One group per MercadoPago instance: the group's frames talk to each
  // other (same origin) and one of them sends the card token request.
  class Field {
    constructor(group, type, options) {
      this.group = group;
      this.type = type;
      this.options = options || {};
      this.handlers = {};
      this.iframe = null;
      this.ready = false;
      this.queue = [];
    }

    mount(containerId) {
      const container = document.getElementById(containerId);
      if (!container) throw sdkError("container not found: " + containerId, "container_not_found");
      if (this.iframe) this.unmount();
      const config = {
        group: this.group.id, type: this.type, parentOrigin: location.origin,
        publicKey: this.group.api.publicKey, locale: this.group.api.locale || "",
        placeholder: this.options.placeholder || "", style: this.options.style || {},
        mode: this.options.mode || "", srLabel: this.options.srLabel || FIELD_TITLES[this.type],
        enableLuhnValidation: this.options.enableLuhnValidation !== false,
      };
      const iframe = document.createElement("iframe");
      iframe.name = this.type;
      iframe.title = this.options.srLabel || FIELD_TITLES[this.type];
      iframe.setAttribute("frameborder", "0");
      iframe.setAttribute("allowtransparency", "true");
      iframe.style.cssText = "display:block;width:100%;height:100%;min-height:1.6em;border:0;";
      iframe.src = ORIGIN + "/secure-fields/" + this.type + "#" +
        encodeURIComponent(JSON.stringify(config));
      this.ready = false;
      this.iframe = iframe;
      this.group.register(this);
      container.appendChild(iframe);
      return this;
    }

    unmount() {
      if (this.iframe) this.iframe.remove();
      this.iframe = null;
      this.ready = false;
      this.group.unregister(this);
      return this;
    }

    on(event, callback) {
      (this.handlers[event] = this.handlers[event] || []).push(callback);
      return this;
    }

    update(properties) {
      this.post({ op: "update", properties: properties || {} });
      return this;
    }

    focus() { this.post({ op: "focus" }); }
    blur() { this.post({ op: "blur" }); }

    post(message) {
      if (!this.iframe) return;
      if (!this.ready) {
        this.queue.push(message);
        return;
      }
      this.iframe.contentWindow.postMessage(message, ORIGIN);
    }

    emit(event, data) {
      if (event === "ready") {
        this.ready = true;
        const pending = this.queue.splice(0);
        for (const message of pending) this.post(message);
      }
      for (const callback of this.handlers[event] || []) callback(data);
    }
  }

  class Fields {
    constructor(api) {
      this.api = api;
      this.id = uid("sf");
      this.fields = [];
      this.pending = new Map(); // request id -> {resolve, reject}
      window.addEventListener("message", (event) => this.receive(event));
    }

    create(type, options) {
      if (!FIELD_TYPES.includes(type))
        throw sdkError("invalid field type: " + type + " (one of " + FIELD_TYPES.join(", ") + ")",
          "invalid_type");
      const mounted = this.fields.map((f) => f.type);
      if ((type === "expirationDate" && mounted.some((t) => t.startsWith("expirationM") ||
        t === "expirationYear")) ||
        (type !== "expirationDate" && type.startsWith("expiration") &&
          mounted.includes("expirationDate")))
        throw sdkError("use expirationDate or expirationMonth and expirationYear, not both",
          "invalid_type");
      return new Field(this, type, options);
    }

    register(field) {
      if (!this.fields.includes(field)) this.fields.push(field);
    }

    unregister(field) {
      this.fields = this.fields.filter((f) => f !== field);
    }

    receive(event) {
      if (event.origin !== ORIGIN || !event.data || event.data.group !== this.id) return;
      const field = this.fields.find((f) => f.iframe && f.iframe.contentWindow === event.source);
      if (!field) return;
      const message = event.data;
      if (message.op === "event") {
        field.emit(message.event, message.data);
      } else if (message.op === "result") {
        const waiting = this.pending.get(message.requestId);
        if (!waiting) return;
        this.pending.delete(message.requestId);
        if (message.ok) {
          waiting.resolve(message.data);
        } else {
          const error = new Error(message.data.message || "card token request failed");
          Object.assign(error, message.data);
          waiting.reject(error);
        }
      }
    }

    // The frame that sends the request: the card number's when mounted, else any.
    request(op, data) {
      const sender = this.fields.find((f) => f.type === "cardNumber" && f.iframe) ||
        this.fields.find((f) => f.iframe);
      if (!sender)
        return Promise.reject(sdkError("no secure field is mounted", "fields_not_mounted"));
      const requestId = uid("req");
      return new Promise((resolve, reject) => {
        this.pending.set(requestId, { resolve, reject });
        sender.post({
          op, requestId, data, types: this.fields.filter((f) => f.iframe).map((f) => f.type),
        });
      });
    }

    createCardToken(data) {
      const d = data || {};
      return this.request("createCardToken", {
        cardholderName: d.cardholderName, identificationType: d.identificationType,
        identificationNumber: d.identificationNumber, cardId: d.cardId,
      });
    }

    updateCardToken(token) {
      const id = typeof token === "string" ? token : token && (token.id || token.token);
      return this.request("updateCardToken", { token: id });
    }

    focus(type) {
      const field = this.fields.find((f) => !type || f.type === type);
      if (field) field.focus();
    }

    blur(type) {
      for (const field of this.fields) if (!type || field.type === type) field.blur();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers shared by cardForm and the Card Payment Brick.
  const digits = (text) => String(text || "").replace(/\D/g, "");

  function fillSelect(select, options, placeholder) {
    if (!select) return;
    select.textContent = "";
    if (placeholder) {
      const first = new Option(placeholder, "");
      first.disabled = true;
      select.appendChild(first);
    }
    for (const [value, text] of options) select.appendChild(new Option(text, value));
    if (options.length) select.value = String(options[0][0]);
  }

  // Everything a card's BIN decides: its method, issuer and installments.
  async function lookUpBin(mp, bin, amount, processingMode) {
    const methods = await mp.getPaymentMethods({ bin, processingMode });
    const method = methods.results[0];
    if (!method) throw sdkError("no payment method for the provided bin",
      "no_payment_method_for_provided_bin");
    const issuers = await mp.getIssuers({ paymentMethodId: method.id, bin });
    const installments = await mp.getInstallments({
      amount: String(amount), bin, paymentTypeId: method.payment_type_id, processingMode,
    });
    return { method, issuers, installments };
  }

  // ---------------------------------------------------------------------------------------------
  // cardForm: binds the merchant's form (plain inputs, or containers for Secure Fields with
  // iframe: true), fills its selects, and makes the card token before calling onSubmit.
  class CardForm {
    constructor(mp, options) {
      if (!options || !options.form || !options.form.id)
        throw sdkError("cardForm needs form.id", "missing_form");
      if (options.amount === undefined || options.amount === null || options.amount === "")
        throw sdkError("cardForm needs amount", "missing_amount_property");
      if (!options.callbacks || typeof options.callbacks.onFormMounted !== "function")
        throw sdkError("cardForm needs callbacks.onFormMounted", "missing_required_callbacks");
      this.mp = mp;
      this.options = options;
      this.callbacks = options.callbacks;
      this.map = options.form;
      this.iframe = options.iframe === true;
      this.processingMode = options.processingMode || "aggregator";
      this.state = { bin: null, method: null, issuers: [], payerCosts: [], token: null };
      this.listeners = [];
      this.secure = {};
      if (options.autoMount !== false) this.mount();
    }

    el(key) {
      const entry = this.map[key];
      return entry && entry.id ? document.getElementById(entry.id) : null;
    }

    async fetching(resource, work) {
      const done = this.callbacks.onFetching ? this.callbacks.onFetching(resource) : null;
      try {
        return await work();
      } finally {
        if (typeof done === "function") done();
      }
    }

    listen(target, event, handler) {
      if (!target) return;
      target.addEventListener(event, handler);
      this.listeners.push(() => target.removeEventListener(event, handler));
    }

    mount() {
      const form = document.getElementById(this.map.id);
      if (!form) {
        this.callbacks.onFormMounted(sdkError("form not found: " + this.map.id, "form_not_found"));
        return this;
      }
      this.form = form;
      for (const key of ["cardholderName", "cardholderEmail", "identificationNumber"]) {
        const input = this.el(key);
        if (input && this.map[key].placeholder) input.placeholder = this.map[key].placeholder;
      }
      if (this.iframe) this.mountSecureFields();
      else this.bindPlainInputs();
      this.listen(form, "submit", (event) => this.onSubmit(event));
      this.fetching("identificationTypes", () => this.mp.getIdentificationTypes()).then(
        (types) => {
          fillSelect(this.el("identificationType"), types.map((t) => [t.id, t.name]),
            this.map.identificationType && this.map.identificationType.placeholder);
          this.call("onIdentificationTypesReceived", null, types);
        },
        (error) => this.call("onIdentificationTypesReceived", error));
      const issuer = this.el("issuer");
      if (issuer) fillSelect(issuer, [], this.map.issuer.placeholder);
      const installments = this.el("installments");
      if (installments) fillSelect(installments, [], this.map.installments.placeholder);
      this.callbacks.onFormMounted(undefined);
      this.call("onReady");
      return this;
    }

    call(name, ...args) {
      if (typeof this.callbacks[name] === "function") this.callbacks[name](...args);
    }

    mountSecureFields() {
      const types = ["cardNumber", "securityCode"];
      if (this.map.expirationDate) types.push("expirationDate");
      else types.push("expirationMonth", "expirationYear");
      this.fieldGroup = new Fields(this.mp.api);
      for (const type of types) {
        const spec = this.map[type];
        if (!spec || !spec.id) continue;
        const field = this.fieldGroup.create(type, {
          placeholder: spec.placeholder, style: spec.style, mode: spec.mode,
        });
        field.on("validityChange", (data) => {
          const errors = data && data.errorMessages && data.errorMessages.length
            ? data.errorMessages : undefined;
          this.call("onValidityChange", errors, type);
        });
        if (type === "cardNumber") field.on("binChange", (data) => this.binChanged(data.bin));
        field.mount(spec.id);
        this.secure[type] = field;
      }
    }

    bindPlainInputs() {
      const number = this.el("cardNumber");
      const spec = this.map.cardNumber || {};
      if (number && spec.placeholder) number.placeholder = spec.placeholder;
      this.listen(number, "input", () => {
        const d = digits(number.value);
        this.binChanged(d.length >= 8 ? d.slice(0, 8) : null);
      });
      for (const key of ["securityCode", "expirationDate", "expirationMonth", "expirationYear"]) {
        const input = this.el(key);
        if (input && this.map[key].placeholder) input.placeholder = this.map[key].placeholder;
      }
    }

    binChanged(bin) {
      if (bin === this.state.bin) return;
      this.state.bin = bin;
      this.call("onBinChange", bin);
      if (!bin) return;
      this.fetching("paymentMethods", () => lookUpBin(this.mp, bin, this.options.amount,
        this.processingMode)).then((found) => {
        if (this.state.bin !== bin) return; // the card changed meanwhile
        this.state.method = found.method;
        this.call("onPaymentMethodsReceived", null, [found.method]);
        const settings = found.method.settings && found.method.settings[0];
        if (settings && this.secure.securityCode)
          this.secure.securityCode.update({ settings: settings.security_code });
        if (settings && this.secure.cardNumber)
          this.secure.cardNumber.update({ settings: settings.card_number });
        this.state.issuers = found.issuers;
        fillSelect(this.el("issuer"), found.issuers.map((i) => [i.id, i.name]));
        this.call("onIssuersReceived", null, found.issuers);
        const entry = found.installments[0];
        this.state.payerCosts = entry ? entry.payer_costs : [];
        fillSelect(this.el("installments"),
          this.state.payerCosts.map((c) => [c.installments, c.recommended_message]));
        this.call("onInstallmentsReceived", null, entry);
      }, (error) => {
        this.call("onPaymentMethodsReceived", error);
        this.call("onError", causesOf(error));
      });
    }

    async createCardToken() {
      const holder = this.el("cardholderName");
      const type = this.el("identificationType");
      const number = this.el("identificationNumber");
      const data = {
        cardholderName: holder ? holder.value : undefined,
        identificationType: type ? type.value : undefined,
        identificationNumber: number ? number.value : undefined,
      };
      try {
        let token;
        if (this.iframe) {
          token = await this.fetching("cardToken", () => this.fieldGroup.createCardToken(data));
        } else {
          const value = (key) => (this.el(key) ? this.el(key).value : undefined);
          let month = value("expirationMonth");
          let year = value("expirationYear");
          const date = value("expirationDate");
          if (date) [month, year] = date.split("/").map((p) => p.trim());
          if (year && year.length === 2) year = "20" + year;
          token = await this.fetching("cardToken", () => this.mp.createCardToken(Object.assign({
            cardNumber: digits(value("cardNumber")), securityCode: value("securityCode"),
            cardExpirationMonth: month, cardExpirationYear: year,
          }, data)));
        }
        this.state.token = token.id;
        this.call("onCardTokenReceived", null, token);
        return { token: token.id };
      } catch (error) {
        const errors = causesOf(error);
        this.call("onCardTokenReceived", errors);
        throw error;
      }
    }

    onSubmit(event) {
      event.preventDefault();
      this.createCardToken().then(
        () => this.call("onSubmit", event),
        (error) => this.call("onError", causesOf(error), event));
    }

    getCardFormData() {
      const value = (key) => (this.el(key) ? this.el(key).value : "");
      const method = this.state.method;
      return {
        token: this.state.token || "",
        installments: value("installments"),
        paymentMethodId: method ? method.id : "",
        issuerId: value("issuer") || (method && method.issuer ? String(method.issuer.id) : ""),
        identificationType: value("identificationType"),
        identificationNumber: value("identificationNumber"),
        processingMode: this.processingMode,
        merchantAccountId: method && method.merchant_account_id ? method.merchant_account_id
          : undefined,
        amount: String(this.options.amount),
        cardholderEmail: value("cardholderEmail"),
      };
    }

    submit() {
      if (this.form) this.form.requestSubmit();
    }

    update(field, properties) {
      if (this.secure[field]) this.secure[field].update(properties);
      else if (this.el(field) && properties && properties.placeholder !== undefined)
        this.el(field).placeholder = properties.placeholder;
    }

    unmount() {
      for (const off of this.listeners.splice(0)) off();
      for (const field of Object.values(this.secure)) field.unmount();
      this.secure = {};
      this.call("onFormUnmounted");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bricks: a plain, unbranded form with the documented callbacks and formData.
  const BRICK_CSS = `
.mps-brick{font:15px/1.4 system-ui,sans-serif;max-width:28em;border:1px solid #bbb;
  border-radius:6px;padding:1em;background:#fff;color:#222}
.mps-brick .mps-note{font-size:12px;color:#666;margin:0 0 .8em}
.mps-brick .mps-row{margin:0 0 .7em}
.mps-brick label,.mps-brick .mps-label{display:block;font-size:13px;margin-bottom:.2em}
.mps-brick input,.mps-brick select,.mps-brick .mps-frame{box-sizing:border-box;width:100%;
  height:2.3em;border:1px solid #999;border-radius:4px;padding:0 .4em;background:#fff}
.mps-brick .mps-frame{padding:0}
.mps-brick .mps-pair{display:flex;gap:.6em}.mps-brick .mps-pair>div{flex:1}
.mps-brick button{width:100%;height:2.6em;border:0;border-radius:4px;background:#2d3277;
  color:#fff;font-size:15px}
.mps-brick button:disabled{opacity:.6}
.mps-brick .mps-error{color:#b00020;font-size:13px;min-height:1em}
.mps-status .mps-title{font-size:18px;font-weight:600;margin:0 0 .4em}`;

  function addBrickStyle() {
    if (document.getElementById("mps-brick-style")) return;
    const style = document.createElement("style");
    style.id = "mps-brick-style";
    style.textContent = BRICK_CSS;
    document.head.appendChild(style);
  }

  function brickError(type, cause, message) {
    return { type, cause, message };
  }

  class CardPaymentBrick {
    constructor(mp, container, settings) {
      this.mp = mp;
      this.container = container;
      this.settings = settings;
      this.callbacks = settings.callbacks;
      const init = settings.initialization || {};
      this.amount = Number(init.amount);
      this.payer = init.payer || {};
      const custom = settings.customization || {};
      this.visual = custom.visual || {};
      this.limits = custom.paymentMethods || {};
      this.state = { bin: null, method: null, issuer: null, payerCosts: [], token: null };
      this.group = new Fields(mp.api);
      this.fields = {};
      this.build();
    }

    node(html) {
      const template = document.createElement("template");
      template.innerHTML = html.trim();
      return template.content.firstChild;
    }

    build() {
      addBrickStyle();
      const id = uid("mps");
      this.ids = id;
      const form = this.node(`<form class="mps-brick" novalidate>
  ${this.visual.hideFormTitle ? "" : '<p class="mps-note">Card payment (mp-sandbox test double; not affiliated with Mercado Pago)</p>'}
  <div class="mps-row"><span class="mps-label" id="${id}-cn-l">Card number</span>
    <div class="mps-frame" id="${id}-cardNumber"></div></div>
  <div class="mps-row mps-pair">
    <div><span class="mps-label" id="${id}-ed-l">Expiration date</span>
      <div class="mps-frame" id="${id}-expirationDate"></div></div>
    <div><span class="mps-label" id="${id}-sc-l">Security code</span>
      <div class="mps-frame" id="${id}-securityCode"></div></div></div>
  <div class="mps-row"><label for="${id}-name">Cardholder name</label>
    <input id="${id}-name" name="cardholderName" autocomplete="cc-name"></div>
  <div class="mps-row"><label for="${id}-email">E-mail</label>
    <input id="${id}-email" name="cardholderEmail" type="email" autocomplete="email"></div>
  <div class="mps-row mps-pair">
    <div><label for="${id}-doctype">Document type</label>
      <select id="${id}-doctype" name="identificationType"></select></div>
    <div><label for="${id}-docnumber">Document number</label>
      <input id="${id}-docnumber" name="identificationNumber" inputmode="numeric"></div></div>
  <div class="mps-row"><label for="${id}-installments">Installments</label>
    <select id="${id}-installments" name="installments"></select></div>
  <p class="mps-error" role="alert" id="${id}-error"></p>
  ${this.visual.hidePaymentButton ? "" : '<button type="submit">Pay</button>'}
</form>`);
      this.form = form;
      this.container.textContent = "";
      this.container.appendChild(form);
      this.$ = (suffix) => document.getElementById(id + "-" + suffix);
      if (this.payer.email) this.$("email").value = this.payer.email;
      fillSelect(this.$("installments"), [], "Enter the card number");
      for (const type of ["cardNumber", "expirationDate", "securityCode"]) {
        const field = this.group.create(type, {
          placeholder: type === "expirationDate" ? "MM/YY" : "",
        });
        field.on("binChange", (data) => this.binChanged(data.bin));
        field.on("validityChange", () => this.showError(""));
        field.mount(id + "-" + type);
        this.fields[type] = field;
      }
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.pay();
      });
    }

    async start() {
      let readyCount = 0;
      const allReady = new Promise((resolve) => {
        for (const field of Object.values(this.fields))
          field.on("ready", () => { if (++readyCount === 3) resolve(); });
      });
      try {
        const types = await this.mp.getIdentificationTypes();
        fillSelect(this.$("doctype"), types.map((t) => [t.id, t.name]));
        const wanted = this.payer.identification || {};
        if (wanted.type) this.$("doctype").value = wanted.type;
        if (wanted.number) this.$("docnumber").value = wanted.number;
      } catch (error) {
        this.report(brickError("non_critical", "get_identification_types_failed",
          error.message));
      }
      await allReady;
      this.callbacks.onReady();
    }

    report(error) {
      this.callbacks.onError(error);
    }

    showError(text) {
      this.$("error").textContent = text;
    }

    allowed(method) {
      const types = this.limits.types || {};
      if (Array.isArray(types.included) && types.included.length &&
        !types.included.includes(method.payment_type_id)) return false;
      if (Array.isArray(types.excluded) && types.excluded.includes(method.payment_type_id))
        return false;
      return true;
    }

    binChanged(bin) {
      if (bin === this.state.bin) return;
      this.state.bin = bin;
      if (typeof this.callbacks.onBinChange === "function") this.callbacks.onBinChange(bin);
      if (!bin) {
        this.state.method = null;
        return;
      }
      lookUpBin(this.mp, bin, this.amount).then((found) => {
        if (this.state.bin !== bin) return;
        if (!this.allowed(found.method)) {
          this.state.method = null;
          this.showError("This card type is not accepted");
          this.report(brickError("non_critical", "no_payment_method_for_provided_bin",
            "the card's payment type is not accepted"));
          return;
        }
        this.state.method = found.method;
        this.state.issuer = found.issuers[0] || found.method.issuer || null;
        const settings = found.method.settings && found.method.settings[0];
        if (settings) this.fields.securityCode.update({ settings: settings.security_code });
        const entry = found.installments[0];
        const min = this.limits.minInstallments || 1;
        const max = this.limits.maxInstallments || Infinity;
        this.state.payerCosts = (entry ? entry.payer_costs : []).filter(
          (c) => c.installments >= min && c.installments <= max);
        fillSelect(this.$("installments"),
          this.state.payerCosts.map((c) => [c.installments, c.recommended_message]));
        this.showError("");
      }, (error) => {
        this.state.method = null;
        const cause = error.cause && error.cause[0] && error.cause[0].code ===
          "no_payment_method_for_provided_bin" ? "no_payment_method_for_provided_bin"
          : "get_payment_methods_failed";
        this.showError(cause === "no_payment_method_for_provided_bin"
          ? "Check the card number" : "Could not look the card up");
        this.report(brickError("non_critical", cause, error.message));
      });
    }

    // The token, then the documented formData and additionalData.
    async collect() {
      const name = this.$("name").value.trim();
      const email = this.$("email").value.trim();
      const docType = this.$("doctype").value;
      const docNumber = this.$("docnumber").value.trim();
      if (!this.state.method || !name || !email || (this.$("doctype").options.length &&
        !docNumber)) {
        this.showError("Complete every field");
        const error = brickError("non_critical", "incomplete_fields", "complete every field");
        this.report(error);
        throw error;
      }
      let token;
      try {
        token = await this.group.createCardToken({
          cardholderName: name, identificationType: docType || undefined,
          identificationNumber: docNumber || undefined,
        });
      } catch (e) {
        this.showError("Check the card details");
        const error = brickError("non_critical", "secure_fields_card_token_creation_failed",
          e.message);
        this.report(error);
        throw error;
      }
      const installments = Number(this.$("installments").value || 1);
      const cost = this.state.payerCosts.find((c) => c.installments === installments);
      this.state.token = token;
      const formData = {
        token: token.id,
        issuer_id: this.state.issuer && this.state.issuer.id !== null
          ? String(this.state.issuer.id) : "",
        payment_method_id: this.state.method.id,
        transaction_amount: this.amount,
        payment_method_option_id: cost ? cost.payment_method_option_id : null,
        processing_mode: null,
        installments,
        payer: { email, identification: { type: docType, number: docNumber } },
      };
      const additionalData = {
        bin: this.state.bin, lastFourDigits: token.last_four_digits, cardholderName: name,
        paymentTypeId: this.state.method.payment_type_id,
      };
      return { formData, additionalData };
    }

    async pay() {
      const button = this.form.querySelector("button");
      if (button) {
        button.disabled = true;
        button.textContent = "Processing…";
      }
      this.form.setAttribute("aria-busy", "true");
      try {
        const { formData, additionalData } = await this.collect();
        this.lastAdditionalData = additionalData;
        if (typeof this.callbacks.onSubmit === "function")
          await this.callbacks.onSubmit(formData, additionalData);
      } catch (e) {
        // Reported through onError (collect) or the merchant's own onSubmit rejection.
      } finally {
        this.form.removeAttribute("aria-busy");
        if (button) {
          button.disabled = false;
          button.textContent = "Pay";
        }
      }
    }

    controller() {
      return {
        unmount: () => {
          for (const field of Object.values(this.fields)) field.unmount();
          this.container.textContent = "";
        },
        getFormData: async () => (await this.collect()).formData,
        getAdditionalData: async () => this.lastAdditionalData ||
          (await this.collect()).additionalData,
        update: (data) => {
          const amount = Number(data && data.amount);
          if (!(amount > 0)) return false;
          this.amount = amount;
          const bin = this.state.bin;
          this.state.bin = null;
          if (bin) this.binChanged(bin);
          return true;
        },
      };
    }
  }

  // The Status Screen Brick: what its docs say it shows (the status and its detail, the date,
  // optionally the external reference, Pix's QR code, a link back). The real Brick reads the
  // payment through a closed endpoint with the public key; the sandbox's own
  // /bricks/status_screen/{id} answers those fields, and nothing about the payer.
  const STATUS_TITLES = {
    approved: "Payment approved", authorized: "Payment authorized",
    in_process: "Payment in process", pending: "Payment pending",
    rejected: "Payment rejected", cancelled: "Payment cancelled", refunded: "Payment refunded",
  };
  const DETAIL_TEXTS = {
    accredited: "Your payment was accredited.",
    pending_contingency: "We are processing the payment; you will know the result soon.",
    pending_review_manual: "The payment is under review.",
    pending_waiting_payment: "Waiting for the payment.",
    pending_waiting_transfer: "Waiting for the transfer.",
    cc_rejected_other_reason: "The card issuer did not approve the payment.",
    cc_rejected_insufficient_amount: "The card has insufficient funds.",
    cc_rejected_call_for_authorize: "Authorize the payment with the card issuer.",
    cc_rejected_bad_filled_security_code: "Check the card's security code.",
    cc_rejected_bad_filled_date: "Check the card's expiration date.",
    cc_rejected_bad_filled_other: "Check the card's details.",
  };

  class StatusScreenBrick {
    constructor(mp, container, settings) {
      this.mp = mp;
      this.container = container;
      this.settings = settings;
    }

    async start() {
      const init = this.settings.initialization;
      const payment = await this.mp.api.request("GET", "/bricks/status_screen/" +
        encodeURIComponent(String(init.paymentId)));
      addBrickStyle();
      const custom = this.settings.customization || {};
      const visual = custom.visual || {};
      const box = document.createElement("div");
      box.className = "mps-brick mps-status";
      box.setAttribute("role", "status");
      const line = (text, className) => {
        const p = document.createElement("p");
        if (className) p.className = className;
        p.textContent = text;
        box.appendChild(p);
        return p;
      };
      line(STATUS_TITLES[payment.status] || "Payment " + payment.status, "mps-title");
      if (!visual.hideStatusDetails)
        line(DETAIL_TEXTS[payment.status_detail] || payment.status_detail || "")
          .dataset.statusDetail = payment.status_detail || "";
      line("Payment " + payment.id + ": " + payment.transaction_amount + " " +
        (payment.currency_id || "") + (payment.last_four_digits
        ? ", card ending in " + payment.last_four_digits : ""));
      if (!visual.hideTransactionDate && payment.date_created)
        line(new Date(payment.date_created).toLocaleString(this.settings.locale || undefined));
      if (visual.showExternalReference && payment.external_reference)
        line("Reference: " + payment.external_reference);
      if (!visual.hidePixQrCode && payment.qr_code) line("Pix: " + payment.qr_code);
      const back = (custom.backUrls || {}).return;
      if (back && new URL(back, location.href).origin === location.origin) {
        const a = document.createElement("a");
        a.href = back;
        a.textContent = (visual.texts && visual.texts.ctaReturnLabel) || "Back to the shop";
        box.appendChild(a);
      }
      this.container.textContent = "";
      this.container.appendChild(box);
    }

    controller() {
      return { unmount: () => { this.container.textContent = ""; } };
    }
  }

  class BricksBuilder {
    constructor(mp) {
      this.mp = mp;
    }

    isInitialized() {
      return true;
    }

    async create(brick, containerId, settings) {
      const s = settings || {};
      const callbacks = s.callbacks || {};
      const fail = (cause, message) => {
        const error = brickError("critical", cause, message);
        if (typeof callbacks.onError === "function") callbacks.onError(error);
        return Promise.reject(error);
      };
      if (typeof callbacks.onReady !== "function" || typeof callbacks.onError !== "function")
        return fail("missing_required_callbacks", "onReady and onError are required");
      const container = document.getElementById(containerId);
      if (!container) return fail("container_not_found", "no element with id " + containerId);
      if (brick === "cardPayment") {
        const amount = s.initialization && Number(s.initialization.amount);
        if (!(amount > 0)) return fail("missing_amount_property", "initialization.amount is required");
        const instance = new CardPaymentBrick(this.mp, container, s);
        await instance.start();
        return instance.controller();
      }
      if (brick === "statusScreen") {
        if (!s.initialization || !s.initialization.paymentId)
          return fail("incorrect_initialization", "initialization.paymentId is required");
        const instance = new StatusScreenBrick(this.mp, container, s);
        try {
          await instance.start();
        } catch (error) {
          return fail("get_payment_data_failed", error.message);
        }
        callbacks.onReady();
        return instance.controller();
      }
      return fail("brick_not_emulated", "the " + brick + " brick is not emulated by mp-sandbox");
    }
  }

  // ---------------------------------------------------------------------------------------------
  class MercadoPago {
    constructor(publicKey, options) {
      if (typeof publicKey !== "string" || !publicKey)
        throw sdkError("MercadoPago.js - Your public_key is invalid, as an example use one of " +
          "your own test public keys: TEST-...", "invalid_public_key");
      const o = options || {};
      this.api = new Api(publicKey, o.locale || "");
      this.options = o;
      this.fields = new Fields(this.api);
      // The device session id merchants forward as X-meli-session-id (no fingerprinting here).
      if (o.advancedFraudPrevention !== false && !window.MP_DEVICE_SESSION_ID)
        window.MP_DEVICE_SESSION_ID = "armor." + Array.from(crypto.getRandomValues(
          new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    }

    getIdentificationTypes() {
      return this.api.request("GET", "/v1/identification_types");
    }

    getPaymentMethods(params) {
      const p = params || {};
      const bin = digits(p.bin);
      if (bin.length < 6) return Promise.reject(sdkError("bin must have 6 to 8 digits", "invalid_bin"));
      return this.api.request("GET", "/v1/payment_methods/search", {
        bins: bin.slice(0, 8), marketplace: "NONE", status: "active",
        processing_mode: p.processingMode || p.processing_mode,
      });
    }

    getIssuers(params) {
      const p = params || {};
      const method = p.paymentMethodId || p.payment_method_id;
      if (!method) return Promise.reject(sdkError("paymentMethodId is required", "missing_payment_method_id"));
      return this.api.request("GET", "/v1/payment_methods/card_issuers", {
        payment_method_id: method, bin: digits(p.bin).slice(0, 8),
      });
    }

    getInstallments(params) {
      const p = params || {};
      if (p.amount === undefined || p.amount === null || p.amount === "")
        return Promise.reject(sdkError("amount is required", "missing_amount"));
      return this.api.request("GET", "/v1/payment_methods/installments", {
        amount: String(p.amount), bin: digits(p.bin).slice(0, 8),
        payment_type_id: p.paymentTypeId || p.payment_type_id,
        payment_method_id: p.paymentMethodId || p.payment_method_id,
        processing_mode: p.processingMode || p.processing_mode,
      });
    }

    createCardToken(data) {
      const d = data || {};
      if (d.cardId) {
        return this.api.request("POST", "/v1/card_tokens", {}, {
          card_id: d.cardId, security_code: d.securityCode,
        });
      }
      const identification = d.identificationType || d.identificationNumber
        ? { type: d.identificationType, number: d.identificationNumber } : undefined;
      return this.api.request("POST", "/v1/card_tokens", {}, {
        card_number: digits(d.cardNumber), security_code: d.securityCode,
        expiration_month: d.cardExpirationMonth, expiration_year: d.cardExpirationYear,
        cardholder: { name: d.cardholderName, identification },
      });
    }

    updateCardToken(data) {
      const d = data || {};
      if (!d.token) return Promise.reject(sdkError("token is required", "missing_token"));
      const body = {};
      if (d.securityCode !== undefined) body.security_code = d.securityCode;
      if (d.cardExpirationMonth !== undefined) body.expiration_month = d.cardExpirationMonth;
      if (d.cardExpirationYear !== undefined) body.expiration_year = d.cardExpirationYear;
      return this.api.request("PUT", "/v1/card_tokens/" + encodeURIComponent(d.token), {}, body);
    }

    cardForm(options) {
      return new CardForm(this, options);
    }

    bricks() {
      return new BricksBuilder(this);
    }
  }

  // What the real script has and this double does not emulate: a clear error, never a silent no-op.
  for (const name of ["getAccountPaymentMethods", "getCardId", "updatePseudotoken",
    "authenticator", "checkout"]) {
    MercadoPago.prototype[name] = function () {
      throw sdkError("MercadoPago." + name + " is not emulated by mp-sandbox", "not_emulated");
    };
  }

  window.MercadoPago = MercadoPago;
  console.info("mp-sandbox: MercadoPago.js test double (not affiliated with Mercado Pago), " +
    "talking to " + ORIGIN);
})();
