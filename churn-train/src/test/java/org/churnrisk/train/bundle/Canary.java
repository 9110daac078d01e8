package org.churnrisk.train.bundle;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class a crafted model.tribuo names instead of a model: if Tribuo were handed the file, it would
 * load this class and run its static initializer, which records that it ran.
 */
final class Canary {
    static {
        Witness.INITIALIZED.set(true);
    }

    private Canary() {
    }

    /** Kept apart from {@link Canary} so that reading it does not initialize the canary. */
    static final class Witness {
        static final AtomicBoolean INITIALIZED = new AtomicBoolean();

        private Witness() {
        }
    }
}
