package org.churnrisk.cli;

import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.train.model.Algorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options that several commands share, declared once as picocli mixins ({@link BookOptions} and its
 * subclasses are the book's). A command that words an option differently does so in {@code
 * SharedOptions.properties}, under a key with its qualified name ({@code churn.demo.folds}), which
 * picocli looks up before the plain key and the annotation's text.
 */
final class SharedOptions {
    /** The resource bundle of the shared options' per-command wording. */
    static final String BUNDLE = "org.churnrisk.cli.SharedOptions";

    private SharedOptions() {
    }

    /** {@code --seed}: generate, train and demo. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
                description = "Random seed (default: ${DEFAULT-VALUE}).")
        private long seed;

        long seed() {
            return seed;
        }
    }

    /** {@code --capacity}: train and evaluate. */
    @Command(resourceBundle = BUNDLE)
    static final class Capacity {
        @Option(names = "--capacity", paramLabel = "<accounts>", defaultValue = "50", descriptionKey = "capacity",
                description = "Accounts your CSM team can call per snapshot (default: ${DEFAULT-VALUE}).")
        private int capacity;

        int capacity() {
            return capacity;
        }
    }

    /** {@code --algorithm}, {@code --folds} and {@code --seed}: how train and demo choose and train the model. */
    @Command(resourceBundle = BUNDLE)
    static final class Training {
        @Option(names = "--algorithm", paramLabel = "<name>",
                description = "logistic or xgboost (default: the backtest's best ROC AUC).")
        private String algorithm;

        @Option(names = "--folds", paramLabel = "<n>", defaultValue = "6", descriptionKey = "folds",
                description = "Backtest folds: the last n snapshot dates are tested in turn (default: ${DEFAULT-VALUE}).")
        private int folds;

        @Mixin
        private Seed seed;

        /**
         * The algorithm asked for, or null to take the backtest's best.
         *
         * @throws InvalidArgumentException naming the algorithms when it is none of them
         */
        Algorithm algorithm() {
            return algorithm == null ? null : Algorithm.parse(algorithm);
        }

        int folds() {
            return folds;
        }

        long seed() {
            return seed.seed();
        }
    }
}
