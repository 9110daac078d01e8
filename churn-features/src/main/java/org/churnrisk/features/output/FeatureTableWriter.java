package org.churnrisk.features.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.HealthScore;

/**
 * Writes feature tables as CSV: {@code account_id, as_of}, every feature in schema order,
 * {@code health_score} and {@code health_band}; one row per account, as the table orders them.
 *
 * <p>The file is written beside its destination and renamed into place when complete, so a
 * failed run never leaves half a table. The same tables give the same bytes.
 */
public final class FeatureTableWriter {
    private FeatureTableWriter() {
    }

    /** Writes the tables, one after the other, into one CSV file at {@code out}. */
    public static void writeCsv(Path out, HealthScore health, Iterable<FeatureTable> tables) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + out.getFileName() + ".", ".partial");
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                    1 << 16)) {
                boolean header = true;
                StringBuilder sb = new StringBuilder(4096);
                for (FeatureTable t : tables) {
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
                            w.append(sb);
                            sb.setLength(0);
                        }
                    }
                }
                w.append(sb);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
