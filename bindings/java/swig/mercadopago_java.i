/* The Java module of the shared SWIG interface (bindings/swig/mercadopago.i).
 *
 * Text crosses JNI as UTF-8 byte[] converted by the proxies with
 * StandardCharsets.UTF_8, never through NewStringUTF/GetStringUTFChars: those
 * speak *modified* UTF-8 and would corrupt non-BMP characters (emoji). A
 * failure is thrown from the wrapper itself as
 * dev.libmercadopago.internal.NativeException, which owns the Failure
 * snapshot; the idiomatic layer turns it into the generated exception class.
 * The sandbox is a module of its own (mercadopago_sandbox_java.i, the sandbox
 * jar's libmercadopago_sandbox_jni.so): this one, libmercadopago_jni.so,
 * links libmercadopago only, so production code never loads the sandbox. */
%module(jniclassname = "MpNativeJNI") MpNative

%pragma(java) jniclasscode = %{
  static {
    dev.libmercadopago.NativeLoader.load();
  }
%}
/* Proxies are internal: the public API is the idiomatic layer. */
%pragma(java) moduleclassmodifiers = "public final class"


%define MPSWIG_THROW(e)
    do {
        mpswig_java_throw(jenv, e);
        return $null;
    } while (0)
%enddef

/* ---- const char * and std::string <-> String, as UTF-8 byte[] (shared with
 * the sandbox's module) ----------------------------------------------------- */
%define MPSWIG_JAVA_BAD_TEXT(message)
    MPSWIG_THROW(mercadopago::Error(MP_ERR_INVALID_ARGUMENT, message))
%enddef
%include "java_text.i"

/* ---- (const char *data, size_t len) <- byte[] ----------------------------- */
%typemap(jni) (const char *data, size_t len) "jbyteArray"
%typemap(jtype) (const char *data, size_t len) "byte[]"
%typemap(jstype) (const char *data, size_t len) "byte[]"
%typemap(javain) (const char *data, size_t len) "$javainput"
%typemap(in) (const char *data, size_t len) {
    $1 = nullptr;
    $2 = 0;
    if ($input != nullptr) {
        $2 = static_cast<size_t>(jenv->GetArrayLength($input));
        $1 = reinterpret_cast<char *>(jenv->GetByteArrayElements($input, nullptr));
    }
}
%typemap(freearg) (const char *data, size_t len) {
    if ($1 != nullptr)
        jenv->ReleaseByteArrayElements($input, reinterpret_cast<jbyte *>(const_cast<char *>($1)),
                                       JNI_ABORT);
}

/* ---- Bytes -> byte[] (data NULL: null) ----------------------------------- */
%typemap(jni) mercadopago::Bytes "jbyteArray"
%typemap(jtype) mercadopago::Bytes "byte[]"
%typemap(jstype) mercadopago::Bytes "byte[]"
%typemap(javaout) mercadopago::Bytes {
    return $jnicall;
  }
%typemap(out) mercadopago::Bytes {
    $result = $1.data ? mpswig_java_bytes(jenv, $1.data, $1.len) : nullptr;
}

%include "mercadopago.i"

/* The option table's scope bits and value types (mercadopago.h), as
 * MpNative.OPTION_*: the tests hold the generated setters against the
 * library's own table with them. */
%constant int OPTION_CLIENT = MP_OPTION_CLIENT;
%constant int OPTION_CALL = MP_OPTION_CALL;
%constant int OPTION_PAGES = MP_OPTION_PAGES;
%constant int OPTION_STRING = MP_OPTION_STRING;
%constant int OPTION_INT = MP_OPTION_INT;
%constant int OPTION_SECONDS = MP_OPTION_SECONDS;
%constant int OPTION_BOOL = MP_OPTION_BOOL;
%constant int OPTION_HEADERS = MP_OPTION_HEADERS;
/* What Client.warm opens connections for (mercadopago.h's MP_WARM_*). */
%constant int WARM_BLOCKING = MP_WARM_BLOCKING;
%constant int WARM_ASYNC = MP_WARM_ASYNC;

/* Before the wrappers that call it. */
%{
#include <jni.h>

/* Throws NativeException(long failurePtr) built right here, so the Java side
 * needs no second call to fetch the failure. The class and constructor are
 * looked up per throw: failures are rare and this stays correct across class
 * loaders. */
static void mpswig_java_throw(JNIEnv *jenv, const mercadopago::Error &e) {
    mercadopago::Error *f = new mercadopago::Error(e);
    jclass cls = jenv->FindClass("dev/libmercadopago/internal/NativeException");
    if (cls == nullptr) { /* NoClassDefFoundError is pending */
        delete f;
        return;
    }
    jmethodID ctor = jenv->GetMethodID(cls, "<init>", "(J)V");
    jobject ex = ctor ? jenv->NewObject(cls, ctor, reinterpret_cast<jlong>(f)) : nullptr;
    if (ex == nullptr) { /* the constructor never ran: the snapshot is still ours */
        delete f;
        return;
    }
    jenv->Throw(static_cast<jthrowable>(ex));
    jenv->DeleteLocalRef(ex);
    jenv->DeleteLocalRef(cls);
}
%}
