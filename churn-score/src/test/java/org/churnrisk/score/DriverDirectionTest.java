package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No driver of a red or yellow account states a value better than its reference: on the sample
 * book scored with both committed bundles, and on generated books of other seeds. Each driver's
 * value is checked against the account's feature vector extracted again, its reference against
 * the bundle's cohort median (or 0 for its own history or an alert), and its side against the
 * direction table; its feature must push the risk up, and its theme must not also be context.
 */
class DriverDirectionTest {
    @TempDir
    static Path generated;

    static Stream<Arguments> books() throws IOException {
        List<Arguments> books = new ArrayList<>();
        for (String algorithm : List.of("logistic", "xgboost")) {
            books.add(Arguments.of("sample book, " + algorithm, TrainedBook.BOOK, algorithm));
        }
        for (long seed : new long[] {3, 11}) {
            Path dir = generated.resolve("seed-" + seed);
            if (!dir.toFile().exists()) {
                BookGenerator.generate(GeneratorConfig.builder().accounts(300).days(400).seed(seed).truthSamples(0)
                        .build(), dir, false, ProgressListener.NONE);
            }
            books.add(Arguments.of("generated book, seed " + seed, dir, "logistic"));
        }
        return books.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("books")
    void noDriverOfARedOrYellowAccountIsBetterThanItsReference(String name, Path book, String algorithm)
            throws IOException {
        ChurnModel model = ChurnModel.load(TrainedBook.BUNDLES.resolve(algorithm));
        ScoredBook scored = model.score(book, TrainedBook.AS_OF);
        FeatureTable table = FeatureExtractor.create(FeatureSettings.forBook(book, null)).extract(book,
                TrainedBook.AS_OF);
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (ScoredAccount a : scored.ranked()) {
            if (a.band() != RiskBand.RED && a.band() != RiskBand.YELLOW) {
                continue;
            }
            double[] x = table.row(table.rowOf(a.accountId()));
            Explanation why = model.explain(x);
            for (Driver d : a.drivers()) {
                String where = a.accountId() + " " + d.group().key() + " '" + d.phrase() + "'";
                Comparisons.Rule rule = Comparisons.of(d.feature());
                softly.assertThat(rule).as(where + ": a feature the direction table knows").isNotNull();
                if (rule == null) {
                    continue;
                }
                double reference = rule.kind() == Comparisons.Kind.COHORT
                        ? model.references().median(a.tier(), d.feature()) : 0;
                softly.assertThat(d.value()).as(where + ": the account's value").isEqualTo(x[d.feature().ordinal()]);
                softly.assertThat(d.reference()).as(where + ": the reference").isEqualTo(reference);
                softly.assertThat(rule.applies(x, 0)).as(where + ": a known value").isTrue();
                softly.assertThat(rule.direction().risky(d.value(), reference))
                        .as(where + ": %s than its reference %s", rule.direction(), reference).isTrue();
                softly.assertThat(contribution(why, d.feature())).as(where + ": pushes the risk up").isPositive();
                softly.assertThat(why.context()).extracting(Driver::group).as(where).doesNotContain(d.group());
                checked++;
            }
        }
        softly.assertAll();
        assertThat(checked).as("drivers of red and yellow accounts checked in the %s", name).isGreaterThan(20);
    }

    private static double contribution(Explanation why, Feature feature) {
        return why.contributions().stream().filter(c -> c.feature() == feature).findFirst().orElseThrow()
                .contribution();
    }
}
