package org.churnrisk.train.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.train.data.LabelPolicy;
import org.churnrisk.train.data.SnapshotDataset;

/**
 * Small hand-made snapshot sets for tests that need no generated book: {@code accounts} accounts
 * at one as-of date, 2025-01-01, over three features. ARR runs in the tens of thousands, the
 * login count falls for churners, and {@code flag} is 0 for everyone. Account {@code i} churns
 * (on 2025-02-01, inside the 120-day window) when {@code i % every == 0}.
 */
final class TinySnapshots {
    static final LocalDate AS_OF = LocalDate.of(2025, 1, 1);
    static final FeatureSchema SCHEMA = new FeatureSchema("tiny-1", List.of("arr", "logins_30d", "flag"));

    private TinySnapshots() {}

    static SnapshotDataset of(int accounts, int every) {
        return of(SCHEMA, accounts, every);
    }

    static SnapshotDataset of(FeatureSchema schema, int accounts, int every) {
        SplittableRandom rng = new SplittableRandom(11);
        List<String> ids = new ArrayList<>();
        double[] values = new double[accounts * schema.size()];
        double[] health = new double[accounts];
        Map<String, List<LocalDate>> churns = new TreeMap<>();
        for (int i = 0; i < accounts; i++) {
            String id = String.format("A%05d", i);
            ids.add(id);
            boolean churner = i % every == 0;
            values[i * schema.size()] = 10_000 + rng.nextInt(90_000);
            values[i * schema.size() + 1] = churner ? rng.nextInt(20) : 10 + rng.nextInt(40);
            health[i] = 50;
            if (churner) {
                churns.put(id, List.of(LocalDate.of(2025, 2, 1)));
            }
        }
        FeatureTable table = new FeatureTable(schema, AS_OF, ids, values, health);
        return SnapshotDataset.label(List.of(table), churns, LocalDate.of(2025, 12, 31), LabelPolicy.DEFAULT);
    }

    static int[] all(SnapshotDataset d) {
        return d.rows(t -> true);
    }
}
