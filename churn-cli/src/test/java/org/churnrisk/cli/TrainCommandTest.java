package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.model.TrainingProvenance;
import org.churnrisk.features.Feature;
import org.churnrisk.features.io.BookSources;
import org.churnrisk.features.io.RecordCursor;
import org.churnrisk.features.io.mapping.BookConfig;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.churnrisk.train.bundle.LoadedBundle;
import org.churnrisk.train.bundle.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    static Path dir;
    static Path book;
    static Path model;
    static CliRun training;

    @BeforeAll
    static void train() throws IOException {
        book = GeneratedBooks.generate(dir.resolve("book"), 250, 600, 4);
        model = dir.resolve("model");
        training = churn("train", "--data", book.toString(), "--out", model.toString(), "--algorithm", "logistic",
                "--folds", "3");
    }

    @Test
    void writesALoadableBundleWithItsEvaluation() throws IOException {
        assertThat(training.exitCode()).isEqualTo(ExitCode.OK.code());
        assertThat(model.resolve("evaluation.json")).isRegularFile();
        assertThat(Files.readString(model.resolve("evaluation.md"))).contains("# Model evaluation", "health score");
        LoadedBundle bundle = ModelBundle.load(model, Feature.SCHEMA);
        assertThat(bundle.manifest().algorithm()).isEqualTo("logistic");
        assertThat(bundle.manifest().horizonDays()).isEqualTo(120);
    }

    @Test
    void theBundleCarriesTheRunsTypedProvenance() throws IOException {
        TrainingProvenance p = ModelBundle.load(model, Feature.SCHEMA).trainingProvenance();

        assertThat(p.seed()).isEqualTo(42);
        assertThat(p.trainer()).isEqualTo(new TrainingProvenance.Trainer("logistic", 120, 3, 50,
                p.trainer().coreFeatures()));
        assertThat(p.trainer().coreFeatures()).isNotEmpty().isSorted();
        assertThat(p.snapshotDates()).isNotEmpty().isSorted();
        assertThat(p.inputs()).extracting(TrainingProvenance.InputFile::file).contains("accounts.csv", "churn.csv");
        assertThat(p.runtime().javaVersion()).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void printsModelsAndBaselinesSideBySide() {
        assertThat(training.out()).contains("logistic", "health score", "dummy (base rate)", "ROC AUC",
                "Trained logistic");
    }

    @Test
    void trainingAgainIntoTheSameDirectoryReplacesTheBundle() {
        CliRun run = churn("train", "--data", book.toString(), "--out", model.toString(), "--algorithm", "logistic",
                "--folds", "2");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
    }

    @Test
    void aDirectoryWithOtherFilesIsLeftAlone() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");

        CliRun run = churn("train", "--data", book.toString(), "--out", other.toString(), "--algorithm", "logistic",
                "--folds", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("not part of a model bundle");
        assertThat(other.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void snapshotsEveryTwoMonthsGiveHalfTheDates() throws IOException {
        Path every2 = dir.resolve("every-2m");
        CliRun run = churn("train", "--data", book.toString(), "--out", every2.toString(), "--algorithm", "logistic",
                "--folds", "2", "--snapshot-every", "2m");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK.code());
        List<?> monthly = (List<?>) ModelBundle.load(model, Feature.SCHEMA).provenance().get("snapshot_dates");
        List<?> twoMonthly = (List<?>) ModelBundle.load(every2, Feature.SCHEMA).provenance().get("snapshot_dates");
        assertThat(twoMonthly).hasSize((monthly.size() + 1) / 2).first().isEqualTo(monthly.get(0));
    }

    @Test
    void aSnapshotIntervalThatIsNotOneIsAUsageError() {
        CliRun run = churn("train", "--data", book.toString(), "--out", dir.resolve("x").toString(),
                "--snapshot-every", "monthly");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("'monthly' is not an interval").contains("1m, 2w, 14d");
    }

    @Test
    void anUnknownAlgorithmIsAUsageError() {
        CliRun run = churn("train", "--data", book.toString(), "--out", dir.resolve("x").toString(), "--algorithm",
                "forest");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("forest").contains("logistic");
    }

    /** Issue 12 item 4: surveys and touchpoints are optional; the summary and evaluation.md say they are missing. */
    @Test
    void aBookWithoutSurveysAndTouchpointsTrainsAndSaysWhatIsMissing() throws IOException {
        Path lean = org.churnrisk.testkit.FileTrees.copy(book, dir.resolve("lean"));
        Files.delete(lean.resolve("surveys.csv"));
        Files.delete(lean.resolve("touchpoints.csv"));
        Path out = dir.resolve("lean-model");

        CliRun run = churn("train", "--data", lean.toString(), "--out", out.toString(), "--algorithm", "logistic",
                "--folds", "3");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK.code());
        String surveys = "surveys: no file; optional: without it every account has no answers (has_nps and has_csat"
                + " are 0) and the health score leaves out NPS/CSAT, reweighting the rest";
        assertThat(run.out()).contains(surveys).contains("touchpoints: no file; optional:");
        assertThat(Files.readString(out.resolve("evaluation.md"))).contains("Sources:\n\n- " + surveys + "\n- touchpoints: no file;");
        assertThat(Files.readString(model.resolve("evaluation.md"))).doesNotContain("Sources:");
    }

    @Test
    void aBookWithoutChurnCannotTrain() throws IOException {
        Path noChurn = dir.resolve("nochurn");
        Files.createDirectories(noChurn);
        for (String f : new String[] {"accounts.csv", "usage.csv", "tickets.csv", "surveys.csv"}) {
            Files.copy(book.resolve(f), noChurn.resolve(f));
        }

        CliRun run = churn("train", "--data", noChurn.toString(), "--out", dir.resolve("y").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("no file for churn");
    }

    @Test
    void evaluateScoresTheBundleAgainstTheHealthScore() {
        CliRun run = churn("evaluate", "--data", book.toString(), "--model", model.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("logistic", "health score", "ROC AUC", "labelled snapshots");
    }

    @Test
    void evaluateRefusesATamperedBundle() throws IOException {
        Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        for (String f : new String[] {"bundle.json", "model.tribuo", "scorer.bin"}) {
            Files.copy(model.resolve(f), copy.resolve(f));
        }
        byte[] bytes = Files.readAllBytes(copy.resolve("model.tribuo"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy.resolve("model.tribuo"), bytes);

        CliRun run = churn("evaluate", "--data", book.toString(), "--model", copy.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_DATA.code());
        assertThat(run.err()).contains("does not match the checksum");
    }

    /**
     * The bundle's inputs as the train command listed them before it took the hashes from the
     * extraction: per source in source order, each file's name, the SHA-256 of its whole content
     * and, for a source of one file, its rows.
     */
    private static List<String> expectedInputs(Path book) throws IOException {
        BookConfig config = BookConfig.forBook(book);
        List<String> inputs = new ArrayList<>();
        for (Source source : Source.values()) {
            List<Path> files = BookSources.files(book, config.mapping(source), false);
            for (Path f : files) {
                long rows = 0;
                try (RecordCursor c = BookSources.open(book, f, config.mapping(source))) {
                    while (c.next()) {
                        rows++;
                    }
                }
                inputs.add(ModelBundle.inputFile(f, files.size() == 1 ? rows : -1).toString());
            }
        }
        return inputs;
    }

    private static List<String> bundleInputs(Path model) throws IOException {
        List<?> inputs = (List<?>) ModelBundle.load(model, Feature.SCHEMA).provenance().get("inputs");
        return inputs.stream().map(Object::toString).toList();
    }

    @Test
    void theBundleNamesEachInputFileWithItsSha256AndRows() throws IOException {
        assertThat(bundleInputs(model)).containsExactlyElementsOf(expectedInputs(book));
    }

    @Test
    void aSourceOfSeveralPartFilesHasNoRowCountPerFile() throws IOException {
        Path parts = dir.resolve("parts");
        BookGenerator.generate(GeneratorConfig.builder().accounts(80).days(600).seed(5).truthSamples(0)
                .usageLayout(UsageLayout.MONTHLY_CSV_GZ).build(), parts, false, ProgressListener.NONE);
        Path partsModel = dir.resolve("parts-model");
        CliRun run = churn("train", "--data", parts.toString(), "--out", partsModel.toString(),
                "--algorithm", "logistic", "--folds", "2");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        List<String> inputs = bundleInputs(partsModel);
        assertThat(inputs).containsExactlyElementsOf(expectedInputs(parts));
        assertThat(inputs).filteredOn(i -> i.startsWith("{file=part-")).hasSizeGreaterThan(1)
                .allMatch(i -> i.endsWith(", rows=-1}"));
    }
}
