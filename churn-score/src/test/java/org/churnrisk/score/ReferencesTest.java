package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.churnrisk.features.Feature.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.score.bundle.BundleJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencesTest {
    @TempDir
    Path tmp;

    @Test
    void theMedianIsTakenPerTierOverTheRenewedSnapshotsOnly() {
        int n = values().length;
        int rows = 2 * References.MIN_COHORT + 1;
        double[] x = new double[rows * n];
        boolean[] renewed = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            x[r * n + TIER_GROWTH.ordinal()] = 1;
            x[r * n + LOGINS_30D.ordinal()] = r;
            renewed[r] = r % 2 == 0;    // rows 0, 2, ..., 20
        }
        x[(rows - 1) * n + LOGINS_30D.ordinal()] = 1_000;  // an outlier does not move the median of 0, 2, ..., 18

        References references = References.of(x, renewed);

        assertThat(references.cohortSize(Tier.GROWTH)).isEqualTo(References.MIN_COHORT + 1);
        assertThat(references.median(Tier.GROWTH, LOGINS_30D)).isEqualTo(10);
        assertThat(references.median(Tier.STARTER, LOGINS_30D)).isNaN();
    }

    @Test
    void anEvenCohortTakesTheMeanOfTheMiddleTwo() {
        assertThat(References.median(new double[] {4, 1, 3, 2}, 4)).isEqualTo(2.5);
    }

    @Test
    void aConditionalFeatureHasItsMedianOverTheAccountsWhoseValueIsKnown() {
        References references = Vectors.renewed(Vectors.zeros().set(HAS_NPS, 1).set(NPS_MEAN_90D, 8).get(),
                Vectors.zeros().set(HAS_NPS, 0).set(NPS_MEAN_90D, 0).get(),
                Vectors.zeros().set(HAS_NPS, 0).set(NPS_MEAN_90D, 0).get());

        assertThat(references.median(Tier.STARTER, NPS_MEAN_90D)).isEqualTo(8);
        assertThat(references.median(Tier.STARTER, HAS_NPS)).isEqualTo(0);
    }

    @Test
    void fewerSnapshotsThanACohortGiveNoMedian() {
        int n = values().length;
        double[] x = new double[(References.MIN_COHORT - 1) * n];
        References references = References.of(x, new boolean[References.MIN_COHORT - 1]);

        assertThat(references.isEmpty()).isTrue();
    }

    @Test
    void theBundleFormRoundTrips() {
        References references = DriverPhrasesTest.RENEWED;

        References back = References.fromMap(BundleJson.toMap(BundleJson.object(references.toMap(), "references")));

        assertThat(back.toMap()).isEqualTo(references.toMap());
        assertThat(back.median(Tier.GROWTH, SEAT_UTILISATION_30D)).isEqualTo(0.92);
    }

    @Test
    void aMedianOfAFeatureNotComparedWithACohortIsRefused() {
        Map<String, Object> medians = new LinkedHashMap<>(Map.of("logins_trend", 0.1));
        Map<String, Object> map = Map.of("tiers", Map.of("growth", Map.of("renewed_snapshots", 10, "medians", medians)));

        assertThatThrownBy(() -> References.fromMap(map)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("references.tiers.growth.medians.logins_trend is not a feature compared with a cohort");
    }

    @Test
    void aBundleWithoutReferencesLoadsAndItsDriversCompareWithOwnHistoryOnly() throws IOException {
        Path dir = copy(TrainedBook.LOGISTIC.model());
        Path file = dir.resolve(BundleJson.BUNDLE_JSON);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        root.remove(BundleJson.REFERENCES);
        root.put(BundleJson.DIGEST, "sha256:" + BundleJson.digest(root));
        Files.writeString(file, BundleJson.pretty(root), StandardCharsets.UTF_8);

        ChurnModel model = ChurnModel.load(dir);
        ScoredBook book = model.score(TrainedBook.BOOK, TrainedBook.AS_OF);

        assertThat(model.references().isEmpty()).isTrue();
        assertThat(book.ranked()).flatExtracting(ScoredAccount::drivers)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(Comparisons.of(d.feature()).kind()).isNotEqualTo(Comparisons.Kind.COHORT));
    }

    @Test
    void aBundleWithBadReferencesIsRefusedNamingTheKey() throws IOException {
        Path dir = copy(TrainedBook.LOGISTIC.model());
        Path file = dir.resolve(BundleJson.BUNDLE_JSON);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        ((ObjectNode) root.get(BundleJson.REFERENCES).get("tiers").get("growth").get("medians")).put("arr", 1.0);
        root.put(BundleJson.DIGEST, "sha256:" + BundleJson.digest(root));
        Files.writeString(file, BundleJson.pretty(root), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ChurnModel.load(dir)).isInstanceOf(BundleException.class)
                .hasMessage("model bundle " + dir + ": bundle.json: references.tiers.growth.medians.arr is not a"
                        + " feature compared with a cohort; retrain or restore the bundle");
    }

    private Path copy(Path bundle) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("model"));
        for (String f : new String[] {BundleJson.BUNDLE_JSON, BundleJson.MODEL_FILE, BundleJson.SCORER_FILE}) {
            Files.copy(bundle.resolve(f), dir.resolve(f));
        }
        return dir;
    }
}
