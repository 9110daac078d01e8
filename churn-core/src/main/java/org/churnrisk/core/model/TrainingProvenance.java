package org.churnrisk.core.model;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a trained model came from, as its bundle's {@code provenance} object records it: every
 * input file with its SHA-256 and rows, the snapshot dates it learned from, the seed, the
 * trainer's settings and the runtime that trained it.
 *
 * <p>churn-train's bundle writer fills it in from a training run (the runtime from its own JVM)
 * and writes it with {@link #toMap()}; readers get it back with {@link #fromMap}, which refuses a
 * provenance that lacks a key or has one of the wrong type. The map's keys and order are the
 * bundle's JSON keys and order, so the same run always writes the same bytes.
 *
 * <pre>{@code
 * TrainingProvenance p = bundle.trainingProvenance();
 * System.out.println(p.snapshotDates().size() + " snapshots, seed " + p.seed() + ", " + p.trainer().algorithm());
 * }</pre>
 *
 * @param inputs        the files read, in source order and then the order they were read
 * @param snapshotDates the as-of dates of the labelled snapshots, oldest first
 * @param seed          the random seed of the backtest and the final model
 * @param trainer       what the trainer was asked to do
 * @param runtime       the libraries and JVM that trained the model; null until the bundle writer fills it
 */
public record TrainingProvenance(List<InputFile> inputs, List<LocalDate> snapshotDates, long seed, Trainer trainer,
                                 Runtime runtime) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public TrainingProvenance {
        inputs = List.copyOf(inputs);
        snapshotDates = List.copyOf(snapshotDates);
        Objects.requireNonNull(trainer, "trainer");
    }

    /**
     * One input file: its name (not its path, which differs between machines), the SHA-256 of its
     * bytes on disk and the rows read from it, or -1 when its source has several files and the
     * rows are counted per source only.
     */
    public record InputFile(String file, String sha256, long rows) {
        public InputFile {
            Objects.requireNonNull(file, "file");
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("input " + file + ": sha256 '" + sha256
                        + "' is not 64 lower-case hex digits");
            }
            if (rows < -1) {
                throw new IllegalArgumentException("input " + file + ": rows " + rows + " (expected -1 or more)");
            }
        }
    }

    /** The trainer's settings: the algorithm chosen, the label horizon, backtest folds and CSM capacity, the core features. */
    public record Trainer(String algorithm, int horizonDays, int folds, int capacity, List<String> coreFeatures) {
        public Trainer {
            Objects.requireNonNull(algorithm, "algorithm");
            coreFeatures = List.copyOf(coreFeatures);
        }
    }

    /** The Tribuo version, the JVM's version and vendor and the OS name and architecture. */
    public record Runtime(String tribuoVersion, String javaVersion, String javaVendor, String osName, String osArch) {
    }

    /** The same provenance with the runtime that trained it. */
    public TrainingProvenance withRuntime(Runtime runtime) {
        return new TrainingProvenance(inputs, snapshotDates, seed, trainer, Objects.requireNonNull(runtime, "runtime"));
    }

    /**
     * The bundle's {@code provenance} object: {@code inputs}, {@code snapshot_dates}, {@code seed},
     * {@code trainer} and, once filled, {@code runtime}, as ordered maps, lists, strings and numbers.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> files = new ArrayList<>();
        for (InputFile f : inputs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", f.file());
            entry.put("sha256", f.sha256());
            entry.put("rows", f.rows());
            files.add(entry);
        }
        m.put("inputs", files);
        m.put("snapshot_dates", snapshotDates.stream().map(LocalDate::toString).toList());
        m.put("seed", seed);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("algorithm", trainer.algorithm());
        t.put("horizon_days", trainer.horizonDays());
        t.put("folds", trainer.folds());
        t.put("capacity", trainer.capacity());
        t.put("core_features", trainer.coreFeatures());
        m.put("trainer", t);
        if (runtime != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("tribuo_version", runtime.tribuoVersion());
            r.put("java_version", runtime.javaVersion());
            r.put("java_vendor", runtime.javaVendor());
            r.put("os_name", runtime.osName());
            r.put("os_arch", runtime.osArch());
            m.put("runtime", r);
        }
        return m;
    }

    /**
     * Reads a bundle's {@code provenance} object as {@link #toMap()} writes it.
     *
     * @throws BundleException naming the key, if a key is missing or has the wrong type
     */
    public static TrainingProvenance fromMap(Map<String, ?> m) {
        try {
            List<InputFile> inputs = new ArrayList<>();
            for (Object o : list(m, "inputs")) {
                Map<String, ?> f = map(o, "inputs[]");
                inputs.add(new InputFile(text(f, "file"), text(f, "sha256"), number(f, "rows").longValue()));
            }
            List<LocalDate> dates = new ArrayList<>();
            for (Object o : list(m, "snapshot_dates")) {
                dates.add(LocalDate.parse(String.valueOf(o)));
            }
            Map<String, ?> t = map(m.get("trainer"), "trainer");
            List<String> core = new ArrayList<>();
            for (Object o : list(t, "core_features")) {
                core.add(String.valueOf(o));
            }
            Trainer trainer = new Trainer(text(t, "algorithm"), number(t, "horizon_days").intValue(),
                    number(t, "folds").intValue(), number(t, "capacity").intValue(), core);
            Runtime runtime = null;
            if (m.get("runtime") != null) {
                Map<String, ?> r = map(m.get("runtime"), "runtime");
                runtime = new Runtime(text(r, "tribuo_version"), text(r, "java_version"), text(r, "java_vendor"),
                        text(r, "os_name"), text(r, "os_arch"));
            }
            return new TrainingProvenance(inputs, dates, number(m, "seed").longValue(), trainer, runtime);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BundleException("provenance: " + e.getMessage() + "; retrain or restore the bundle", e);
        }
    }

    private static List<?> list(Map<String, ?> m, String key) {
        if (m.get(key) instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("'" + key + "' is " + describe(m.get(key)) + " (expected a list)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object o, String key) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw new IllegalArgumentException("'" + key + "' is " + describe(o) + " (expected an object)");
    }

    private static String text(Map<String, ?> m, String key) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + key + "' is " + describe(m.get(key)) + " (expected text)");
    }

    private static Number number(Map<String, ?> m, String key) {
        if (m.get(key) instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("'" + key + "' is " + describe(m.get(key)) + " (expected a number)");
    }

    private static String describe(Object o) {
        return o == null ? "missing" : "'" + o + "'";
    }
}
