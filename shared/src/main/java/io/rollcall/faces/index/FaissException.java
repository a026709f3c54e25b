package io.rollcall.faces.index;

/** An error reported by FAISS itself (its C++ exception message), or a native library that cannot be loaded. */
public class FaissException extends RuntimeException {

    public FaissException(String message) {
        super(message);
    }

    public FaissException(String message, Throwable cause) {
        super(message, cause);
    }
}
