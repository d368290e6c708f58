// placeholder
const MP_SANDBOX_ORIGIN = "__MP_SANDBOX_ORIGIN__";
