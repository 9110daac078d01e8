package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.InvalidDataException;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ChurnModel loaded from a real bundle, scoring the committed sample book on disk. */
class ChurnModelBookTest {
    static TrainedBook trained;
    static ChurnModel model;
    static ScoredBook scored;

    @BeforeAll
    static void score() throws IOException {
        trained = TrainedBook.get();
        model = ChurnModel.load(trained.model());
        scored = model.score(trained.book(), trained.asOf());
    }

    @Test
    void everyAccountActiveTheDayBeforeIsListed() throws IOException {
        int active = FeatureExtractor.create(FeatureSettings.forBook(trained.book(), null))
                .extract(trained.book(), trained.asOf()).rows();

        assertThat(scored.accounts()).hasSize(active);
    }

    @Test
    void accountsAreNamedAsInTheAccountsExport() throws IOException {
        ScoredAccount first = scored.accounts().get(0);
        String line = Files.readAllLines(trained.book().resolve("accounts.csv")).stream()
                .filter(l -> l.startsWith(first.accountId() + ",")).findFirst().orElseThrow();

        assertThat(line).contains(first.name()).endsWith("," + first.csm());
    }

    @Test
    void theRankingFollowsTheProbability() {
        List<ScoredAccount> ranked = scored.ranked();

        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).probability()).isLessThanOrEqualTo(ranked.get(i - 1).probability());
        }
    }

    @Test
    void probabilitiesAreThoseOfTheBundlesScorer() throws IOException {
        var table = FeatureExtractor.create(FeatureSettings.forBook(trained.book(), null))
                .extract(trained.book(), trained.asOf());
        String id = table.accountIds().get(7);

        assertThat(scored.account(id).probability()).isEqualTo(model.scorer().probability(table.row(7)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "xgboost"})
    void bothBundlesLoadAndScoreTheBookWithDrivers(String algorithm) throws IOException {
        ChurnModel churn = ChurnModel.load(TrainedBook.BUNDLES.resolve(algorithm));

        ScoredBook book = churn.score(trained.book(), trained.asOf());

        assertThat(churn.scorer().algorithm()).isEqualTo(algorithm);
        assertThat(book.model()).containsEntry("algorithm", algorithm);
        assertThat(((Number) book.model().get("trained_seed")).longValue()).isEqualTo(42);
        assertThat(book.ranked().get(0).drivers()).isNotEmpty();
    }

    @Test
    void theDataProvenanceNamesEveryFileWithItsChecksum() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) scored.data().get("files");

        assertThat(files).extracting(f -> f.get("file")).contains("accounts.csv", "tickets.csv")
                .anySatisfy(f -> assertThat((String) f).startsWith("usage/"));
        assertThat(files).allSatisfy(f -> assertThat((String) f.get("sha256")).hasSize(64));
    }

    @Test
    void aStaleUsageExportIsRefusedWithTheDateToScoreAsOf() {
        assertThatThrownBy(() -> model.score(trained.book(), trained.asOf().plusDays(30)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("usage ends " + trained.asOf().minusDays(1))
                .hasMessageContaining("score as of " + trained.asOf());
    }

    @Test
    void explainingAnAccountGivesItsReportLine() throws IOException {
        ScoredAccount top = scored.ranked().get(0);

        ExplainedAccount e = model.explain(trained.book(), ReadOptions.forBook(trained.book()),
                FeatureSettings.forBook(trained.book(), null), trained.asOf(), top.accountId());

        assertThat(e.account()).isEqualTo(top);
        assertThat(e.explanation().probability()).isEqualTo(top.probability());
    }

    @Test
    void explainingAnAccountThatIsNotInTheBookSaysSo() {
        assertThatThrownBy(() -> model.explain(trained.book(), ReadOptions.forBook(trained.book()),
                FeatureSettings.forBook(trained.book(), null), trained.asOf(), "NOPE"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("has no account 'NOPE'");
    }
}
