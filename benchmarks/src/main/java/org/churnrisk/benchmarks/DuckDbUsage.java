package org.churnrisk.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.FeatureConfig;

/**
 * DuckDB, through its JDBC driver, computing the windowed usage aggregates of the extractor's
 * usage features (docs/features.md) from the same usage file, CSV or Parquet, for each as-of date:
 * the peer that {@link FeatureExtractionBenchmark#duckdb} measures beside the extraction.
 *
 * <p>Per account and as-of date T, over the rows with {@code T - 90 days <= occurred_at < T}
 * (the extractor's windows, UTC days), with the login, integration and core events of the book's
 * {@link FeatureConfig} matched ignoring case, a blank quantity counted as 1 and a blank user as
 * no user:
 * <ul>
 *   <li>login quantities over 7, 30 and 90 days and the 30 days before the last 30;</li>
 *   <li>distinct users with any event over 7, 30 and 90 days and the 30 days before;</li>
 *   <li>feature-event quantities (not login, not integration) over 30 days and the 30 before,
 *       core-feature quantities and integration quantities over 30 days;</li>
 *   <li>distinct feature events over 30 and 90 days.</li>
 * </ul>
 * That is the usage work behind 17 of the 28 usage features ({@code logins_*}, {@code
 * active_users_*}, {@code events_30d}, {@code events_trend}, {@code distinct_features_*} but the
 * trend, {@code core_events_30d}, {@code integration_syncs_30d}); {@link #check} compares them with the
 * extractor's values. DuckDB does not validate the rows, look up accounts, read the other files or
 * assemble the other 68 features, so the comparison favours it.
 *
 * <p>Not thread-safe: one connection, used by one thread.
 */
final class DuckDbUsage implements AutoCloseable {
    /** The aggregates of {@link #run}, in the order of its result columns after account and date. */
    static final List<String> AGGREGATES = List.of("logins_7d", "logins_30d", "logins_90d", "logins_prev30",
            "active_users_7d", "active_users_30d", "active_users_90d", "active_users_prev30", "events_30d",
            "events_prev30", "core_events_30d", "integration_syncs_30d", "distinct_features_30d",
            "distinct_features_90d");

    private final Connection connection;
    private final String threads;

    /**
     * An in-memory DuckDB database.
     *
     * @param threads DuckDB's worker threads; 0 keeps DuckDB's default (one per core)
     */
    DuckDbUsage(int threads) throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the DuckDB JDBC driver is not on the class path", e);
        }
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            if (threads > 0) {
                s.execute("SET threads = " + threads);
            }
            try (ResultSet r = s.executeQuery("SELECT current_setting('threads')")) {
                r.next();
                this.threads = r.getString(1);
            }
        }
    }

    /** DuckDB's worker threads as it reports them. */
    String threads() {
        return threads;
    }

    /** DuckDB's version as it reports it. */
    String version() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT version()")) {
            r.next();
            return r.getString(1);
        }
    }

    /**
     * The SQL of the aggregates of {@code usage} (a CSV file with a header, or Parquet, by its
     * name) at {@code asOf}; its columns are {@code account_id}, {@code as_of} and {@link #AGGREGATES}.
     */
    static String sql(Path usage, List<LocalDate> asOf, FeatureConfig config) {
        if (!config.zone().normalized().equals(ZoneOffset.UTC)) {
            throw new IllegalArgumentException("the DuckDB peer computes UTC days; the book's zone is " + config.zone());
        }
        String file = usage.toAbsolutePath().toString().replace("'", "''");
        String name = usage.getFileName().toString().toLowerCase(Locale.ROOT);
        String source;
        if (name.endsWith(".parquet")) {
            source = "read_parquet('" + file + "')";
        } else if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            // The column types are given, as the extractor's contract gives them; nothing is sniffed.
            source = "read_csv('" + file + "', header = true, delim = ',', quote = '\"', auto_detect = false, "
                    + "columns = {'account_id': 'VARCHAR', 'occurred_at': 'TIMESTAMP', 'user_id': 'VARCHAR', "
                    + "'event': 'VARCHAR', 'quantity': 'BIGINT', 'errors': 'BIGINT'})";
        } else {
            throw new IllegalArgumentException(usage + ": expected a .csv, .csv.gz or .parquet usage file");
        }
        StringBuilder dates = new StringBuilder();
        for (LocalDate d : asOf) {
            dates.append(dates.length() == 0 ? "" : ", ").append("(DATE '").append(d).append("')");
        }
        String login = literal(config.loginEvent().toLowerCase(Locale.ROOT));
        String integration = list(config.integrationEvents());
        // With no core features configured every feature counts as core (docs/features.md).
        String core = config.coreFeatures().isEmpty() ? "TRUE" : "ev IN (" + list(config.coreFeatures()) + ")";
        String w7 = "ts >= t - INTERVAL 7 DAY";
        String w30 = "ts >= t - INTERVAL 30 DAY";
        String prev = "ts >= t - INTERVAL 60 DAY AND ts < t - INTERVAL 30 DAY";
        return "WITH d(t) AS (SELECT CAST(x AS TIMESTAMP) FROM (VALUES " + dates + ") v(x)),\n"
                + "u AS (SELECT account_id, CAST(occurred_at AS TIMESTAMP) AS ts, NULLIF(user_id, '') AS user_id,\n"
                + "  lower(event) AS ev, coalesce(quantity, 1) AS q,\n"
                + "  CASE WHEN lower(event) = " + login + " THEN 0 WHEN lower(event) IN (" + integration
                + ") THEN 2 ELSE 1 END AS kind\n"
                + "  FROM " + source + ")\n"
                + "SELECT account_id, CAST(t AS DATE) AS as_of,\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 0 AND " + w7 + "), 0),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 0 AND " + w30 + "), 0),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 0), 0),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 0 AND " + prev + "), 0),\n"
                + "  count(DISTINCT user_id) FILTER (WHERE " + w7 + "),\n"
                + "  count(DISTINCT user_id) FILTER (WHERE " + w30 + "),\n"
                + "  count(DISTINCT user_id),\n"
                + "  count(DISTINCT user_id) FILTER (WHERE " + prev + "),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 1 AND " + w30 + "), 0),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 1 AND " + prev + "), 0),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 1 AND " + core + " AND " + w30 + "), 0),\n"
                + "  coalesce(sum(q) FILTER (WHERE kind = 2 AND " + w30 + "), 0),\n"
                + "  count(DISTINCT ev) FILTER (WHERE kind = 1 AND " + w30 + "),\n"
                + "  count(DISTINCT ev) FILTER (WHERE kind = 1)\n"
                + "FROM u JOIN d ON u.ts >= d.t - INTERVAL 90 DAY AND u.ts < d.t\n"
                + "GROUP BY account_id, t";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "NULL" : names.stream().map(n -> literal(n.toLowerCase(Locale.ROOT))).sorted()
                .collect(Collectors.joining(", "));
    }

    /** The aggregates, keyed by {@code as_of + "/" + account_id}; each is {@link #AGGREGATES} in order. */
    Map<String, long[]> run(String sql) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        int n = AGGREGATES.size();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = r.getLong(3 + i);
                }
                out.put(r.getObject(2, LocalDate.class) + "/" + r.getString(1), values);
            }
        }
        return out;
    }

    /**
     * How the extractor's tables and DuckDB's aggregates disagree: empty when every active
     * account of every table has DuckDB's values (none at all for an account without usage in the
     * 90 days), otherwise the first disagreements, one a line. Trends are recomputed from DuckDB's
     * sums the way the extractor computes them and must agree to the bit.
     */
    static List<String> check(List<FeatureTable> tables, Map<String, long[]> duck) {
        List<String> problems = new ArrayList<>();
        long[] none = new long[AGGREGATES.size()];
        long compared = 0;
        for (FeatureTable t : tables) {
            for (int row = 0; row < t.rows(); row++) {
                String account = t.accountIds().get(row);
                long[] v = duck.getOrDefault(t.asOf() + "/" + account, none);
                double[] expected = {
                    v[0], v[1], v[2], trend(v[1], v[3]),
                    v[4], v[5], v[6], trend(v[5], v[7]),
                    v[8], trend(v[8], v[9]), v[10], v[11], v[12], v[13]};
                String[] columns = {
                    "logins_7d", "logins_30d", "logins_90d", "logins_trend",
                    "active_users_7d", "active_users_30d", "active_users_90d", "active_users_trend",
                    "events_30d", "events_trend", "core_events_30d", "integration_syncs_30d",
                    "distinct_features_30d", "distinct_features_90d"};
                for (int i = 0; i < columns.length; i++) {
                    double got = t.value(row, columns[i]);
                    compared++;
                    if (Double.doubleToLongBits(got) != Double.doubleToLongBits(expected[i]) && problems.size() < 20) {
                        problems.add(t.asOf() + " " + account + " " + columns[i] + ": extractor " + got + ", DuckDB "
                                + expected[i]);
                    }
                }
            }
        }
        if (compared == 0) {
            problems.add("no value was compared: the tables have no rows");
        }
        return problems;
    }

    /** The extractor's trend, {@code (a - b) / (a + b)}, 0 when both are 0 (docs/features.md). */
    private static double trend(double a, double b) {
        return a + b == 0 ? 0 : (a - b) / (a + b);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
