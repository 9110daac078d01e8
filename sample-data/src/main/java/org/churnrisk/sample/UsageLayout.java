package org.churnrisk.sample;

/** How the generator lays out the usage export, the one large source of a book. */
public enum UsageLayout {
    /** One plain {@code usage.csv}: the fastest to write and read. */
    CSV("csv"),
    /** One gzipped {@code usage.csv.gz}. */
    CSV_GZ("csv.gz"),
    /** A folder {@code usage/} of gzipped monthly part files, as warehouse exports come. */
    MONTHLY_CSV_GZ("monthly-csv.gz");

    private final String label;

    UsageLayout(String label) {
        this.label = label;
    }

    /** The name used on the command line. */
    public String label() {
        return label;
    }

    /** Parses a {@link #label()}; throws {@link IllegalArgumentException} listing the labels. */
    public static UsageLayout parse(String text) {
        for (UsageLayout layout : values()) {
            if (layout.label.equalsIgnoreCase(text)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("usage layout '" + text
                + "' is not one of csv, csv.gz, monthly-csv.gz");
    }
}
