package dk.npflan.dhcp.rollout.kubernetes;

/**
 * A bundle that does not fit a ConfigMap even gzipped. Nothing is published; the message gives the
 * hash and both sizes so the operator can see how far over it is.
 */
public class BundleTooLargeException extends RuntimeException {

    public BundleTooLargeException(String message) {
        super(message);
    }
}
