package org.churnrisk.core;

/** A setting or argument given by the caller is out of range or inconsistent with another. */
public class InvalidArgumentException extends ChurnException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }
}
