package org.churnrisk.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The spark-submit entry point:
 * <pre>
 * spark-submit --class org.churnrisk.spark.ChurnSparkJob churn-spark.jar score --data s3a://bucket/book \
 *     --model /opt/models/churn --as-of 2026-11-01 --out s3a://bucket/reports/at-risk.csv [--partitions 64]
 * spark-submit --class org.churnrisk.spark.ChurnSparkJob churn-spark.jar features --data s3a://bucket/book \
 *     --as-of 2026-05-01,2026-06-01 --out s3a://bucket/features.csv
 * </pre>
 * The book and the outputs may be on any Hadoop file system; the model bundle is read from the
 * driver's local disk. A problem in the book ends the run with its message on stderr and exit code
 * 3 (the CLI's codes: 2 for a bad command line, 4 for a file that cannot be read or written).
 */
public final class ChurnSparkJob {
    private ChurnSparkJob() {
    }

    /** The session settings churn-spark relies on: UTC session time and java.time values from rows. */
    public static SparkSession.Builder configure(SparkSession.Builder builder) {
        return builder.config("spark.sql.session.timeZone", "UTC").config("spark.sql.datetime.java8API.enabled", "true");
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, null);
        } catch (InvalidArgumentException e) {
            System.err.println("churn-spark: " + e.getMessage());
            code = 2;
        } catch (org.churnrisk.core.ChurnException e) {
            System.err.println("churn-spark: " + e.getMessage());
            code = 3;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("churn-spark: " + e.getMessage());
            code = 4;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command on {@code spark}, or on the session spark-submit configured when null; returns the exit code. */
    static int run(String[] args, SparkSession spark) throws IOException {
        if (args.length == 0 || !(args[0].equals("score") || args[0].equals("features"))) {
            throw new InvalidArgumentException("usage: churn-spark (score|features) --data <uri> [--model <dir>]"
                    + " --as-of <yyyy-MM-dd>[,...] --out <uri> [--partitions <n>]");
        }
        String data = null;
        String model = null;
        String out = null;
        List<LocalDate> asOf = new ArrayList<>();
        int partitions = 0;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new InvalidArgumentException(args[i] + ": expected a value");
            }
            switch (args[i]) {
                case "--data" -> data = value;
                case "--model" -> model = value;
                case "--out" -> out = value;
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--as-of" -> {
                    for (String d : value.split(",")) {
                        try {
                            asOf.add(LocalDate.parse(d.strip()));
                        } catch (java.time.format.DateTimeParseException e) {
                            throw new InvalidArgumentException("--as-of " + d + ": expected a date yyyy-MM-dd");
                        }
                    }
                }
                default -> throw new InvalidArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (data == null || out == null || asOf.isEmpty() || (args[0].equals("score") && model == null)) {
            throw new InvalidArgumentException(args[0] + " needs --data, --as-of, --out"
                    + (args[0].equals("score") ? " and --model" : ""));
        }
        if (args[0].equals("score") && asOf.size() != 1) {
            throw new InvalidArgumentException("score: expected one --as-of date");
        }
        SparkSession session = spark != null ? spark : configure(SparkSession.builder().appName("churn-spark " + args[0]))
                .getOrCreate();
        int parts = partitions > 0 ? partitions : Math.max(1, session.sparkContext().defaultParallelism() * 2);
        SparkChurn churn = new SparkChurn(session, parts);
        if (args[0].equals("score")) {
            churn.score(data, Path.of(model), asOf.get(0), out);
        } else {
            churn.writeFeatures(data, asOf, out);
        }
        System.out.println("churn-spark: wrote " + out);
        return 0;
    }
}
