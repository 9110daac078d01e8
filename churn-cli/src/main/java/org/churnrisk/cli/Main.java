package org.churnrisk.cli;

/** Entry point of {@code churn.jar}; everything else lives in {@link ChurnCli} so tests can run it. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(ChurnCli.run(args));
    }
}
