package org.churnrisk.features.io.mapping;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.churnrisk.core.InvalidArgumentException;

/**
 * How a source's CSV files are written, where they differ from RFC 4180 in UTF-8: the character
 * between values ({@code ;} from a European Excel, a tab) and the text encoding. Parquet files
 * ignore it. Immutable.
 *
 * @param delimiter the character between values: one ASCII character, not a double quote, a line
 *                  break, a letter or a digit
 * @param encoding  UTF-8, windows-1252 or ISO-8859-1 ({@link #ENCODINGS})
 */
public record CsvDialect(char delimiter, Charset encoding) {
    /** Commas in UTF-8: the data contract. */
    public static final CsvDialect DEFAULT = new CsvDialect(',', StandardCharsets.UTF_8);

    /** The encodings a mapping may name, as it names them. */
    public static final List<String> ENCODINGS = List.of("utf-8", "windows-1252", "iso-8859-1");

    /**
     * Checks the delimiter and the encoding.
     *
     * @throws InvalidArgumentException naming what is allowed
     */
    public CsvDialect {
        if (delimiter > 0x7E || delimiter == '"' || delimiter == '\r' || delimiter == '\n'
                || (delimiter < ' ' && delimiter != '\t') || Character.isLetterOrDigit(delimiter)) {
            throw new InvalidArgumentException("delimiter: " + describe(delimiter) + " cannot separate values"
                    + " (expected one ASCII character that is not a letter, a digit, a double quote or a line break,"
                    + " such as ';', '|' or a tab written \"\\t\")");
        }
        if (encoding == null || !(encoding.equals(StandardCharsets.UTF_8) || encoding.equals(StandardCharsets.ISO_8859_1)
                || encoding.name().equals("windows-1252"))) {
            throw new InvalidArgumentException("encoding: " + (encoding == null ? "none" : encoding.name())
                    + " is not supported (expected one of " + String.join(", ", ENCODINGS) + ")");
        }
    }

    /** Whether these are the contract's commas and UTF-8. */
    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** Whether the text is UTF-8 (else a single-byte encoding, read through a transcoder). */
    public boolean utf8() {
        return encoding.equals(StandardCharsets.UTF_8);
    }

    /**
     * The encoding a mapping names: {@code utf-8}, {@code windows-1252} (also {@code cp1252}) or
     * {@code iso-8859-1} (also {@code latin-1}), in any case.
     *
     * @throws InvalidArgumentException for any other name, listing the allowed ones
     */
    public static Charset encoding(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "windows-1252", "cp1252", "cp-1252" -> Charset.forName("windows-1252");
            case "iso-8859-1", "latin-1", "latin1" -> StandardCharsets.ISO_8859_1;
            default -> throw new InvalidArgumentException("'" + name + "' is not an encoding churn-risk reads"
                    + " (expected one of " + String.join(", ", ENCODINGS) + "; convert other files to UTF-8)");
        };
    }

    private static String describe(char c) {
        return c == '\t' ? "'\\t'" : c < ' ' || c > 0x7E ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
