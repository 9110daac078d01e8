package org.churnrisk.core.model;

import org.churnrisk.core.InvalidDataException;

/**
 * A model bundle was refused: a file is missing, changed or unreadable, its format is unknown, or
 * it was trained on features other than the ones this build computes.
 *
 * <p>The message names the bundle, the problem and what to do (usually: retrain, or restore the
 * bundle from where it came from).
 */
public class BundleException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
