--TEST--
mercadopago_native is loaded, reports its version, and reads the library's tables
--EXTENSIONS--
mercadopago_native
--FILE--
<?php
var_dump(phpversion('mercadopago_native') === mercadopago_native_version());
var_dump(mercadopago_native_operation_count() > 50);
var_dump(mercadopago_native_status_name(0));
?>
--EXPECT--
bool(true)
bool(true)
string(2) "ok"
