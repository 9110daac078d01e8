package org.churnrisk.sample;

import java.time.LocalDate;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Settings of one generated book. Immutable; build one with {@link #builder()}.
 *
 * @param accounts     accounts in the CRM: customers today, churned ones and new logos
 * @param days         length of the export window in days; usage, tickets, surveys and
 *                     touchpoints cover {@code [end - days, end)}
 * @param end          the export date: the first day the data does not cover
 * @param seed         the seed; the same settings give byte-identical books
 * @param truthSamples simulated health paths per account and month start behind
 *                     {@code truth.csv}; 0 writes no truth file
 * @param usageLayout  how usage is written
 */
public record GeneratorConfig(int accounts, int days, LocalDate end, long seed, int truthSamples,
                              UsageLayout usageLayout) {

    /** The most accounts one book may hold. */
    public static final int MAX_ACCOUNTS = 2_000_000;
    /** The longest export window, in days. */
    public static final int MAX_DAYS = 3_650;
    /** The default export date: fixed, so that a book does not depend on the day it is made. */
    public static final LocalDate DEFAULT_END = LocalDate.of(2026, 11, 1);

    /** 500 accounts over two years, plain CSV usage, a truth file from 64 paths per snapshot. */
    public static final GeneratorConfig DEFAULT = builder().build();

    /** The book committed under {@code sample-data/book/}: the default, usage gzipped by month. */
    public static final GeneratorConfig SAMPLE_BOOK =
            builder().usageLayout(UsageLayout.MONTHLY_CSV_GZ).build();

    public GeneratorConfig {
        if (accounts < 1 || accounts > MAX_ACCOUNTS) {
            throw new InvalidArgumentException("accounts: " + accounts + " is out of range (expected 1 to "
                    + MAX_ACCOUNTS + ")");
        }
        if (days < 30 || days > MAX_DAYS) {
            throw new InvalidArgumentException("days: " + days + " is out of range (expected 30 to "
                    + MAX_DAYS + ")");
        }
        if (end == null) {
            throw new InvalidArgumentException("end: is required");
        }
        if (truthSamples < 0 || truthSamples > 100_000) {
            throw new InvalidArgumentException("truthSamples: " + truthSamples
                    + " is out of range (expected 0 to 100000; 0 writes no truth.csv)");
        }
        if (usageLayout == null) {
            throw new InvalidArgumentException("usageLayout: is required");
        }
    }

    /** The first day the export covers. */
    public LocalDate start() {
        return end.minusDays(days);
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().accounts(accounts).days(days).end(end).seed(seed)
                .truthSamples(truthSamples).usageLayout(usageLayout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private int accounts = 500;
        private int days = 730;
        private LocalDate end = DEFAULT_END;
        private long seed = 42;
        private int truthSamples = 64;
        private UsageLayout usageLayout = UsageLayout.CSV;

        private Builder() {
        }

        public Builder accounts(int accounts) {
            this.accounts = accounts;
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        public Builder end(LocalDate end) {
            this.end = end;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder truthSamples(int truthSamples) {
            this.truthSamples = truthSamples;
            return this;
        }

        public Builder usageLayout(UsageLayout usageLayout) {
            this.usageLayout = usageLayout;
            return this;
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(accounts, days, end, seed, truthSamples, usageLayout);
        }
    }
}
