package org.churnrisk.core;

/**
 * The root of every error churn-risk raises on purpose.
 *
 * <p>Messages are written for the person running the tool: they say what was wrong and, where it
 * helps, what to do. Subclasses tell the CLI which exit code to use.
 */
public class ChurnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChurnException(String message) {
        super(message);
    }

    public ChurnException(String message, Throwable cause) {
        super(message, cause);
    }
}
