package org.churnrisk.core.features;

import java.util.Locale;

/** The traffic-light bands of health scores and churn risk. */
public enum RiskBand {
    RED, YELLOW, GREEN;

    /** The lowercase name used in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
