package org.churnrisk.score;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.core.scoring.CompiledScorer;
import org.churnrisk.features.AccountHistory;
import org.churnrisk.features.AccountInfo;
import org.churnrisk.features.BookSettings;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureConfig;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.InputFile;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.score.bundle.BundleJson;
import org.churnrisk.score.bundle.ScoringBundle;

/**
 * A trained churn model ready to score: the entry point for services that embed churn-risk.
 * Load a bundle written by {@code churn train}, then score one feature vector, the accounts a
 * service holds in memory, or a whole book of exports as the nightly report does.
 *
 * <pre>{@code
 * ChurnModel model = ChurnModel.load(Path.of("model"));
 * ScoredBook book = model.score(Path.of("exports"), LocalDate.parse("2026-11-01"));
 * ScoredAccount riskiest = book.ranked().get(0);
 * double p = model.probability(featureVector);       // Feature.SCHEMA order
 * Explanation why = model.explain(featureVector);
 * }</pre>
 *
 * <p>Probabilities come from the bundle's compiled scorer (see {@link CompiledScorer}), drivers
 * from its exact per-feature contributions grouped into {@link DriverGroup themes}, kept only when
 * on the risky side of the bundle's {@link References} or the account's own history, bands and
 * plays from the {@link ScoringSettings}. An account without any product usage before the as-of
 * date is listed but not scored: the model has nothing to go on but its contract.
 *
 * <p>Immutable and thread-safe: one instance may serve concurrent calls. Scoring a book uses the
 * common fork-join pool for large books. Loading reads {@code bundle.json} and the compiled scorer
 * ({@code scorer.bin}), never the Tribuo model, and never through Java deserialization.
 */
public final class ChurnModel {
    /** Rows scored per task: large enough to amortise a task, small enough to spread over cores. */
    static final int CHUNK_ROWS = 1024;
    /** Rows a task copies out of the table and scores in one batched call: a block stays in the cache. */
    static final int BLOCK_ROWS = 64;
    private static final Feature[] FEATURES = Feature.values();

    /**
     * The report's order, a total order: scored before unscored; by probability, then ARR (both
     * highest first), then account id. Accounts scored in parts and sorted by it are in the order
     * {@link #score(FeatureTable, Map, ProgressListener)} gives the whole table.
     */
    public static final Comparator<ScoredAccount> REPORT_ORDER = Comparator.comparing((ScoredAccount a) -> !a.scored())
            .thenComparing(Comparator.comparingDouble((ScoredAccount a) -> a.scored() ? a.probability() : 0).reversed())
            .thenComparing(Comparator.comparingDouble(ScoredAccount::arr).reversed())
            .thenComparing(ScoredAccount::accountId);

    private final CompiledScorer scorer;
    private final ScoringSettings settings;
    private final Map<String, Object> provenance;
    private final References references;

    private ChurnModel(CompiledScorer scorer, ScoringSettings settings, Map<String, Object> provenance,
                       References references) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.references = Objects.requireNonNull(references, "references");
        this.provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (!scorer.schema().equals(Feature.SCHEMA)) {
            throw new InvalidArgumentException("the scorer was built for features " + scorer.schema().version()
                    + " (fingerprint " + scorer.schema().fingerprint() + ") but this build computes "
                    + Feature.SCHEMA.version() + " (fingerprint " + Feature.SCHEMA.fingerprint() + "); retrain");
        }
    }

    /**
     * Loads the model bundle in {@code dir} with the default {@link ScoringSettings}.
     *
     * @throws org.churnrisk.core.model.BundleException if the bundle is missing, changed, from
     *         another version or trained on other features (see {@link ScoringBundle#load})
     * @throws IOException if a file cannot be read
     */
    public static ChurnModel load(Path dir) throws IOException {
        return load(dir, ScoringSettings.DEFAULT);
    }

    /**
     * Loads the model bundle in {@code dir}, with bands and plays from {@code settings}: its
     * manifest and its compiled scorer ({@code scorer.bin}), without Tribuo (see {@link ScoringBundle#load}).
     */
    public static ChurnModel load(Path dir, ScoringSettings settings) throws IOException {
        ScoringBundle bundle = ScoringBundle.load(dir, Feature.SCHEMA);
        References references;
        try {
            references = References.fromMap(bundle.references());
        } catch (InvalidArgumentException e) {
            throw new BundleException("model bundle " + dir + ": " + BundleJson.BUNDLE_JSON + ": " + e.getMessage()
                    + "; retrain or restore the bundle", e);
        }
        return new ChurnModel(bundle.scorer(), settings, provenance(bundle), references);
    }

    /**
     * A model around a scorer compiled elsewhere (tests, or a service that keeps its own weights),
     * without cohort references (see {@link #withReferences}).
     *
     * @throws InvalidArgumentException if the scorer's schema is not {@link Feature#SCHEMA}
     */
    public static ChurnModel of(CompiledScorer scorer, ScoringSettings settings) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("algorithm", scorer.algorithm());
        provenance.put("feature_schema", scorer.schema().version());
        return new ChurnModel(scorer, settings, provenance, References.NONE);
    }

    /** The same model with other bands and plays. */
    public ChurnModel withSettings(ScoringSettings settings) {
        return new ChurnModel(scorer, settings, provenance, references);
    }

    /** The same model with other references for its drivers. */
    public ChurnModel withReferences(References references) {
        return new ChurnModel(scorer, settings, provenance, references);
    }

    /**
     * What drivers compare accounts with: the bundle's {@value References#KEY}, or
     * {@link References#NONE} for a bundle written before them (drivers then compare with the
     * account's own history only).
     */
    public References references() {
        return references;
    }

    public ScoringSettings settings() {
        return settings;
    }

    public CompiledScorer scorer() {
        return scorer;
    }

    /** Where the model came from, as the run summary records it. */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /**
     * The calibrated probability that an account churns within the model's horizon.
     *
     * @param features one value per feature of {@link Feature#SCHEMA}, in its order
     * @throws InvalidArgumentException if the vector has the wrong length or a value that is not finite
     */
    public double probability(double[] features) {
        return scorer.probability(checked(features), 0);
    }

    /**
     * Every feature's contribution to one account's probability, with its drivers.
     *
     * @throws InvalidArgumentException as {@link #probability}
     */
    public Explanation explain(double[] features) {
        double[] x = checked(features);
        double[] c = new double[FEATURES.length];
        double base = scorer.contributions(x, 0, c);
        double p = scorer.probability(x, 0);
        Integer[] order = new Integer[FEATURES.length];
        for (int f = 0; f < order.length; f++) {
            order[f] = f;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -Math.abs(c[f])));
        List<Explanation.Contribution> contributions = new ArrayList<>();
        for (int f : order) {
            contributions.add(new Explanation.Contribution(FEATURES[f], x[f], c[f], Phrases.of(FEATURES[f], x, 0)));
        }
        return new Explanation(p, settings.band(p), scorer.margin(x, 0), base, contributions,
                Drivers.top(x, 0, c, ReportCsv.DRIVERS, references), Drivers.context(x, 0, c, references),
                unscorable(x, 0, null));
    }

    /**
     * Scores a book on disk as of {@code asOf}, reading it with its own {@code churn.yaml} (or the
     * defaults) and stopping at the first bad row.
     *
     * @throws InvalidDataException if a row breaks the data contract, the usage export ends
     *         more than {@link ScoringSettings#maxUsageLagDays()} days before the as-of date, or no
     *         account was a customer on the day before it (an as-of date before the book begins)
     * @throws IOException          if a file cannot be read
     */
    public ScoredBook score(Path book, LocalDate asOf) throws IOException {
        BookSettings settings = BookSettings.forBook(book, null);
        return score(book, settings.readOptions(), settings.features(), asOf);
    }

    /**
     * Scores a book on disk as of {@code asOf}: every account that was a customer on the day
     * before, in report order, with the rows read per source and where the data came from.
     *
     * @param read     the mapping, what to do with bad rows, and who hears about progress
     * @param features the feature settings, e.g. {@code FeatureSettings.forBook(book, null)}
     * @throws InvalidDataException as {@link #score(Path, LocalDate)}
     * @throws IOException          if a file cannot be read or a rejects file written
     */
    public ScoredBook score(Path book, ReadOptions read, FeatureConfig features, LocalDate asOf) throws IOException {
        Objects.requireNonNull(asOf, "asOf");
        Map<String, Double> stages = new LinkedHashMap<>();
        long started = System.nanoTime();
        List<FeatureTable> tables = new ArrayList<>(1);
        ExtractionReport extraction = FeatureExtractor.create(features).extract(book, read.withFileHashes(true),
                List.of(asOf), tables::add);
        checkUsageIsFresh(book, extraction, asOf);
        checkSomeoneIsACustomer(book, extraction, tables.get(0), asOf);
        started = lap(stages, "features", started);
        List<ScoredAccount> accounts = score(tables.get(0), extraction.accounts(), read.progress());
        lap(stages, "scoring", started);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("book", book.toAbsolutePath().normalize().toString());
        data.put("usage_first_day", extraction.usageFirstDay() == null ? null : extraction.usageFirstDay().toString());
        data.put("usage_last_day", extraction.usageLastDay() == null ? null : extraction.usageLastDay().toString());
        data.put("files", files(extraction));
        return new ScoredBook(asOf, accounts, extraction, provenance, data, stages, tables.get(0));
    }

    /**
     * Explains one account of a book on disk as of {@code asOf}: its report line and every
     * feature's contribution. Reads the whole book, as {@link #score(Path, ReadOptions,
     * FeatureConfig, LocalDate)} does.
     *
     * @throws InvalidArgumentException if the book has no such account, or it was not a customer
     *         on the day before {@code asOf}
     * @throws InvalidDataException     as {@link #score(Path, LocalDate)}
     * @throws IOException              if a file cannot be read
     */
    public ExplainedAccount explain(Path book, ReadOptions read, FeatureConfig features, LocalDate asOf,
                                    String accountId) throws IOException {
        Objects.requireNonNull(accountId, "accountId");
        List<FeatureTable> tables = new ArrayList<>(1);
        ExtractionReport extraction = FeatureExtractor.create(features).extract(book, read, List.of(asOf), tables::add);
        checkUsageIsFresh(book, extraction, asOf);
        FeatureTable table = tables.get(0);
        int row = table.rowOf(accountId);
        if (row < 0) {
            throw new InvalidArgumentException(extraction.accounts().containsKey(accountId)
                    ? "account " + accountId + " was not a customer on " + asOf.minusDays(1)
                            + ", so it is not scored as of " + asOf
                    : "book " + book + " has no account '" + accountId + "' (account ids are case-sensitive)");
        }
        ScoredAccount[] line = new ScoredAccount[table.rows()];
        scoreRows(table, row, row + 1, extraction.accounts(), line);
        Explanation explanation = explain(table.row(row));
        if (line[row].unscoredReason() != null) {
            explanation = new Explanation(explanation.probability(), explanation.band(), explanation.margin(),
                    explanation.base(), explanation.contributions(), explanation.drivers(), explanation.context(),
                    line[row].unscoredReason());
        }
        return new ExplainedAccount(line[row], explanation);
    }

    /**
     * Scores accounts a service holds in memory, as of {@code asOf}.
     *
     * @throws InvalidDataException if a record breaks the data contract
     */
    public ScoredBook score(List<AccountHistory> histories, FeatureConfig features, LocalDate asOf) {
        Map<String, Double> stages = new LinkedHashMap<>();
        long started = System.nanoTime();
        FeatureTable table = FeatureExtractor.create(features).extract(histories, asOf);
        started = lap(stages, "features", started);
        Map<String, AccountInfo> info = new LinkedHashMap<>();
        for (AccountHistory h : histories) {
            info.put(h.account().accountId(), new AccountInfo(h.account().accountId(), h.account().accountName(),
                    h.account().csm(), h.account().ae()));
        }
        List<ScoredAccount> accounts = score(table, info, ProgressListener.NONE);
        lap(stages, "scoring", started);
        return new ScoredBook(asOf, accounts, null, provenance, Map.of(), stages, table);
    }

    /**
     * Scores every row of a feature table, in report order.
     *
     * @param accounts names and CSMs by account id; accounts missing from it have none
     * @param progress hears about progress, from the calling thread only
     * @throws InvalidArgumentException if the table's schema is not {@link Feature#SCHEMA}
     */
    public List<ScoredAccount> score(FeatureTable table, Map<String, AccountInfo> accounts,
                                     ProgressListener progress) {
        if (!table.schema().equals(Feature.SCHEMA)) {
            throw new InvalidArgumentException("the feature table has schema " + table.schema().version()
                    + " but the model scores " + Feature.SCHEMA.version() + "; extract the features with this build");
        }
        int rows = table.rows();
        ScoredAccount[] out = new ScoredAccount[rows];
        int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
        // Waves of a few chunks per core: the progress listener is called between waves, on this thread.
        int wave = Math.max(1, Runtime.getRuntime().availableProcessors() * 4);
        progress.update("scoring accounts", 0, Math.max(1, rows));
        for (int first = 0; first < chunks; first += wave) {
            int last = Math.min(chunks, first + wave);
            IntStream range = IntStream.range(first, last);
            (rows > CHUNK_ROWS ? range.parallel() : range).forEach(c ->
                    scoreRows(table, c * CHUNK_ROWS, Math.min(rows, (c + 1) * CHUNK_ROWS), accounts, out));
            progress.update("scoring accounts", Math.min(rows, last * CHUNK_ROWS), rows);
        }
        List<ScoredAccount> ranked = new ArrayList<>(List.of(out));
        ranked.sort(REPORT_ORDER);
        return ranked;
    }

    /**
     * Scores rows {@code [from, to)} into {@code out[from, to)}, {@value #BLOCK_ROWS} rows at a
     * time: the block's probabilities in one batched call to the scorer, then the contributions
     * of each row the report lists (every scored row).
     */
    private void scoreRows(FeatureTable table, int from, int to, Map<String, AccountInfo> accounts,
                           ScoredAccount[] out) {
        int n = FEATURES.length;
        int size = Math.min(BLOCK_ROWS, to - from);
        double[] block = new double[size * n];
        double[] p = new double[size];
        String[] reasons = new String[size];
        // The scored rows of a block, packed, and their contributions: explained in one batched call.
        double[] scored = new double[size * n];
        double[] c = new double[size * n];
        int[] packedAt = new int[size];
        double[] one = new double[n];
        LocalDate asOf = table.asOf();
        for (int first = from; first < to; first += size) {
            int count = Math.min(size, to - first);
            table.copyRows(first, first + count, block, 0);
            scorer.probabilities(block, 0, count, p, 0);
            int packed = 0;
            for (int i = 0; i < count; i++) {
                reasons[i] = unscorable(block, i * n, asOf);
                if (reasons[i] == null) {
                    System.arraycopy(block, i * n, scored, packed * n, n);
                    packedAt[i] = packed++;
                }
            }
            scorer.contributions(scored, 0, packed, c, 0);
            for (int i = 0; i < count; i++) {
                int r = first + i;
                int x = i * n;
                String id = table.accountIds().get(r);
                AccountInfo info = accounts.get(id);
                Tier tier = References.tierOf(block, x);
                boolean renewalKnown = block[x + Feature.HAS_RENEWAL_DATE.ordinal()] > 0;
                int days = renewalKnown ? (int) block[x + Feature.DAYS_TO_RENEWAL.ordinal()] : -1;
                String reason = reasons[i];
                double probability = Double.NaN;
                RiskBand band = null;
                List<Driver> drivers = List.of();
                if (reason == null) {
                    probability = p[i];
                    band = settings.band(probability);
                    System.arraycopy(c, packedAt[i] * n, one, 0, n);
                    drivers = Drivers.top(block, x, one, ReportCsv.DRIVERS, references);
                }
                String label = band == null ? PlayRule.UNSCORED : band.label();
                out[r] = new ScoredAccount(id, info == null ? null : info.name(), tier,
                        info == null ? null : info.csm(), block[x + Feature.ARR.ordinal()],
                        renewalKnown ? asOf.plusDays(days) : null, days, probability, band, table.healthScore(r),
                        drivers, settings.plays().play(label, tier, days, drivers, block, x), reason,
                        info == null ? null : info.ae());
            }
        }
    }

    /** Records the seconds since {@code started} as {@code stage}; returns now. */
    private static long lap(Map<String, Double> stages, String stage, long started) {
        long now = System.nanoTime();
        stages.put(stage, (now - started) / 1e9);
        return now;
    }

    /** Why an account cannot be scored, or null when it can. */
    static String unscorable(double[] x, int offset, LocalDate asOf) {
        for (int f = 0; f < FEATURES.length; f++) {
            if (!Double.isFinite(x[offset + f])) {
                return "feature " + FEATURES[f].key() + " is " + x[offset + f];
            }
        }
        if (x[offset + Feature.HAS_ACTIVITY.ordinal()] <= 0) {
            return asOf == null ? "no product usage on record" : "no product usage before " + asOf;
        }
        return null;
    }

    private double[] checked(double[] features) {
        Objects.requireNonNull(features, "features");
        if (features.length != FEATURES.length) {
            throw new InvalidArgumentException("the vector has " + features.length + " values (expected "
                    + FEATURES.length + ", one per feature of " + Feature.SCHEMA_VERSION + " in its order)");
        }
        for (int f = 0; f < features.length; f++) {
            if (!Double.isFinite(features[f])) {
                throw new InvalidArgumentException("feature '" + FEATURES[f].key() + "' is " + features[f]
                        + " (expected a finite number)");
            }
        }
        return features;
    }

    /**
     * The checks {@link #score(Path, ReadOptions, FeatureConfig, LocalDate)} makes of an extracted
     * book before scoring it, for an engine that extracts a book itself (churn-spark): the usage
     * export is fresh enough for {@code asOf}, and someone was a customer on the day before.
     *
     * @param book the book as named in messages
     * @throws InvalidDataException as {@link #score(Path, LocalDate)}
     */
    public void checkScorable(String book, ExtractionReport extraction, FeatureTable table, LocalDate asOf) {
        checkUsageIsFresh(book, extraction, asOf);
        checkSomeoneIsACustomer(book, extraction, table, asOf);
    }

    private void checkUsageIsFresh(Object book, ExtractionReport extraction, LocalDate asOf) {
        LocalDate last = extraction.usageLastDay();
        if (last == null) {
            return;
        }
        long lag = ChronoUnit.DAYS.between(last, asOf.minusDays(1));
        if (lag > settings.maxUsageLagDays()) {
            throw new InvalidDataException("book " + book + ": usage ends " + last + ", " + lag + " days before "
                    + asOf.minusDays(1) + " (the last day an as-of date of " + asOf + " sees), so every account"
                    + " would look inactive; score as of " + last.plusDays(1) + ", export fresher usage, or raise"
                    + " scoring.max_usage_lag_days (now " + settings.maxUsageLagDays() + ") in churn.yaml");
        }
    }

    // An as-of date before the book begins would replace yesterday's report with an empty one.
    private static void checkSomeoneIsACustomer(Object book, ExtractionReport extraction, FeatureTable table,
            LocalDate asOf) {
        if (table.rows() > 0) {
            return;
        }
        LocalDate first = extraction.usageFirstDay();
        throw new InvalidDataException("book " + book + ": no account was a customer on " + asOf.minusDays(1)
                + " (the day before the as-of date " + asOf + "), so there is nothing to score ("
                + extraction.accounts().size() + " accounts in the book"
                + (first == null ? ", no usage" : ", usage from " + first + " to " + extraction.usageLastDay())
                + "); score as of a date within the book's data");
    }

    private static Map<String, Object> provenance(ScoringBundle bundle) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", bundle.directory().toAbsolutePath().normalize().toString());
        m.put("algorithm", bundle.manifest().algorithm());
        m.put("created_by", bundle.manifest().createdBy());
        m.put("horizon_days", bundle.manifest().horizonDays());
        m.put("feature_schema", bundle.manifest().schemaVersion());
        m.put("calibration", bundle.manifest().calibration().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        m.put("model_sha256", bundle.modelSha256());
        // The training's inputs stay in bundle.json; the summary names the snapshots and the seed.
        Map<String, Object> trained = bundle.provenance();
        if (trained.get("snapshot_dates") instanceof List<?> dates && !dates.isEmpty()) {
            m.put("trained_snapshots", dates.size() + " from " + dates.get(0) + " to " + dates.get(dates.size() - 1));
        }
        if (trained.containsKey("seed")) {
            m.put("trained_seed", trained.get("seed"));
        }
        return m;
    }

    /** Every file read, with its size and SHA-256 (taken while the extraction read it), by source. */
    private static List<Object> files(ExtractionReport extraction) {
        List<Object> files = new ArrayList<>();
        for (InputFile f : extraction.inputFiles()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", f.source().fileStem());
            entry.put("file", f.path());
            entry.put("bytes", f.bytes());
            entry.put("sha256", f.sha256());
            files.add(entry);
        }
        return files;
    }

    @Override
    public String toString() {
        return "ChurnModel(" + scorer.algorithm() + ", bands red from " + settings.redAt() + ", yellow from "
                + settings.yellowAt() + ")";
    }
}
