package dev.bert4j.server;

/** The server could not start: the port is taken, the host is not an address of this machine, and so on. */
public final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
