package org.churnrisk.core;

/**
 * A settings file such as a book's {@code churn.yaml} is not valid: not YAML, an unknown key, a
 * value out of range, a glob that leaves the book. The message names the file and the line (and
 * the column where a line holds several keys).
 *
 * <p>It is an {@link InvalidArgumentException} for the library's callers, who pass the file as an
 * argument and catch it as one; the {@code churn} command treats it as invalid input data (exit
 * code 3), since it is the book's configuration that is wrong, not the command line.
 */
public class InvalidConfigException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
