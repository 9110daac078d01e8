package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;
import static org.churnrisk.cli.CliRun.churnSuccessfully;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.churnrisk.core.AtomicFiles;
import org.churnrisk.testkit.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input table: every way a user has broken (or could break) a run, one row each, run
 * through the real command line on a fresh copy of a small generated book and a trained model.
 *
 * <p>A row is a case name, a command line, the exit code, a fragment of what stderr must say, and
 * the files that must be byte-identical afterwards. Besides those, every row checks that the book
 * and the model bundle it was given are unchanged, file for file. Most rows run in this JVM;
 * {@link How#KILL_9_WHILE_WRITING} runs the command in a child JVM and kills it with SIGKILL as
 * soon as it has a temporary {@code .partial} file, and {@link How#TWICE_AT_ONCE} starts two child
 * JVMs into the same {@code --out}.
 *
 * <p>To add a case (a bug found, a refusal added), add one {@link #row} to {@link #cases()}: in
 * the command line and the paths, {@code {book}} is the book's copy, {@code {model}} the model's,
 * {@code {out}} an empty folder beside the book, {@code {w}} the folder holding all three; a
 * {@link Setup} damages the copies first, and an {@link After} checks more than the columns do.
 * docs/scoring.md ("The hostile-input table") says the same for readers of the docs.
 */
class HostileInputTest {
    static final String AS_OF = ScoreCommandTest.AS_OF;
    /** The other run's date, in {@link How#TWICE_AT_ONCE}. */
    static final String SECOND_AS_OF = "2026-10-25";

    @TempDir
    static Path shared;
    /** The small book every row gets a copy of. */
    static Path smallBook;
    /** A longer book, for the rows that need a run long enough to kill. */
    static Path bigBook;
    static Path model;

    @TempDir
    Path w;

    @BeforeAll
    static void prepare() throws IOException {
        smallBook = GeneratedBooks.small(shared.resolve("small"));
        bigBook = GeneratedBooks.generate(shared.resolve("big"), 150, 500, 9);
        model = shared.resolve("model");
        churnSuccessfully("train", "--data", bigBook.toString(), "--out", model.toString(), "--algorithm", "logistic",
                "--folds", "2");
    }

    // ---- the table ---------------------------------------------------------------------------------

    static Stream<Case> cases() {
        List<Case> t = new ArrayList<>();
        String score = "score --data {book} --model {model} --as-of " + AS_OF;
        String features = "features --data {book} --as-of 2026-10-01";

        // issue 17: an output never overwrites an input (exit 2, before anything is read)
        t.add(row("score --out the book's account export", score + " --out {book}/accounts.csv", 2,
                "--out {book}/accounts.csv: the report lies inside the book --data {book}", "{book}/accounts.csv"));
        t.add(row("score --out a new file inside the book", score + " --out {book}/at-risk.csv", 2,
                "the report lies inside the book --data"));
        t.add(row("score --out inside the model bundle", score + " --out {model}/at-risk.csv", 2,
                "the report lies inside the model bundle --model {model}"));
        t.add(row("score --out into the book through ..", score + " --out {out}/../book/accounts.csv", 2,
                "lies inside the book --data", "{book}/accounts.csv"));
        t.add(row("score --out into the book through a symbolic link", score + " --out {w}/link/accounts.csv", 2,
                "lies inside the book --data", "{book}/accounts.csv")
                .setup(c -> Files.createSymbolicLink(c.w().resolve("link"), c.book())));
        t.add(row("score --out is --config", score + " --config {w}/exports.csv --out {w}/exports.csv", 2,
                "--out {w}/exports.csv: the report is the settings file --config {w}/exports.csv", "{w}/exports.csv")
                .setup(c -> Files.writeString(c.w().resolve("exports.csv"), "zone: UTC\n")));
        t.add(row("score's summary would replace --config", score + " --config {w}/at-risk.summary.json --out"
                + " {w}/at-risk.csv", 2, "--out {w}/at-risk.csv: its summary {w}/at-risk.summary.json is the settings"
                + " file --config", "{w}/at-risk.summary.json")
                .setup(c -> Files.writeString(c.w().resolve("at-risk.summary.json"), "zone: UTC\n")));
        t.add(row("score --out a link to the book's account export", score + " --out {w}/r.csv", 2,
                "the report (" , "{book}/accounts.csv")
                .setup(c -> Files.createSymbolicLink(c.w().resolve("r.csv"), c.book().resolve("accounts.csv"))));
        t.add(row("features --out the book's usage export", features + " --out {book}/usage.csv", 2,
                "the feature table lies inside the book --data", "{book}/usage.csv"));
        t.add(row("features --out a Parquet file in a subfolder of the book", features
                + " --out {book}/sub/f.parquet", 2, "lies inside the book"));
        t.add(row("train --out inside the book", "train --data {book} --out {book}/model", 2,
                "--out {book}/model: the model bundle lies inside the book"));
        t.add(row("train --out the book itself", "train --data {book} --out {book}", 2,
                "the model bundle is the book --data"));
        t.add(row("train --out a folder holding the book", "train --data {book} --out {w}", 2,
                "the model bundle holds the book --data"));
        t.add(row("evaluate's rejects folder is the model bundle",
                "evaluate --data {book} --model {w}/book.evaluate.rejects --skip-bad-rows", 2,
                "the rejects folder {w}/book.evaluate.rejects is the model bundle --model")
                .setup(c -> FileTrees.copy(c.model(), c.w().resolve("book.evaluate.rejects"))));
        t.add(row("explain's rejects folder is the model bundle",
                "explain --data {book} --model {w}/book.explain.rejects --as-of " + AS_OF + " --account X", 2,
                "the rejects folder {w}/book.explain.rejects is the model bundle --model")
                .setup(c -> FileTrees.copy(c.model(), c.w().resolve("book.explain.rejects"))));
        t.add(row("validate --json inside the book", "validate --data {book} --json {book}/report.json", 2,
                "--json {book}/report.json: the JSON report lies inside the book"));
        t.add(row("validate --json is --config", "validate --data {book} --config {w}/exports.yaml --json"
                + " {w}/exports.yaml", 2, "the JSON report is the settings file --config", "{w}/exports.yaml")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"), "zone: UTC\n")));
        t.add(row("demo --out the book", "demo --data {book} --out {book}", 2,
                "the model bundle {book}/model lies inside the book --data"));
        t.add(row("score --out a folder beside the book is fine", score + " --out {out}/at-risk.csv", 0, "")
                .after((c, run) -> assertThat(c.out().resolve("at-risk.csv")).isRegularFile()));
        t.add(row("features --out beside the book is fine", features + " --out {w}/book-features.csv", 0, ""));

        // issue 17: the book's configuration is invalid data (exit 3), named by file and line
        t.add(row("an unknown key in --config", score + " --out {out}/r.csv --config {w}/exports.yaml", 3,
                "churn: exports.yaml line 4: scoring.bands: unknown key 'red_at_', did you mean 'red_at'?")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"),
                        "zone: UTC\nscoring:\n  bands:\n    red_at_: 0.4\n")));
        t.add(row("an unknown key in the book's own churn.yaml", "validate --data {book}", 3,
                "churn: churn.yaml line 3: features: unknown key 'core_feature', did you mean 'core_features'?")
                .setup(c -> Files.writeString(c.book().resolve("churn.yaml"),
                        "features:\n  login_event: login\n  core_feature: x\n")));
        t.add(row("a glob that leaves the book", "validate --data {book} --config {w}/exports.yaml", 3,
                "exports.yaml line 4: sources.usage.files: '../other/*.csv' must be relative to the book and stay"
                        + " inside it")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"),
                        "sources:\n  usage:\n    files:\n      - ../other/*.csv\n")));
        t.add(row("a scoring band out of range", score + " --out {out}/r.csv --config {w}/exports.yaml", 3,
                "scoring.bands", "{out}/r.csv")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"), "scoring:\n  bands: {red_at: 2}\n")));
        t.add(row("text that is not YAML", "validate --data {book} --config {w}/exports.yaml", 3,
                "exports.yaml line 2, column 1: is not valid YAML")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"), "a: [1\n")));
        t.add(row("a book too short for one snapshot", "train --data {book} --out {out}/model --algorithm logistic", 3,
                "too short for a snapshot with a full 90-day window")
                .setup(c -> {
                    AtomicFiles.deleteTree(c.book());
                    GeneratedBooks.generate(c.book(), 40, 60, 3);
                }));
        t.add(row("a book too short to backtest", "train --data {book} --out {out}/model --algorithm logistic", 3,
                "the book needs a longer history")
                .setup(c -> {
                    AtomicFiles.deleteTree(c.book());
                    GeneratedBooks.generate(c.book(), 300, 300, 3);
                }));

        // issue 17: spreadsheet formulas, full-width signs and leading spaces included
        t.add(row("account ids that look like formulas are written as text", "features --data {w}/hand --as-of"
                + " 2026-10-01 --out {out}/f.csv", 0, "")
                .setup(c -> handBook(c.w().resolve("hand"), "=1+2", "\uFF1D1+1", "\uFF0BA2", "\uFF0DA3",
                        "\uFF20A4", "|A5", "A7"))
                .after((c, run) -> assertThat(Files.readAllLines(c.out().resolve("f.csv")).stream().skip(1)
                        .map(l -> l.split(",", -1)[0])).containsExactlyInAnyOrder("'=1+2", "'\uFF1D1+1",
                        "'\uFF0BA2", "'\uFF0DA3", "'\uFF20A4", "'|A5", "A7")));

        // issue 18 item 4: rejects files go through the same guard
        t.add(row("a rejected row that looks like a formula is written as text", "features --data {book} --as-of"
                + " 2026-10-01 --out {out}/f.csv --skip-bad-rows", 0, "")
                .setup(c -> Files.writeString(c.book().resolve("usage.csv"),
                        "=HYPERLINK(\"http://x\")" + GeneratedBooks.BAD_USAGE_ROW + "\n", StandardOpenOption.APPEND))
                .after((c, run) -> assertThat(c.out().resolve("f.csv.rejects/usage.rejects.csv")).content()
                        .contains(",\"'=HYPERLINK(\"\"http://x\"\")" + GeneratedBooks.BAD_USAGE_ROW + "\"\n")));

        // issue 18 item 5: a killed run leaves the previous report, and the next run removes its partials
        t.add(row("kill -9 while score writes", "score --data {w}/big --model {model} --as-of " + AS_OF
                + " --out {out}/at-risk.csv --skip-bad-rows", 137, "", "{out}/at-risk.csv",
                "{out}/at-risk.summary.json")
                .how(How.KILL_9_WHILE_WRITING)
                .setup(c -> {
                    FileTrees.copy(bigBook, c.w().resolve("big"));
                    churnSuccessfully(c.expand(score.replace("{book}", "{w}/big") + " --out {out}/at-risk.csv"));
                    badRowsFirst(c.w().resolve("big/usage.csv"));
                })
                .after(HostileInputTest::theNextRunRemovesTheStalePartials));
        t.add(row("kill -9 while features writes", "features --data {w}/big --as-of 2026-06-01,2026-07-01,"
                + "2026-08-01,2026-09-01,2026-10-01 --out {out}/f.csv", 137, "", "{out}/f.csv")
                .how(How.KILL_9_WHILE_WRITING)
                .setup(c -> {
                    FileTrees.copy(bigBook, c.w().resolve("big"));
                    churnSuccessfully(c.expand("features --data {w}/big --as-of 2026-10-01 --out {out}/f.csv"));
                })
                .after(HostileInputTest::theNextRunRemovesTheStalePartials));
        t.add(row("two runs into the same --out at once", "score --data {w}/big --model {model} --as-of " + AS_OF
                + " --out {out}/at-risk.csv", 0, "")
                .how(How.TWICE_AT_ONCE)
                .setup(c -> FileTrees.copy(bigBook, c.w().resolve("big")))
                .after(HostileInputTest::oneCompleteReportAndItsSummary));

        // issue 18 item 6
        t.add(row("--as-of before any account existed", "score --data {book} --model {model} --out {out}/at-risk.csv"
                + " --as-of 2020-01-01", 3,
                "no account was a customer on 2019-12-31", "{out}/at-risk.csv", "{out}/at-risk.summary.json")
                .setup(HostileInputTest::aPreviousReport));
        t.add(row("--as-of far after the exports end", "score --data {book} --model {model} --out {out}/at-risk.csv"
                + " --as-of 2027-02-01", 3,
                "usage ends 2026-10-", "{out}/at-risk.csv", "{out}/at-risk.summary.json")
                .setup(HostileInputTest::aPreviousReport));
        t.add(row("a book file that links outside the book", features + " --out {out}/f.csv", 3,
                "tickets.csv: is a symbolic link to ")
                .setup(c -> {
                    Path outside = Files.move(c.book().resolve("tickets.csv"), c.w().resolve("tickets.csv"));
                    Files.createSymbolicLink(c.book().resolve("tickets.csv"), outside);
                }));
        t.add(row("--config that is a directory", "validate --data {book} --config {w}", 4,
                "churn: {w}: is a directory (expected a YAML settings file such as churn.yaml)"));
        t.add(row("--config that is a binary file", "validate --data {book} --config {w}/exports.yaml", 4,
                "cannot be read as a settings file: it holds binary data")
                .setup(c -> Files.write(c.w().resolve("exports.yaml"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1}))
                .after((c, run) -> assertThat(run.err()).doesNotContain("java.")));
        t.add(row("a header of one huge name is cut in the message", features + " --out {out}/f.csv", 3,
                "(1,000,000 characters)")
                .setup(c -> Files.writeString(c.book().resolve("tickets.csv"), "x".repeat(1_000_000) + "\n"))
                .after((c, run) -> assertThat(run.err().length() + run.out().length()).isLessThan(20_000)));
        t.add(row("a huge YAML scalar is cut in the message", "validate --data {book} --config {w}/exports.yaml", 3,
                "(1,000,000 characters) is not a time zone")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"), "zone: " + "x".repeat(1_000_000) + "\n"))
                .after((c, run) -> assertThat(run.err().length()).isLessThan(2_000)));
        t.add(row("two canonical columns mapped to one column", "validate --data {book} --config {w}/exports.yaml", 3,
                "'Company' is already mapped to 'account_id'")
                .setup(c -> Files.writeString(c.w().resolve("exports.yaml"),
                        "sources:\n  usage:\n    columns: {account_id: Company, user_id: Company}\n")));
        t.add(row("generate --overwrite on a book with other files in it", "generate --accounts 5 --days 30 --out"
                + " {w}/gen --overwrite", 2, "holds files this generator did not write (notes.txt)",
                "{w}/gen/notes.txt", "{w}/gen/accounts.csv")
                .setup(c -> {
                    churnSuccessfully(c.expand("generate --accounts 5 --days 30 --out {w}/gen"));
                    Files.writeString(c.w().resolve("gen/notes.txt"), "mine");
                }));

        // the bad-input cases the command tests already cover, kept here too
        t.add(row("no command", "", 2, "Usage: churn"));
        t.add(row("an unknown option", "--frobnicate", 2, "Unknown option: '--frobnicate'"));
        t.add(row("a misspelled command", "scroe", 2, "'scroe'"));
        t.add(row("score without --out", "score --data {book} --model {model}", 2,
                "Missing required option: '--out=<report.csv>'"));
        t.add(row("score --out that is not .csv", score + " --out {out}/at-risk.xlsx", 2, "expected a .csv file"));
        t.add(row("an --as-of that is not a date", "score --data {book} --model {model} --as-of 2026-13-01 --out"
                + " {out}/r.csv", 2, "'2026-13-01' is not a date (expected yyyy-MM-dd"));
        t.add(row("an --as-of in another format", "features --data {book} --as-of 10/01/2026 --out {out}/f.csv", 2,
                "'10/01/2026' is not a date (expected yyyy-MM-dd, e.g. 2026-03-01)"));
        t.add(row("a --top below zero", score + " --out {out}/r.csv --top -1", 2, "--top -1: expected 0 or more"));
        t.add(row("a --data that does not exist", "score --data {w}/nothing --model {model} --out {out}/r.csv", 2,
                "churn: --data {w}/nothing: is not a directory (expected a book of exports)"));
        t.add(row("a --data that is a file", features + " --out {out}/f.csv", 2, "is not a directory")
                .setup(c -> {
                    AtomicFiles.deleteTree(c.book());
                    Files.writeString(c.book(), "not a book");
                }));
        t.add(row("a model that does not exist", "score --data {book} --model {w}/nomodel --as-of " + AS_OF
                + " --out {out}/r.csv", 3, "does not exist"));
        t.add(row("a format-1 model bundle", score + " --out {out}/r.csv", 3, "format_version 1 is no longer read")
                .setup(c -> Files.writeString(c.model().resolve("bundle.json"), Files.readString(
                        c.model().resolve("bundle.json")).replace("\"format_version\": 3,", "\"format_version\": 1,"))));
        // issue 18 item 1: every byte that changes a score is covered by the bundle's digest
        t.add(row("a bundle.json whose horizon was edited after training", score + " --out {out}/r.csv", 3,
                "bundle.json was changed after training")
                .setup(c -> editBundleJson(c, "\"horizon_days\": 120,", "\"horizon_days\": 30,")));
        t.add(row("a bundle.json with a key added after training", score + " --out {out}/r.csv", 3,
                "was changed after training")
                .setup(c -> editBundleJson(c, "\"format_version\": 3,", "\"format_version\": 3,\n  \"note\": \"mine\",")));
        // issue 18 item 2: absurd values are bad rows, not silent arithmetic
        t.add(row("an ARR of 1e300 in the account export", score + " --out {out}/r.csv", 3,
                "is out of range (expected an ARR from 0 to")
                .setup(c -> setFirstAccountArr(c, "1e300")));
        // issue 18 item 3: a damaged gzip stream is a whole-file problem, also under --skip-bad-rows
        t.add(row("a truncated usage.csv.gz under --skip-bad-rows", score + " --skip-bad-rows --out {out}/r.csv", 3,
                "usage.csv.gz is damaged: the gzip data ends early")
                .setup(HostileInputTest::truncatedGzipUsage));
        t.add(row("a tampered model", "evaluate --data {book} --model {model}", 3, "does not match the checksum")
                .setup(c -> {
                    byte[] bytes = Files.readAllBytes(c.model().resolve("model.tribuo"));
                    bytes[bytes.length / 2] ^= 1;
                    Files.write(c.model().resolve("model.tribuo"), bytes);
                }));
        t.add(row("a bad row stops the run and keeps the previous report", score + " --out {out}/at-risk.csv", 3,
                "churn: tickets.csv line ", "{out}/at-risk.csv", "{out}/at-risk.summary.json")
                .setup(c -> {
                    aPreviousReport(c);
                    Files.writeString(c.book().resolve("tickets.csv"), "T-BAD," + GeneratedBooks.firstAccount(c.book())
                            + ",2026-13-01T10:00:00Z,,normal,false,\n", StandardOpenOption.APPEND);
                }));
        t.add(row("a bad row stops features and keeps the previous table", features + " --out {out}/f.csv", 3,
                "column 'quantity' value '-2' is negative", "{out}/f.csv")
                .setup(c -> {
                    churnSuccessfully(c.expand(features + " --out {out}/f.csv"));
                    Files.writeString(c.book().resolve("usage.csv"), GeneratedBooks.firstAccount(c.book())
                            + GeneratedBooks.BAD_USAGE_ROW + "\n", StandardOpenOption.APPEND);
                }));
        t.add(row("validate on a book with a bad row", "validate --data {book}", 3, "is not valid: 1 problem")
                .setup(c -> Files.writeString(c.book().resolve("usage.csv"), GeneratedBooks.firstAccount(c.book())
                        + GeneratedBooks.BAD_USAGE_ROW + "\n", StandardOpenOption.APPEND)));
        t.add(row("validate --max-problems below zero", "validate --data {book} --max-problems -1", 2,
                "--max-problems -1: expected 0 or more"));
        t.add(row("validate --json that cannot be written", "validate --data {book} --json {w}/file/report.json", 4,
                "{w}/file")
                .setup(c -> Files.writeString(c.w().resolve("file"), "a file, not a folder")));
        t.add(row("train into a folder with other files", "train --data {w}/big --out {w}/other --algorithm logistic"
                + " --folds 2", 2, "not part of a model bundle", "{w}/other/notes.txt")
                .setup(c -> {
                    FileTrees.copy(bigBook, c.w().resolve("big"));
                    Files.createDirectories(c.w().resolve("other"));
                    Files.writeString(c.w().resolve("other/notes.txt"), "mine");
                }));
        t.add(row("train with an unknown algorithm", "train --data {book} --out {out}/m --algorithm forest", 2,
                "forest"));
        t.add(row("train --snapshot-every that is not an interval", "train --data {book} --out {out}/m"
                + " --snapshot-every 1x", 2, "'1x' is not an interval"));
        t.add(row("train on a book without churn", "train --data {book} --out {out}/m", 3, "no file for churn")
                .setup(c -> Files.delete(c.book().resolve("churn.csv"))));
        t.add(row("explain an unknown account", "explain --data {book} --model {model} --as-of " + AS_OF
                + " --account NOPE", 2, "has no account 'NOPE'"));
        t.add(row("generate with an unknown usage layout", "generate --out {out}/g --usage-layout xml", 2, "xml"));
        t.add(row("generate with too few accounts", "generate --out {out}/g --accounts 0", 2, "accounts: 0"));
        t.add(row("generate into a folder with other files", "generate --out {w}/other", 2, "is not empty",
                "{w}/other/notes.txt")
                .setup(c -> {
                    Files.createDirectories(c.w().resolve("other"));
                    Files.writeString(c.w().resolve("other/notes.txt"), "mine");
                }));
        return t.stream();
    }

    // ---- the runner ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileInputIsRefusedOrSurvived(Case row) throws Exception {
        Context c = new Context(w, w.resolve("book"), w.resolve("model"), w.resolve("out"));
        FileTrees.copy(smallBook, c.book());
        FileTrees.copy(model, c.model());
        Files.createDirectories(c.out());
        row.setup().prepare(c);
        Map<String, String> book = Files.isDirectory(c.book()) ? FileTrees.snapshot(c.book()) : Map.of();
        Map<String, String> bundle = FileTrees.snapshot(c.model());
        Map<String, byte[]> unchanged = new LinkedHashMap<>();
        for (String file : row.unchanged()) {
            Path p = Path.of(c.fill(file));
            unchanged.put(p.toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : null);
        }

        String[] args = c.expand(row.command());
        c.last()[0] = args;
        CliRun run = switch (row.how()) {
            case IN_PROCESS -> churn(args);
            case KILL_9_WHILE_WRITING -> killWhileWriting(c, args);
            case TWICE_AT_ONCE -> twiceAtOnce(c, args);
        };

        assertThat(run.exitCode()).as("exit code; stderr: " + run.err()).isEqualTo(row.exitCode());
        assertThat(run.err()).contains(c.fill(row.message()));
        if (row.exitCode() != 0 && row.how() == How.IN_PROCESS) {
            assertThat(run.err()).as("no stack trace without --verbose").doesNotContain("\tat ");
        }
        for (Map.Entry<String, byte[]> file : unchanged.entrySet()) {
            Path p = Path.of(file.getKey());
            if (file.getValue() == null) {
                assertThat(p).as("%s did not exist and must not be created", p).doesNotExist();
            } else {
                assertThat(Files.readAllBytes(p)).as("%s must be byte-identical", p).isEqualTo(file.getValue());
            }
        }
        if (Files.isDirectory(c.book())) {
            assertThat(FileTrees.snapshot(c.book())).as("the book").isEqualTo(book);
        }
        assertThat(FileTrees.snapshot(c.model())).as("the model bundle").isEqualTo(bundle);
        row.after().check(c, run);
    }

    /**
     * Runs the command in a child JVM and kills it with SIGKILL once it has a {@code .partial}
     * file under {@code {out}}; its exit code is the signal's, 137.
     */
    private static CliRun killWhileWriting(Context c, String[] args) throws Exception {
        Process child = childJvm(c, args, "killed");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (partials(c.out()).isEmpty()) {
            assertThat(child.isAlive()).as("the child finished before it wrote a partial file; its output: %s",
                    Files.exists(c.w().resolve("killed.log")) ? Files.readString(c.w().resolve("killed.log")) : "")
                    .isTrue();
            assertThat(System.nanoTime()).as("waiting for a partial file").isLessThan(deadline);
            Thread.sleep(1);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(partials(c.out())).as("the killed run's partial files are left behind").isNotEmpty();
        return new CliRun(child.exitValue(), "", "");
    }

    /** Starts the command in two child JVMs at once; exit code 0 when both succeed, else the first failure's. */
    private static CliRun twiceAtOnce(Context c, String[] args) throws Exception {
        Process first = childJvm(c, args, "first");
        Process second = childJvm(c, Stream.of(args).map(a -> a.equals(AS_OF) ? SECOND_AS_OF : a)
                .toArray(String[]::new), "second");
        assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String logs = Files.readString(c.w().resolve("first.log")) + Files.readString(c.w().resolve("second.log"));
        int exit = first.exitValue() != 0 ? first.exitValue() : second.exitValue();
        return new CliRun(exit, logs, logs);
    }

    private static Process childJvm(Context c, String[] args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(c.w().resolve(name + ".log").toFile()).start();
    }

    private static List<Path> partials(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    // ---- setups and checks ----------------------------------------------------------------------------

    private static void aPreviousReport(Context c) {
        churnSuccessfully(c.expand("score --data {book} --model {model} --as-of " + AS_OF + " --out {out}/at-risk.csv"));
    }

    /** Bad rows right after the header, so that a rejects file is open while the rest of the file is read. */
    private static void badRowsFirst(Path usage) throws IOException {
        List<String> lines = Files.readAllLines(usage);
        String account = lines.get(1).split(",")[0];
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.add(account + GeneratedBooks.BAD_USAGE_ROW);
        out.addAll(lines.subList(1, lines.size()));
        Files.write(usage, out);
    }

    /** A hand-written book whose accounts have the given ids, each with one login. */
    private static void handBook(Path dir, String... ids) throws IOException {
        Files.createDirectories(dir);
        StringBuilder accounts = new StringBuilder("account_id,arr,contract_start\n");
        StringBuilder usage = new StringBuilder("account_id,occurred_at,user_id,event\n");
        for (String id : ids) {
            accounts.append('"').append(id).append("\",9000,2025-01-01\n");
            usage.append('"').append(id).append("\",2026-09-20,u1,login\n");
        }
        Files.writeString(dir.resolve("accounts.csv"), accounts);
        Files.writeString(dir.resolve("usage.csv"), usage);
        Files.writeString(dir.resolve("tickets.csv"), "ticket_id,account_id,created_at\n");
        Files.writeString(dir.resolve("surveys.csv"), "account_id,responded_at,kind,score\n");
    }

    /** After a kill: the same command, run to the end, leaves no partial file of the killed run. */
    private static void theNextRunRemovesTheStalePartials(Context c, CliRun killed) throws IOException {
        List<String> args = new ArrayList<>(List.of(c.lastCommand()));
        churnSuccessfully(args.toArray(new String[0]));
        assertThat(partials(c.out())).as("stale partial files after the next run").isEmpty();
    }

    /**
     * After two runs at once: one report, complete (the same bytes as one of the two runs made
     * alone), and beside it the summary of the same run.
     */
    private static void oneCompleteReportAndItsSummary(Context c, CliRun both) throws IOException {
        Map<String, byte[]> alone = new LinkedHashMap<>();
        for (String date : List.of(AS_OF, SECOND_AS_OF)) {
            Path report = c.w().resolve("alone-" + date).resolve("at-risk.csv");
            churnSuccessfully(c.expand("score --data {w}/big --model {model} --as-of " + date + " --out " + report));
            alone.put(date, Files.readAllBytes(report));
        }
        byte[] report = Files.readAllBytes(c.out().resolve("at-risk.csv"));
        String winner = java.util.Arrays.equals(report, alone.get(AS_OF)) ? AS_OF : SECOND_AS_OF;
        assertThat(report).as("the report is one run's, whole").isEqualTo(alone.get(winner));
        var summary = new ObjectMapper().readTree(c.out().resolve("at-risk.summary.json").toFile());
        assertThat(summary.path("as_of").asText()).as("the summary is the same run's").isEqualTo(winner);
        assertThat(partials(c.out())).isEmpty();
    }

    // ---- the row type ---------------------------------------------------------------------------------

    /** How a row's command runs. */
    enum How { IN_PROCESS, KILL_9_WHILE_WRITING, TWICE_AT_ONCE }

    @FunctionalInterface
    interface Setup {
        void prepare(Context c) throws Exception;
    }

    @FunctionalInterface
    interface After {
        void check(Context c, CliRun run) throws Exception;
    }

    /** Where a row runs: the folder, the book's and model's copies in it, and an empty folder beside them. */
    record Context(Path w, Path book, Path model, Path out, String[][] last) {
        Context(Path w, Path book, Path model, Path out) {
            this(w, book, model, out, new String[1][]);
        }

        /** A text with the placeholders filled in. */
        String fill(String text) {
            return text.replace("{book}", book.toString()).replace("{model}", model.toString())
                    .replace("{out}", out.toString()).replace("{w}", w.toString());
        }

        /** The words of a command line with the placeholders filled in. */
        String[] expand(String line) {
            String filled = fill(line);
            return filled.isBlank() ? new String[0] : filled.strip().split(" +");
        }

        /** The command line of the row's run, once it ran. */
        String[] lastCommand() {
            return last[0];
        }
    }

    /**
     * One row: see the class comment.
     *
     * @param unchanged files, with placeholders, that must be byte-identical after the run (or still
     *                  absent, if they did not exist)
     */
    record Case(String name, String command, int exitCode, String message, List<String> unchanged, How how,
                Setup setup, After after) {
        Case setup(Setup s) {
            return new Case(name, command, exitCode, message, unchanged, how, s, after);
        }

        Case after(After a) {
            return new Case(name, command, exitCode, message, unchanged, how, setup, a);
        }

        Case how(How h) {
            return new Case(name, command, exitCode, message, unchanged, h, setup, after);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Replaces text in the model copy's bundle.json, failing if the text is not there. */
    static void editBundleJson(Context c, String from, String to) throws IOException {
        Path json = c.model().resolve("bundle.json");
        String text = Files.readString(json);
        assertThat(text).contains(from);
        Files.writeString(json, text.replace(from, to));
    }

    /** Sets the arr of the first unquoted account row of the book's copy. */
    static void setFirstAccountArr(Context c, String arr) throws IOException {
        Path accounts = c.book().resolve("accounts.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(accounts));
        int column = List.of(lines.get(0).split(",", -1)).indexOf("arr");
        assertThat(column).isNotNegative();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).contains("\"")) {
                String[] cells = lines.get(i).split(",", -1);
                cells[column] = arr;
                lines.set(i, String.join(",", cells));
                Files.write(accounts, lines);
                return;
            }
        }
        throw new AssertionError("no unquoted account row in " + accounts);
    }

    /** Replaces the book copy's usage.csv by a gzip of it cut off in the middle. */
    static void truncatedGzipUsage(Context c) throws IOException {
        Path csv = c.book().resolve("usage.csv");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(Files.readAllBytes(csv));
        }
        byte[] all = bytes.toByteArray();
        Files.write(c.book().resolve("usage.csv.gz"), java.util.Arrays.copyOf(all, all.length / 2));
        Files.delete(csv);
    }

    static Case row(String name, String command, int exitCode, String message, String... unchanged) {
        return new Case(name, command, exitCode, message, List.of(unchanged), How.IN_PROCESS, c -> { },
                (c, run) -> { });
    }
}
