package org.churnrisk.train.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.churnrisk.core.InvalidArgumentException;

/** The learning algorithms a churn model can be trained with, by the label the CLI accepts. */
public enum Algorithm {
    /** Logistic regression (linear SGD with log loss) on standardized features; pure Java, runs everywhere. */
    LOGISTIC("logistic"),
    /** Gradient-boosted trees through XGBoost's native library (Linux, macOS and Windows on x86-64). */
    XGBOOST("xgboost");

    private final String label;

    Algorithm(String label) {
        this.label = label;
    }

    /** The name used on the command line and in model bundles, e.g. {@code "xgboost"}. */
    public String label() {
        return label;
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Algorithm::label).toList();
    }

    /**
     * The algorithm of a label, ignoring case and surrounding blanks.
     *
     * @throws InvalidArgumentException naming the accepted labels when there is no such algorithm
     */
    public static Algorithm parse(String label) {
        if (label != null) {
            String wanted = label.strip().toLowerCase(Locale.ROOT);
            for (Algorithm a : values()) {
                if (a.label.equals(wanted)) {
                    return a;
                }
            }
        }
        throw new InvalidArgumentException("algorithm: '" + label + "' is not known (expected one of "
                + String.join(", ", labels()) + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
