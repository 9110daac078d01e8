package org.churnrisk.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;

/**
 * Runs the simulation day by day over every account and streams each export to disk as it goes.
 *
 * <p>Memory holds one state per account and the commercial history (terms and churns), never the
 * activity: usage, tickets, surveys and touchpoints are written on the day they happen, so rows
 * come out in time order, as exports do.
 */
final class BookSimulation {
    /** Days simulated before the export window, so that accounts arrive with a history. */
    static final int HISTORY_DAYS = 3 * 365;
    static final int TRUTH_HORIZON_DAYS = 120;
    static final double REACTIVATE_P = 0.00025;

    private static final byte[] LOGIN = bytes("login");
    private static final byte[] INTEGRATION_SYNC = bytes("integration_sync");
    private static final byte[] REPORT_EXPORT = bytes("report_export");
    /** Feature events a user may produce on an active day, with base probabilities. */
    private static final byte[][] FEATURES = {
        bytes("dashboard_view"), bytes("report_build"), bytes("workflow_run"),
        bytes("alert_setup"), bytes("share_link"), bytes("mobile_session"), bytes("api_call")};
    private static final double[] FEATURE_P = {0.60, 0.30, 0.22, 0.05, 0.07, 0.08, 0.04};
    private static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
    private static final String[] TOUCH_KINDS_BY_TIER = {"email", "call", "meeting"};
    /** Daily chance of a CSM touchpoint by tier, for a fully engaged customer. */
    private static final double[] TOUCH_RATE = {0.012, 0.05, 0.14};
    /** Resolution time by priority (low, normal, high, urgent), relative to normal. */
    private static final double[] RESOLUTION_FACTOR = {1.8, 1.0, 0.6, 0.3};

    private final GeneratorConfig config;
    private final Path dir;
    private final ProgressListener progress;
    private final int windowStart;
    private final int windowEnd;
    private final long epochOfDay0;
    private final byte[][] dateBytes;
    private final SimAccount[] accounts;
    private long ticketCounter;

    private CsvOut usage;
    private int usageMonth = -1;
    private CsvOut tickets;
    private CsvOut surveys;
    private CsvOut touchpoints;
    private CsvOut truth;
    private final LatentState scratch = new LatentState();
    private final List<PendingTicket> dayTickets = new ArrayList<>();

    private record PendingTicket(SimAccount account, long createdSecond, long resolvedSecond, int priority,
                                 boolean escalated, int satisfaction) { }

    BookSimulation(GeneratorConfig config, Path dir, ProgressListener progress) {
        this.config = config;
        this.dir = dir;
        this.progress = progress;
        this.windowStart = HISTORY_DAYS;
        this.windowEnd = HISTORY_DAYS + config.days();
        this.epochOfDay0 = config.start().toEpochDay() - HISTORY_DAYS;
        this.dateBytes = new byte[config.days()][];
        for (int i = 0; i < config.days(); i++) {
            dateBytes[i] = bytes(date(windowStart + i).toString());
        }
        this.accounts = createAccounts();
    }

    /** Runs the whole simulation and writes every file; returns row counts per file. */
    GenerationReport run() throws IOException {
        long started = System.nanoTime();
        openStreams();
        try {
            for (int day = 0; day < windowEnd; day++) {
                boolean observed = day >= windowStart;
                for (SimAccount a : accounts) {
                    stepLatent(a, day);
                    if (observed && a.status == SimAccount.Status.ACTIVE) {
                        observe(a, day);
                    }
                }
                if (observed) {
                    flushTickets(day);
                    if (truth != null && date(day).getDayOfMonth() == 1) {
                        writeTruth(day);
                    }
                    progress.update("simulating days", day - windowStart + 1, config.days());
                }
            }
        } finally {
            closeStreams();
        }
        long usageRows = usageRowsWritten;
        long accountsRows = writeAccounts();
        long contractRows = writeContracts();
        long churnRows = writeChurns();
        double seconds = (System.nanoTime() - started) / 1e9;
        writeManifest();
        return new GenerationReport(config, accountsRows, usageRows, ticketsRows, surveysRows,
                touchpointsRows, contractRows, churnRows, truthRows, seconds);
    }

    private long usageRowsWritten;
    private long ticketsRows;
    private long surveysRows;
    private long touchpointsRows;
    private long truthRows;

    // ---------------------------------------------------------------- accounts and hidden state

    private SimAccount[] createAccounts() {
        SplittableRandom root = new SplittableRandom(config.seed());
        int n = config.accounts();
        int width = Math.max(5, Integer.toString(n).length());
        SimAccount[] result = new SimAccount[n];
        for (int i = 0; i < n; i++) {
            SplittableRandom latent = root.split();
            SplittableRandom obs = root.split();
            // 70% of accounts are customers before the window opens, the rest arrive during it.
            int firstStart = latent.nextDouble() < 0.70
                    ? latent.nextInt(windowStart)
                    : windowStart + latent.nextInt(Math.max(1, config.days() - 30));
            double u = latent.nextDouble();
            int tier = u < 0.62 ? 0 : u < 0.91 ? 1 : 2;
            double arr = drawArr(tier, latent);
            String id = "A" + String.format("%0" + width + "d", i + 1);
            SimAccount a = new SimAccount(i, id, Names.company(obs), Names.csm(tier, obs), firstStart,
                    latent, obs);
            LatentState s = a.state;
            Dynamics.setArr(s, arr);
            s.mu = Dynamics.MU_SD * latent.nextGaussian();
            s.x = Dynamics.X_SD * latent.nextGaussian();
            s.tau = 28 * Math.exp(0.75 * latent.nextGaussian());
            result[i] = a;
        }
        return result;
    }

    private static double drawArr(int tier, SplittableRandom rng) {
        double lo = tier == 0 ? 2_400 : tier == 1 ? 10_000 : 50_500;
        double hi = tier == 0 ? 9_900 : tier == 1 ? 50_000 : 400_000;
        double arr = lo * Math.exp(rng.nextDouble() * Math.log(hi / lo));
        return Math.min(hi, Math.max(lo, Math.round(arr / 100) * 100.0));
    }

    private void stepLatent(SimAccount a, int day) {
        LatentState s = a.state;
        SplittableRandom rng = a.latentRng;
        switch (a.status) {
            case PENDING -> {
                if (day == a.firstStart) {
                    startTenure(a, day);
                }
            }
            case ACTIVE -> {
                Dynamics.advance(s, rng);
                if (day > s.tenureStart) {
                    double p = Dynamics.churnProbability(s, day);
                    if (rng.nextDouble() < p) {
                        a.status = SimAccount.Status.CHURNED;
                        a.churns.add(new SimAccount.Churn(day, churnReason(a, day)));
                    } else if (day == s.termEnd) {
                        Dynamics.renew(s, day, rng);
                        a.recordTerm();
                    }
                }
            }
            case CHURNED -> {
                if (rng.nextDouble() < REACTIVATE_P) {
                    // A returning customer signs a smaller deal, knows the product and starts healthier.
                    Dynamics.setArr(s, Math.max(1_200, Math.round(s.arr * (0.6 + 0.4 * rng.nextDouble()) / 100)
                            * 100.0));
                    s.mu = 0.2 + 0.5 * rng.nextGaussian();
                    s.x = 0;
                    s.tau = 14 * Math.exp(0.5 * rng.nextGaussian());
                    startTenure(a, day);
                }
            }
            default -> throw new IllegalStateException(a.status.toString());
        }
    }

    private void startTenure(SimAccount a, int day) {
        LatentState s = a.state;
        a.status = SimAccount.Status.ACTIVE;
        s.tenureStart = day;
        s.termStart = day;
        s.termEnd = day + Dynamics.TERM_DAYS;
        s.renewals = 0;
        a.integrationConnected = false;
        a.recordTerm();
    }

    private static String churnReason(SimAccount a, int day) {
        LatentState s = a.state;
        if (day != s.termEnd) {
            return a.latentRng.nextDouble() < 0.5 ? "business closed" : "budget cuts";
        }
        if (s.renewals == 0 && Dynamics.stall(s) > 0.5) {
            return "low adoption";
        }
        if (s.x < -1.0) {
            return "champion left";
        }
        double u = a.latentRng.nextDouble();
        return u < 0.4 ? "moved to competitor" : u < 0.7 ? "budget" : "product gaps";
    }

    // ---------------------------------------------------------------- what the exports show

    private void observe(SimAccount a, int day) throws IOException {
        LatentState s = a.state;
        SplittableRandom rng = a.obsRng;
        double h = s.health();
        double engagement = sigmoid(0.9 * h + 0.3);
        double ramp = 1 - Math.exp(-(day - s.tenureStart + 1) / s.tau);
        int dow = (int) Math.floorMod(epochOfDay0 + day + 3, 7); // 0 = Monday
        boolean weekend = dow >= 5;
        a.provisionUsers();
        if (day == windowStart && day - s.tenureStart > 60) {
            a.integrationConnected = rng.nextDouble() < 0.8;
        }

        writeUsage(a, day, rng, h, engagement, ramp, weekend);
        if (!weekend) {
            maybeTickets(a, day, rng, h, engagement, ramp);
            maybeTouchpoints(a, day, rng, engagement);
        }
        maybeSurveys(a, day, rng, h);
    }

    private void writeUsage(SimAccount a, int day, SplittableRandom rng, double h, double engagement,
                            double ramp, boolean weekend) throws IOException {
        CsvOut out = usageOut(day);
        byte[] date = dateBytes[day - windowStart];
        double active = engagement * ramp * (weekend ? 0.08 : 0.8);
        double depth = sigmoid(1.1 * h + 0.4) * (0.3 + 0.7 * ramp);
        double errorRate = 0.01 + 0.05 * (1 - engagement);
        double exportP = 0.06 * depth * ramp;
        double[] propensity = a.propensity;
        long rows = 0;
        for (int u = 0, n = a.state.seats; u < n; u++) {
            if (rng.nextDouble() >= propensity[u] * active) {
                continue;
            }
            byte[] user = a.userId(u);
            double q = rng.nextDouble();
            out.raw(a.idBytes).raw(date).raw(user).raw(LOGIN).number(q < 0.7 ? 1 : q < 0.92 ? 2 : 3).number(0);
            out.endRow();
            rows++;
            for (int f = 0; f < FEATURES.length; f++) {
                if (rng.nextDouble() < FEATURE_P[f] * depth) {
                    writeEvent(out, a, date, user, FEATURES[f], rng, errorRate);
                    rows++;
                }
            }
            if (rng.nextDouble() < exportP) {
                writeEvent(out, a, date, user, REPORT_EXPORT, rng, errorRate);
                rows++;
            }
        }
        if (!a.integrationConnected && rng.nextDouble() < 0.05 * ramp * engagement) {
            a.integrationConnected = true;
        }
        if (a.integrationConnected && rng.nextDouble() < 0.97 - 0.3 * (1 - engagement)) {
            int syncs = 4 + rng.nextInt(8 + a.state.seats / 10);
            double syncErrorRate = 0.01 + 0.3 * (1 - engagement) * (1 - engagement);
            int errors = (int) Math.round(syncs * syncErrorRate * 2 * rng.nextDouble());
            out.raw(a.idBytes).raw(date).empty().raw(INTEGRATION_SYNC).number(syncs).number(errors);
            out.endRow();
            rows++;
        }
        usageRowsWritten += rows;
    }

    private static void writeEvent(CsvOut out, SimAccount a, byte[] date, byte[] user, byte[] event,
                                   SplittableRandom rng, double errorRate) throws IOException {
        int quantity = 1;
        while (quantity < 50 && rng.nextDouble() < 0.55) {
            quantity++;
        }
        int errors = rng.nextDouble() < errorRate ? 1 : 0;
        out.raw(a.idBytes).raw(date).raw(user).raw(event).number(quantity).number(errors);
        out.endRow();
    }

    private void maybeTickets(SimAccount a, int day, SplittableRandom rng, double h, double engagement,
                              double ramp) {
        double rate = (0.02 + 0.003 * Math.pow(a.state.seats, 0.8)) * Math.exp(-0.5 * h) * (1 + 1.2 * (1 - ramp));
        int count = poisson(rate, rng);
        double distress = 1 - engagement;
        for (int i = 0; i < count; i++) {
            long created = (epochOfDay0 + day) * 86_400L + 8 * 3_600 + rng.nextInt(10 * 3_600);
            double u = rng.nextDouble();
            int priority = u < 0.03 + 0.06 * distress ? 3 : u < 0.15 + 0.14 * distress ? 2 : u < 0.40 ? 0 : 1;
            boolean escalated = rng.nextDouble() < 0.02 + 0.15 * distress * distress + (priority == 3 ? 0.2 : 0);
            double medianHours = 18 * RESOLUTION_FACTOR[priority] * (1 + distress);
            long resolved = created + (long) (3_600 * medianHours * Math.exp(0.9 * rng.nextGaussian()));
            int satisfaction = 0;
            if (rng.nextDouble() < 0.45) {
                satisfaction = clamp((int) Math.round(3.4 + 1.1 * h + 0.9 * rng.nextGaussian()), 1, 5);
            }
            dayTickets.add(new PendingTicket(a, created, resolved, priority, escalated, satisfaction));
        }
    }

    /** Writes the day's tickets in creation order, numbering them as a help desk would. */
    private void flushTickets(int day) throws IOException {
        dayTickets.sort(Comparator.comparingLong(PendingTicket::createdSecond)
                .thenComparingInt(t -> t.account().index));
        long exportEnd = (epochOfDay0 + windowEnd) * 86_400L;
        for (PendingTicket t : dayTickets) {
            ticketCounter++;
            tickets.text("T" + String.format("%07d", ticketCounter)).raw(t.account().idBytes)
                    .raw(instant(t.createdSecond()));
            if (t.resolvedSecond() < exportEnd) {
                tickets.raw(instant(t.resolvedSecond()));
            } else {
                tickets.empty();
            }
            tickets.text(PRIORITIES[t.priority()]).text(t.escalated() ? "true" : "false");
            if (t.satisfaction() > 0 && t.resolvedSecond() < exportEnd) {
                tickets.number(t.satisfaction());
            } else {
                tickets.empty();
            }
            tickets.endRow();
        }
        ticketsRows += dayTickets.size();
        dayTickets.clear();
    }

    private void maybeTouchpoints(SimAccount a, int day, SplittableRandom rng, double engagement)
            throws IOException {
        int tier = a.state.tier;
        double rate = TOUCH_RATE[tier] * (0.3 + engagement);
        String kind = null;
        int sinceStart = day - a.state.termStart;
        if (tier > 0 && sinceStart > 0 && sinceStart % (tier == 2 ? 91 : 182) == 0
                && rng.nextDouble() < 0.4 + 0.6 * engagement) {
            kind = "qbr";
        } else if (tier == 2 && a.state.termEnd - day == 75 && rng.nextDouble() < 0.5 + 0.5 * engagement) {
            kind = "ebr";
        } else if (rng.nextDouble() < rate) {
            kind = tier == 0 ? (rng.nextDouble() < 0.8 ? "email" : "call")
                    : TOUCH_KINDS_BY_TIER[rng.nextInt(TOUCH_KINDS_BY_TIER.length)];
        }
        if (kind != null) {
            touchpoints.raw(a.idBytes).raw(dateBytes[day - windowStart]).text(kind);
            touchpoints.endRow();
            touchpointsRows++;
        }
    }

    private void maybeSurveys(SimAccount a, int day, SplittableRandom rng, double h) throws IOException {
        int seats = a.state.seats;
        long dayStart = (epochOfDay0 + day) * 86_400L;
        int offset = day - windowStart;
        if (offset % 91 == a.npsOffset) {
            int invited = Math.min(seats, 12);
            for (int i = 0; i < invited; i++) {
                if (rng.nextDouble() < 0.3) {
                    int score = clamp((int) Math.round(7.2 + 1.9 * h + 1.6 * rng.nextGaussian()), 0, 10);
                    writeSurvey(a, dayStart + 9 * 3_600 + rng.nextInt(12 * 3_600), "nps", score,
                            rng.nextInt(seats));
                }
            }
        }
        if (offset % 30 == a.csatOffset && rng.nextDouble() < 0.5) {
            int score = clamp((int) Math.round(3.8 + 0.7 * h + 0.8 * rng.nextGaussian()), 1, 5);
            writeSurvey(a, dayStart + 9 * 3_600 + rng.nextInt(12 * 3_600), "csat", score, rng.nextInt(seats));
        }
    }

    private void writeSurvey(SimAccount a, long second, String kind, int score, int user) throws IOException {
        surveys.raw(a.idBytes).raw(instant(second)).text(kind).number(score).text(a.userIdString(user));
        surveys.endRow();
        surveysRows++;
    }

    private void writeTruth(int day) throws IOException {
        int horizon = TRUTH_HORIZON_DAYS;
        int paths = config.truthSamples();
        double[] p = new double[accounts.length];
        IntStream.range(0, accounts.length).parallel().forEach(i -> {
            SimAccount a = accounts[i];
            if (a.status == SimAccount.Status.ACTIVE && a.state.tenureStart < day) {
                SplittableRandom rng = new SplittableRandom(mix(config.seed(), i, day));
                p[i] = Dynamics.churnWithin(a.state, day, horizon, paths, rng, new LatentState());
            } else {
                p[i] = Double.NaN;
            }
        });
        byte[] date = dateBytes[day - windowStart];
        for (int i = 0; i < accounts.length; i++) {
            if (!Double.isNaN(p[i])) {
                truth.raw(accounts[i].idBytes).raw(date).text(String.format(java.util.Locale.ROOT, "%.6f", p[i]));
                truth.endRow();
                truthRows++;
            }
        }
    }

    // ---------------------------------------------------------------- files

    private void openStreams() throws IOException {
        tickets = open("tickets.csv", false);
        tickets.header(Source.TICKETS.columnNames());
        surveys = open("surveys.csv", false);
        surveys.header(Source.SURVEYS.columnNames());
        touchpoints = open("touchpoints.csv", false);
        touchpoints.header(Source.TOUCHPOINTS.columnNames());
        if (config.truthSamples() > 0) {
            truth = open("truth.csv", false);
            truth.header(List.of("account_id", "as_of", "p_churn_120d"));
        }
        if (config.usageLayout() == UsageLayout.MONTHLY_CSV_GZ) {
            Files.createDirectories(dir.resolve("usage"));
        }
    }

    private CsvOut usageOut(int day) throws IOException {
        if (usage == null) {
            usage = switch (config.usageLayout()) {
                case CSV -> open("usage.csv", false);
                case CSV_GZ -> open("usage.csv.gz", true);
                case MONTHLY_CSV_GZ -> open("usage/part-" + yearMonth(day) + ".csv.gz", true);
            };
            usage.header(Source.USAGE.columnNames());
            usageMonth = monthIndex(day);
        } else if (config.usageLayout() == UsageLayout.MONTHLY_CSV_GZ && monthIndex(day) != usageMonth) {
            usage.close();
            usage = null;
            return usageOut(day);
        }
        return usage;
    }

    private int monthIndex(int day) {
        LocalDate d = date(day);
        return d.getYear() * 12 + d.getMonthValue();
    }

    private String yearMonth(int day) {
        return date(day).toString().substring(0, 7);
    }

    private void closeStreams() throws IOException {
        IOException failure = null;
        for (CsvOut out : new CsvOut[] {usage, tickets, surveys, touchpoints, truth}) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private long writeAccounts() throws IOException {
        try (CsvOut out = open("accounts.csv", false)) {
            // The generator has no account executives: the optional ae column is left out.
            out.header(Source.ACCOUNTS.columnNames().subList(0, Source.ACCOUNTS.columnNames().indexOf("ae")));
            for (SimAccount a : accounts) {
                if (a.terms.isEmpty()) {
                    continue; // signs after the export date: not in the CRM yet
                }
                LatentState s = a.state;
                boolean active = a.status == SimAccount.Status.ACTIVE;
                out.raw(a.idBytes).text(a.name).number(active ? (long) s.arr : 0)
                        .number(active ? s.seats : 0).text(date(a.firstStart).toString());
                if (active) {
                    out.text(date(s.termEnd).toString());
                } else {
                    out.empty();
                }
                out.text(TIER_LABELS[s.tier]).text(a.csm);
                out.endRow();
            }
            return out.rows();
        }
    }

    private static final String[] TIER_LABELS = {"starter", "growth", "enterprise"};
    private static final String[] PLANS = {"Starter annual", "Growth annual", "Enterprise annual"};

    private long writeContracts() throws IOException {
        try (CsvOut out = open("contracts.csv", false)) {
            out.header(Source.CONTRACTS.columnNames());
            for (SimAccount a : accounts) {
                for (SimAccount.Term t : a.terms) {
                    out.raw(a.idBytes).text(date(t.start()).toString()).text(date(t.end()).toString())
                            .number((long) t.arr()).number(t.seats()).text(PLANS[t.tier()]);
                    out.endRow();
                }
            }
            return out.rows();
        }
    }

    private long writeChurns() throws IOException {
        try (CsvOut out = open("churn.csv", false)) {
            out.header(Source.CHURN.columnNames());
            for (SimAccount a : accounts) {
                for (SimAccount.Churn c : a.churns) {
                    out.raw(a.idBytes).text(date(c.day()).toString()).text(c.reason());
                    out.endRow();
                }
            }
            return out.rows();
        }
    }

    private void writeManifest() throws IOException {
        String json = "{\n"
                + "  \"generator\": \"churn-risk sample-data\",\n"
                + "  \"accounts\": " + config.accounts() + ",\n"
                + "  \"days\": " + config.days() + ",\n"
                + "  \"start\": \"" + config.start() + "\",\n"
                + "  \"end\": \"" + config.end() + "\",\n"
                + "  \"seed\": " + config.seed() + ",\n"
                + "  \"truth_samples\": " + config.truthSamples() + ",\n"
                + "  \"truth_horizon_days\": " + TRUTH_HORIZON_DAYS + ",\n"
                + "  \"usage_layout\": \"" + config.usageLayout().label() + "\"\n"
                + "}\n";
        Files.writeString(dir.resolve("generator.json"), json, StandardCharsets.UTF_8);
        String yaml = "# How churn-risk reads this generated book (docs/mapping.md, docs/features.md).\n"
                + "zone: UTC\n"
                + "features:\n"
                + "  login_event: login\n"
                + "  integration_events: [integration_sync]\n"
                + "  export_events: [report_export]\n"
                + "  core_features: [dashboard_view, report_build, workflow_run]\n";
        Files.writeString(dir.resolve("churn.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private CsvOut open(String name, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(dir.resolve(name));
        OutputStream out = gzip ? new DeterministicGzip(raw) : new BufferedOutputStream(raw, 1 << 16);
        return new CsvOut(out);
    }

    // ---------------------------------------------------------------- small helpers

    private LocalDate date(int day) {
        return LocalDate.ofEpochDay(epochOfDay0 + day);
    }

    private byte[] instant(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        int index = (int) (day - epochOfDay0 - windowStart);
        byte[] date = index >= 0 && index < dateBytes.length ? dateBytes[index]
                : bytes(LocalDate.ofEpochDay(day).toString());
        byte[] b = new byte[date.length + 10];
        System.arraycopy(date, 0, b, 0, date.length);
        int p = date.length;
        b[p++] = 'T';
        p = two(b, p, secondOfDay / 3_600);
        b[p++] = ':';
        p = two(b, p, secondOfDay / 60 % 60);
        b[p++] = ':';
        p = two(b, p, secondOfDay % 60);
        b[p] = 'Z';
        return b;
    }

    private static int two(byte[] b, int p, int v) {
        b[p] = (byte) ('0' + v / 10);
        b[p + 1] = (byte) ('0' + v % 10);
        return p + 2;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int poisson(double lambda, SplittableRandom rng) {
        double limit = Math.exp(-lambda);
        double product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= rng.nextDouble();
        }
        return k;
    }

    static long mix(long seed, int account, int day) {
        long z = seed * 0x9E3779B97F4A7C15L + account * 0xBF58476D1CE4E5B9L + day * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * GZIP at the default level (level 9 is 5% smaller and three times slower). The JDK writes a
     * header without a timestamp, so the output is byte-identical for identical input.
     */
    private static final class DeterministicGzip extends GZIPOutputStream {
        DeterministicGzip(OutputStream out) throws IOException {
            super(new BufferedOutputStream(out, 1 << 16), 1 << 16);
        }
    }
}
