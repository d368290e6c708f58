/* Text across JNI for both Java modules (the client's mercadopago_java.i and
 * the sandbox's mercadopago_sandbox_java.i): const char * and std::string
 * cross as UTF-8 byte[] converted by the proxies with StandardCharsets.UTF_8
 * (dev.libmercadopago.internal.Utf8, in the client jar, which the sandbox jar
 * depends on), never through NewStringUTF/GetStringUTFChars: those speak
 * *modified* UTF-8 and would corrupt non-BMP characters (emoji).
 *
 * The including module defines MPSWIG_JAVA_BAD_TEXT(message) first: raise its
 * invalid-argument exception with that C string and return $null. */

%include <std_string.i>

/* ---- const char * <-> String, as UTF-8 byte[] ---------------------------- */
%typemap(jni) const char * "jbyteArray"
%typemap(jtype) const char * "byte[]"
%typemap(jstype) const char * "String"
%typemap(javain) const char * "dev.libmercadopago.internal.Utf8.encode($javainput)"
%typemap(javaout) const char * {
    return dev.libmercadopago.internal.Utf8.decode($jnicall);
  }
%typemap(in) const char * {
    $1 = nullptr;
    if ($input != nullptr) {
        jsize n = jenv->GetArrayLength($input);
        char *s = new char[static_cast<size_t>(n) + 1];
        jenv->GetByteArrayRegion($input, 0, n, reinterpret_cast<jbyte *>(s));
        s[n] = '\0';
        if (std::memchr(s, '\0', static_cast<size_t>(n)) != nullptr) {
            /* C strings end at the first NUL: refuse instead of truncating. */
            delete[] s;
            MPSWIG_JAVA_BAD_TEXT("a text argument contains a NUL character");
        }
        $1 = s;
    }
}
%typemap(freearg) const char * "delete[] $1;"
%typemap(out) const char * {
    $result = $1 ? mpswig_java_bytes(jenv, $1, std::strlen($1)) : nullptr;
}

/* ---- std::string (returned by value) -> String, as UTF-8 ------------------ */
%typemap(jni) std::string "jbyteArray"
%typemap(jtype) std::string "byte[]"
%typemap(jstype) std::string "String"
%typemap(javaout) std::string {
    return dev.libmercadopago.internal.Utf8.decode($jnicall);
  }
%typemap(out) std::string {
    $result = mpswig_java_bytes(jenv, $1.data(), $1.size());
}

%{
#include <jni.h>

#include <cstring>

static jbyteArray mpswig_java_bytes(JNIEnv *jenv, const char *data, size_t len) {
    jbyteArray out = jenv->NewByteArray(static_cast<jsize>(len));
    if (out != nullptr && len > 0)
        jenv->SetByteArrayRegion(out, 0, static_cast<jsize>(len),
                                 reinterpret_cast<const jbyte *>(data));
    return out;
}
%}
