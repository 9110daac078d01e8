package org.churnrisk.features.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;

/**
 * Writes feature tables as CSV: {@code account_id, as_of}, every feature in schema order,
 * {@code health_score} and {@code health_band}; one row per account and table, in the order
 * given. Tables are written as they come, so memory holds one at a time.
 *
 * <p>The file is written beside its destination and renamed into place by {@link #commit()}; a
 * writer closed without a commit removes its partial file, so a failed run never leaves half a
 * table and leaves an earlier file untouched. The same tables give the same bytes.
 *
 * <pre>{@code
 * try (FeatureTableWriter writer = new FeatureTableWriter(out, HealthScore.DEFAULT)) {
 *     tables.forEach(writer::write);
 *     writer.commit();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class FeatureTableWriter implements FeatureOutput {
    private final Path out;
    private final Path tmp;
    private final HealthScore health;
    private final Writer writer;
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private boolean header = true;
    private boolean done;

    public FeatureTableWriter(Path out, HealthScore health) throws IOException {
        this.out = out;
        this.health = health;
        this.tmp = AtomicFiles.createSibling(out);
        this.writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** Appends one table's rows. */
    @Override
    public void write(FeatureTable t) {
        try {
            if (header) {
                sb.append("account_id,as_of");
                for (String name : t.schema().names()) {
                    sb.append(',').append(name);
                }
                sb.append(",health_score,health_band\n");
                header = false;
            }
            String asOf = t.asOf().toString();
            int features = t.schema().size();
            for (int r = 0; r < t.rows(); r++) {
                Csv.appendText(sb, t.accountIds().get(r));
                sb.append(',').append(asOf);
                for (int f = 0; f < features; f++) {
                    sb.append(',');
                    Numbers.append(sb, t.value(r, f));
                }
                double score = t.healthScore(r);
                sb.append(',');
                Numbers.append(sb, score);
                sb.append(',').append(health.band(score).label()).append('\n');
                if (sb.length() > 1 << 15) {
                    writer.append(sb);
                    sb.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Finishes the file and moves it into place. */
    @Override
    public void commit() throws IOException {
        writer.append(sb);
        sb.setLength(0);
        writer.close();
        AtomicFiles.moveIntoPlace(tmp, out);
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
