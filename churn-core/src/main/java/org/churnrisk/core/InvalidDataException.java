package org.churnrisk.core;

/**
 * Input data breaks the data contract: a bad value, a missing column, a duplicate key.
 *
 * <p>The message names where the problem is (file, line and column when they are known), the
 * offending value and what was expected.
 */
public class InvalidDataException extends ChurnException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
