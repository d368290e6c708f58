/* The interface every SWIG language shares (PHP, Java), as GDAL's and
 * Xapian's shared .i: the C++ API of mercadopago.hpp as it is, plus the C
 * functions of the tables the idiomatic layers are built from (operations,
 * options, error classes). The sandbox is a module of its own (sandbox.i),
 * so that production code never loads it.
 *
 * A per-language file (bindings/php/mercadopago_php.i,
 * bindings/java/swig/mercadopago_java.i) declares the %module, defines
 *   - MPSWIG_THROW(error): raise the language's native exception from a
 *     mercadopago::Error (a snapshot the language takes ownership of a copy of),
 *   - the typemaps for mercadopago::Bytes (out) and for
 *     (const char *data, size_t len) (in),
 * then %includes this file. The idiomatic layer of each language (PHP's
 * MercadoPago\Native, Java's dev.libmercadopago) wraps these classes and turns
 * the native exception into the class of the error-class table. */

%{
#include <mercadopago.hpp>

#include <cstring>
#include <new>
#include <stdexcept>
%}

%include <stdint.i>
%include <std_string.i>
%include <std_unique_ptr.i>

/* Every wrapped call: a C++ exception becomes the language's. */
%exception {
    try {
        $action
    } catch (const mercadopago::Error &e) {
        MPSWIG_THROW(e);
    } catch (const std::bad_alloc &) {
        MPSWIG_THROW(mercadopago::Error(MP_ERR_NO_MEMORY, "out of memory"));
    } catch (const std::exception &e) {
        MPSWIG_THROW(mercadopago::Error(MP_ERR_INTERNAL, e.what()));
    }
}

/* Made by the library only. */
%nodefaultctor mercadopago::Error;
%nodefaultctor mercadopago::LogLine;
%nodefaultctor mercadopago::Response;
%nodefaultctor mercadopago::Pager;

/* Owned results: the language's object owns them. */
%unique_ptr(mercadopago::Response)
%unique_ptr(mercadopago::Pager)
%unique_ptr(mercadopago::LogLine)
%unique_ptr(mercadopago::Error)

/* The languages know the error snapshot as Failure (Error is taken in Java). */
%rename(Failure) mercadopago::Error;
%warnfilter(401) mercadopago::Error; /* std::exception is not wrapped */

/* Borrowed bytes are copied by the per-language typemaps; never wrapped. */
%ignore mercadopago::Bytes;
%ignore mercadopago::version;
%ignore mercadopago::status_name;
%ignore mercadopago::webhook_result_name;
%apply (const char *data, size_t len) { (const char *json, size_t len) };

%include "mercadopago.hpp"

/* The tables, read one entry at a time through the C ABI (static storage),
 * under the names the layers use (module functions: MpNative.operation_count()
 * in Java, mercadopago_native_operation_count() in PHP). */
%inline %{
namespace mpswig {
inline const char *version() { return mp_version(); }
inline const char *status_name(int s) { return mp_status_name(static_cast<mp_status>(s)); }
inline const char *webhook_result_name(int r) {
    return mp_webhook_result_name(static_cast<mp_webhook_result>(r));
}
inline size_t operation_count() { return mp_operation_count(); }
inline const char *operation_name(size_t i) { return mp_operation_name(i); }
inline const char *operation_method(size_t i) { return mp_operation_method(i); }
inline const char *operation_path(size_t i) { return mp_operation_path(i); }
inline bool operation_has_body(size_t i) { return mp_operation_has_body(i) != 0; }
inline const char *operation_paging(size_t i) { return mp_operation_paging(i); }
inline size_t operation_path_param_count(size_t i) { return mp_operation_path_param_count(i); }
inline const char *operation_path_param(size_t i, size_t j) { return mp_operation_path_param(i, j); }
inline size_t option_count() { return mp_option_count(); }
inline const char *option_name(size_t i) { return mp_option_name(i); }
inline int option_type(size_t i) { return mp_option_value_type(i); }
inline int option_arity(size_t i) { return mp_option_arity(i); }
inline int option_scope(size_t i) { return mp_option_scope(i); }
inline const char *option_doc(size_t i) { return mp_option_doc(i); }
inline size_t error_class_count() { return mp_error_class_count(); }
inline const char *error_class_name(size_t i) { return mp_error_class_name(i); }
inline const char *error_class_parent(size_t i) { return mp_error_class_parent(i); }
inline int error_class_status(size_t i) { return mp_error_class_status(i); }
inline const char *error_class_doc(size_t i) { return mp_error_class_doc(i); }
} // namespace mpswig
%}
