/* The Java module of the sandbox's shared interface (bindings/swig/sandbox.i):
 * libmercadopago_sandbox_jni.so, linked with libmercadopago-sandbox only and
 * shipped in the sandbox jar (mercadopago-native-sandbox) with the proxies of
 * dev.libmercadopago.sandbox.internal, so that a production JVM, which has the
 * client jar alone, never loads the sandbox. The idiomatic
 * dev.libmercadopago.sandbox.Sandbox wraps these classes.
 *
 * Text crosses as the client module's (java_text.i, UTF-8 byte[]). A failure
 * is thrown from the wrapper itself as
 * dev.libmercadopago.sandbox.internal.SandboxNativeException(status, UTF-8
 * message); the Sandbox class turns it into the client's
 * InvalidArgumentException. */
%module(jniclassname = "MpSandboxJNI") MpSandbox

%pragma(java) jniclasscode = %{
  static {
    dev.libmercadopago.sandbox.SandboxNativeLoader.load();
  }
%}
/* Proxies are internal: the public API is dev.libmercadopago.sandbox.Sandbox. */
%pragma(java) moduleclassmodifiers = "public final class"

%define MPSWIG_SANDBOX_THROW(status, message)
    do {
        mpswig_sandbox_java_throw(jenv, (status), (message));
        return $null;
    } while (0)
%enddef

%define MPSWIG_JAVA_BAD_TEXT(message)
    MPSWIG_SANDBOX_THROW(MP_SANDBOX_ERR_INVALID_ARGUMENT, message)
%enddef
%include "java_text.i"

%include "../../swig/sandbox.i"

/* Before the wrappers that call it. */
%{
/* Throws SandboxNativeException(int status, byte[] utf8Message) built right
 * here; the class is looked up per throw (failures are rare, and this stays
 * correct across class loaders). */
static void mpswig_sandbox_java_throw(JNIEnv *jenv, int status, const char *message) {
    jclass cls = jenv->FindClass("dev/libmercadopago/sandbox/internal/SandboxNativeException");
    if (cls == nullptr) /* NoClassDefFoundError is pending */
        return;
    jmethodID ctor = jenv->GetMethodID(cls, "<init>", "(I[B)V");
    const char *text = message ? message : "";
    jbyteArray bytes = ctor ? mpswig_java_bytes(jenv, text, std::strlen(text)) : nullptr;
    jobject ex = bytes ? jenv->NewObject(cls, ctor, static_cast<jint>(status), bytes) : nullptr;
    if (ex != nullptr) {
        jenv->Throw(static_cast<jthrowable>(ex));
        jenv->DeleteLocalRef(ex);
    }
    if (bytes != nullptr)
        jenv->DeleteLocalRef(bytes);
    jenv->DeleteLocalRef(cls);
}
%}
