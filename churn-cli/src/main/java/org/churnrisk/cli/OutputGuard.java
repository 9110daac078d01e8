package org.churnrisk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Refuses, before a command reads anything, every output it would write that could destroy one of
 * its inputs: a file or folder inside the {@code --data} book, equal to or inside the model bundle
 * being read, or equal to an input file such as {@code --config}. A folder the command replaces
 * or fills (a model bundle, a rejects folder) is also refused when an input lies inside it. Paths
 * are compared as the file system resolves them: absolute, with symbolic links and {@code ..}
 * followed, also for outputs that do not exist yet (through their nearest existing parent).
 *
 * <p>A refusal is an {@link InvalidArgumentException} (exit code 2): the command line is wrong,
 * and nothing was read or written. Any other place stays allowed, such as a folder beside the book.
 *
 * <pre>{@code
 * OutputGuard guard = book.outputGuard();          // the book and --config (and --model)
 * guard.file("--out", out, "the report", out);
 * guard.file("--out", out, "its summary", RunSummary.fileOf(out));
 * guard.folder("--out", out, "its rejects folder", rejects);
 * }</pre>
 *
 * Not thread-safe; one per command run.
 */
final class OutputGuard {
    /** An input: a folder whose inside is off limits, or a file. */
    private record Input(String label, Path given, Path real, boolean folder) {
    }

    private final List<Input> inputs = new ArrayList<>();

    /** Adds a folder that is read, such as the book or the model bundle: nothing may be written inside it. */
    OutputGuard readsFolder(String label, Path folder) {
        if (folder != null) {
            inputs.add(new Input(label, folder, real(folder), true));
        }
        return this;
    }

    /** Adds a file that is read, such as {@code --config}: no output may replace it. */
    OutputGuard readsFile(String label, Path file) {
        if (file != null) {
            inputs.add(new Input(label, file, real(file), false));
        }
        return this;
    }

    /**
     * Refuses a file output that lies inside an input folder or is an input file.
     *
     * @param option the option the output comes from, e.g. {@code --out}
     * @param given  that option's value, for the message
     * @param what   what the file is, e.g. {@code the report} or {@code its summary}
     * @param output the file that would be written
     * @throws InvalidArgumentException naming the option, the file and the input it would overwrite
     */
    void file(String option, Path given, String what, Path output) {
        check(option, given, what, output, false);
    }

    /**
     * Refuses a folder output as {@link #file} does, and also when an input lies inside it.
     *
     * @throws InvalidArgumentException naming the option, the folder and the input
     */
    void folder(String option, Path given, String what, Path output) {
        check(option, given, what, output, true);
    }

    private void check(String option, Path given, String what, Path output, boolean folder) {
        Path out = real(output);
        for (Input in : inputs) {
            String relation = null;
            if (in.folder() && out.startsWith(in.real())) {
                relation = out.equals(in.real()) ? "is" : "lies inside";
            } else if (!in.folder() && out.equals(in.real())) {
                relation = "is";
            } else if (folder && in.real().startsWith(out)) {
                relation = "holds";
            }
            if (relation != null) {
                throw refusal(option, given, what, output, out, relation, in);
            }
        }
    }

    private static InvalidArgumentException refusal(String option, Path given, String what, Path output, Path real,
            String relation, Input in) {
        StringBuilder m = new StringBuilder(option).append(' ').append(given).append(": ").append(what);
        if (!output.equals(given)) {
            m.append(' ').append(output);
        }
        if (!real.equals(output.toAbsolutePath().normalize())) {
            m.append(" (").append(real).append(')');
        }
        m.append(' ').append(relation).append(' ').append(in.label()).append(' ').append(in.given());
        if (!in.real().equals(in.given().toAbsolutePath().normalize())) {
            m.append(" (").append(in.real()).append(')');
        }
        m.append("; an output never goes into what the command reads: choose another place, such as a folder"
                + " beside the book");
        return new InvalidArgumentException(m.toString());
    }

    /**
     * The path as the file system resolves it: absolute, each existing prefix with its symbolic
     * links followed, {@code ..} applied after that (as the kernel does), the rest appended as given.
     */
    static Path real(Path path) {
        Path abs = path.toAbsolutePath();
        Path result = abs.getRoot();
        for (Path part : abs) {
            String name = part.toString();
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                result = result.getParent() != null ? result.getParent() : result;
                continue;
            }
            Path next = result.resolve(name);
            if (Files.exists(next)) {
                try {
                    next = next.toRealPath();
                } catch (IOException e) {
                    // unreadable on the way: compare what we have
                }
            }
            result = next;
        }
        return result;
    }
}
