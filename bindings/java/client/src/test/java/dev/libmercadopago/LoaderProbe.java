package dev.libmercadopago;

/** Run in a child JVM by NativeLoaderTest: loads the natives and says from where. */
public final class LoaderProbe {
    private LoaderProbe() {}

    public static void main(String[] args) {
        try {
            System.out.println("version " + Client.version());
            System.out.println("from " + NativeLoader.loadedFrom());
        } catch (Throwable t) {
            System.err.println(t);
            System.exit(3);
        }
    }
}
