package org.churnrisk.train.bundle;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pins the wall-clock times Tribuo records in a serialized model (the {@code trained-at} of each
 * model's provenance) to the Unix epoch, so that training twice on the same data with the same
 * seed writes the same bytes. churn-risk records no training time anywhere in a bundle: what a
 * model was trained on is in the bundle's provenance (input hashes, snapshot dates, seed).
 *
 * <p>Works on the protobuf bytes: each time is the value of an OLCUT {@code DateTimeProvenance}
 * (an ISO-8601 date-time string followed by that class name), and it is replaced by a string of
 * the same length, so no length prefix in the message changes. Stateless and thread-safe.
 */
final class TrainingTimes {
    static final String DATE_TIME_PROVENANCE = "com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance";

    // The value, then field 5 (tag 0x2A, length-delimited) holding the provenance class name.
    private static final Pattern TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2})?)(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})(?=\\x2A\\x43"
                    + Pattern.quote(DATE_TIME_PROVENANCE) + ")");

    private TrainingTimes() {
    }

    /** A copy of {@code model} with every provenance date-time at 1970-01-01T00:00 (same offset). */
    static byte[] pin(byte[] model) {
        // ISO-8859-1 maps each byte to one char and back, so offsets and lengths are preserved.
        String text = new String(model, StandardCharsets.ISO_8859_1);
        Matcher m = TIME.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String epoch = "1970-01-01T00:00:00".substring(0, m.group(1).length());
            String fraction = m.group(2) == null ? "" : "." + "0".repeat(m.group(2).length() - 1);
            m.appendReplacement(out, Matcher.quoteReplacement(epoch + fraction + m.group(3)));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
