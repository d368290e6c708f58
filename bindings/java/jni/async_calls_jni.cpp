/* The Java binding's asynchronous calls: the one hand-written JNI piece of
 * libmercadopago_jni.so (SWIG wraps everything else). Java's
 * dev.libmercadopago.internal.AsyncNative.start0 starts a call with
 * mercadopago::Client::call_async; its completion runs on the client's own
 * native thread (one per client), which is attached to the JVM once and
 * calls dev.libmercadopago.AsyncCalls.complete(token, status, response*,
 * failure*). Ownership of the mercadopago::Response (2xx) or
 * mercadopago::Error (any failure, with the API's answer inside) passes to
 * Java, which wraps them in SWIG proxies at once. Nothing here lets a Java
 * exception or a C++ exception reach the library's thread. */
#include <jni.h>

#include <mercadopago.hpp>

#include <cstring>
#include <mutex>
#include <new>

namespace {

JavaVM *jvm = nullptr;
jclass calls_class = nullptr; /* dev.libmercadopago.AsyncCalls, a global reference */
jmethodID complete_method = nullptr;
std::once_flag init_once;

/* The thread's attachment to the JVM: made on the first completion of the
 * thread, as a daemon (an engine thread of a client never closed must not
 * keep the JVM from exiting), and undone when the thread exits (a native
 * thread must detach before it ends, or the JVM keeps its Thread forever).
 * An engine thread ends when its client is freed (Client.close()). */
struct Attachment {
    JNIEnv *env = nullptr;
    bool attached_here = false;
    ~Attachment() {
        if (attached_here && jvm != nullptr) jvm->DetachCurrentThread();
    }
};

JNIEnv *attached_env() {
    static thread_local Attachment attachment;
    if (attachment.env != nullptr) return attachment.env;
    void *env = nullptr;
    if (jvm->GetEnv(&env, JNI_VERSION_1_8) == JNI_OK) {
        attachment.env = static_cast<JNIEnv *>(env);
        return attachment.env;
    }
    JavaVMAttachArgs args;
    args.version = JNI_VERSION_1_8;
    args.name = const_cast<char *>("mercadopago-async");
    args.group = nullptr;
    if (jvm->AttachCurrentThreadAsDaemon(&env, &args) != JNI_OK) return nullptr;
    attachment.env = static_cast<JNIEnv *>(env);
    attachment.attached_here = true;
    return attachment.env;
}

/* The completion (mp_call_done_fn), on the client's thread. userdata is the
 * Java side's token for the call. */
void on_done(void *userdata, uint64_t, mp_status status, mp_response *response,
             const mp_error *error) {
    jlong token = static_cast<jlong>(reinterpret_cast<intptr_t>(userdata));
    mercadopago::Response *ok = nullptr;
    mercadopago::Error *failure = nullptr;
    try {
        if (status == MP_OK) {
            ok = new mercadopago::Response(response);
        } else if (error != nullptr) {
            failure = new mercadopago::Error(status, error, response); /* owns response */
        } else {
            mp_response_free(response);
            failure = new mercadopago::Error(status, mp_status_name(status));
        }
    } catch (...) { /* out of memory: Java completes the call with NoMemoryException */
        if (ok == nullptr && failure == nullptr) mp_response_free(response);
        status = MP_ERR_NO_MEMORY;
    }
    JNIEnv *env = attached_env();
    if (env == nullptr) { /* the JVM refused the thread (shutting down) */
        delete ok;
        delete failure;
        return;
    }
    env->CallStaticVoidMethod(calls_class, complete_method, token, static_cast<jint>(status),
                              reinterpret_cast<jlong>(ok), reinterpret_cast<jlong>(failure));
    /* AsyncCalls.complete catches every Throwable, and takes ownership as its
     * first act; an exception here (an Error while wrapping) would leave a
     * pointer whose owner is unknown: leak it rather than free it twice. */
    if (env->ExceptionCheck()) env->ExceptionClear();
}

void throw_native(JNIEnv *env, const mercadopago::Error &e) {
    mercadopago::Error *f = new (std::nothrow) mercadopago::Error(e);
    jclass cls = env->FindClass("dev/libmercadopago/internal/NativeException");
    jmethodID ctor = cls != nullptr ? env->GetMethodID(cls, "<init>", "(J)V") : nullptr;
    jobject ex = ctor != nullptr && f != nullptr
                     ? env->NewObject(cls, ctor, reinterpret_cast<jlong>(f))
                     : nullptr;
    if (ex == nullptr) { /* an exception is pending already (or out of memory) */
        delete f;
        if (!env->ExceptionCheck())
            env->ThrowNew(env->FindClass("java/lang/OutOfMemoryError"), "libmercadopago");
        return;
    }
    env->Throw(static_cast<jthrowable>(ex));
}

} // namespace

extern "C" {

/* static native long start0(long client, byte[] operation, long request, long token):
 * the call's id; a failure to start throws NativeException. */
JNIEXPORT jlong JNICALL Java_dev_libmercadopago_internal_AsyncNative_start0(
    JNIEnv *env, jclass, jlong client, jbyteArray operation, jlong request, jlong token) {
    std::call_once(init_once, [env] {
        env->GetJavaVM(&jvm);
        /* From a native method of the binding: its class loader finds the class. */
        jclass cls = env->FindClass("dev/libmercadopago/AsyncCalls");
        if (cls == nullptr) return;
        complete_method = env->GetStaticMethodID(cls, "complete", "(JIJJ)V");
        calls_class = static_cast<jclass>(env->NewGlobalRef(cls));
    });
    if (calls_class == nullptr || complete_method == nullptr) {
        if (!env->ExceptionCheck())
            env->ThrowNew(env->FindClass("java/lang/IllegalStateException"),
                          "dev.libmercadopago.AsyncCalls.complete not found");
        return 0;
    }
    jsize n = env->GetArrayLength(operation);
    char name[128];
    if (n <= 0 || n >= static_cast<jsize>(sizeof name)) {
        throw_native(env, mercadopago::Error(MP_ERR_INVALID_ARGUMENT, "unknown operation"));
        return 0;
    }
    env->GetByteArrayRegion(operation, 0, n, reinterpret_cast<jbyte *>(name));
    name[n] = '\0';
    try {
        auto *c = reinterpret_cast<mercadopago::Client *>(client);
        auto *r = reinterpret_cast<const mercadopago::Request *>(request);
        uint64_t id = c->call_async(name, r, &on_done,
                                    reinterpret_cast<void *>(static_cast<intptr_t>(token)));
        return static_cast<jlong>(id);
    } catch (const mercadopago::Error &e) {
        throw_native(env, e);
    } catch (const std::bad_alloc &) {
        throw_native(env, mercadopago::Error(MP_ERR_NO_MEMORY, "out of memory"));
    } catch (const std::exception &e) {
        throw_native(env, mercadopago::Error(MP_ERR_INTERNAL, e.what()));
    }
    return 0;
}

} // extern "C"
