package dev.bert4j.hub.pytorch;

/**
 * A checkpoint's pickle asks for something beyond rebuilding tensors (a global such as
 * {@code os.system}, or an opcode that builds arbitrary objects). It was refused before anything ran.
 */
public final class UnsafePickleException extends CheckpointFormatException {
    private static final long serialVersionUID = 1L;

    public UnsafePickleException(String message) {
        super(message);
    }
}
