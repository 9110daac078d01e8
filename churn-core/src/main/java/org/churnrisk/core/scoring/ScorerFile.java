package org.churnrisk.core.scoring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.FeatureSchema;
import org.churnrisk.core.model.BundleException;
import org.churnrisk.core.model.Calibration;

/**
 * The file format of a compiled scorer ({@code scorer.bin} in a model bundle): a
 * {@link CompiledScorer} written as the arguments its factory took, so that reading calls the
 * same factory and gives a scorer in the same state, scoring bit for bit as the one written.
 * Needs neither Tribuo nor a JSON library.
 *
 * <p><b>Layout, format {@value #VERSION}.</b> Big-endian throughout; {@code i32} is a signed
 * 32-bit integer, {@code u8} one unsigned byte, {@code f32} and {@code f64} the raw IEEE 754 bits
 * of a float and a double ({@link Float#floatToRawIntBits}, {@link Double#doubleToRawLongBits}), so
 * that every number reads back exactly; a {@code string} is an {@code i32} byte length and that
 * many bytes of UTF-8.
 * <pre>
 * magic            8 bytes   "CHURNSCR" (43 48 55 52 4e 53 43 52)
 * version          i32       {@value #VERSION}
 * kind             u8        1 linear ({@link LinearScorer}), 2 tree ensemble ({@link TreeEnsembleScorer})
 * schema version   string    {@link FeatureSchema#version()}
 * fingerprint      string    {@link FeatureSchema#fingerprint()}, 16 hex digits
 * feature count    i32       n
 * feature names    n strings in schema order
 * calibration      u8        0 identity, 1 Platt, 2 isotonic, then
 *                              Platt:    a f64, b f64
 *                              isotonic: k i32 (at least 1), k thresholds f64, k values f64
 * payload          kind 1:   bias f64, n weights f64, n means f64
 *                            (the raw-scale arguments of {@link LinearScorer#of})
 *                  kind 2:   base score f32,
 *                            churn tree count i32, the churn trees in boosting order,
 *                            stay tree count i32, the stay trees in boosting order
 *                            (the arguments of {@link TreeEnsembleScorer#of})
 * checksum         i32       CRC-32C of every byte before it
 *
 * tree             node count i32 (at least 1), then per node, root first, in node id order,
 *                  29 bytes: feature i32 (-1 for a leaf), threshold f32, left i32, right i32,
 *                  default left u8 (0 or 1), value f32, cover f64
 *                  (the arrays of {@link DecisionTree}, every field of every node, leaves included)
 * </pre>
 * Nothing in the file depends on the clock or on hash order, so the same scorer always gives the
 * same bytes. The format version changes whenever the layout does; this build reads only its own.
 *
 * <p><b>Reading</b> checks, in this order, and refuses the file with a {@link BundleException}
 * whose message starts with {@value #FILE_NAME} and says what to do: the magic; the version; the
 * structure (a kind or calibration this build does not know, a count below zero, a default
 * direction other than 0 or 1, text that is not UTF-8, a file that ends early, bytes after the
 * checksum); the checksum; the feature schema (its fingerprint must match its version and names,
 * and all three must match the schema the caller expects); then the numbers, as the factories
 * check them (finite weights, means, bias, thresholds, leaf values and calibration, children that
 * form one tree, feature indices within the schema).
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] bytes = ScorerFile.toBytes(scorer);
 * CompiledScorer same = ScorerFile.fromBytes(bytes, Feature.SCHEMA); // scores bit for bit as scorer
 * }</pre>
 */
public final class ScorerFile {
    /** The file's name in a model bundle, with which every message about it starts. */
    public static final String FILE_NAME = "scorer.bin";
    /** The layout this build writes, and the only one it reads. */
    public static final int VERSION = 1;

    static final byte[] MAGIC = "CHURNSCR".getBytes(StandardCharsets.US_ASCII);
    static final int KIND_LINEAR = 1;
    static final int KIND_TREES = 2;
    static final int CALIBRATION_IDENTITY = 0;
    static final int CALIBRATION_PLATT = 1;
    static final int CALIBRATION_ISOTONIC = 2;
    /** Bytes per tree node: feature, threshold, left, right, default left, value, cover. */
    static final int NODE_BYTES = 4 + 4 + 4 + 4 + 1 + 4 + 8;
    static final int CHECKSUM_BYTES = 4;

    private static final String RETRAIN = "retrain or restore the bundle";

    private ScorerFile() {
    }

    /**
     * The scorer in the layout above.
     *
     * @throws InvalidArgumentException if a calibration number is not finite or a feature name is
     *         not valid Unicode (the file could not be read back)
     */
    public static byte[] toBytes(CompiledScorer scorer) {
        Objects.requireNonNull(scorer, "scorer");
        Out out = new Out();
        out.write(MAGIC, 0, MAGIC.length);
        out.i32(VERSION);
        out.u8(scorer instanceof LinearScorer ? KIND_LINEAR : KIND_TREES);
        FeatureSchema schema = scorer.schema();
        out.string(schema.version());
        out.string(schema.fingerprint());
        out.i32(schema.size());
        for (String name : schema.names()) {
            out.string(name);
        }
        writeCalibration(out, scorer.calibration());
        if (scorer instanceof LinearScorer linear) {
            out.f64(linear.bias());
            for (double w : linear.weights()) {
                out.f64(w);
            }
            for (double m : linear.means()) {
                out.f64(m);
            }
        } else {
            TreeEnsembleScorer trees = (TreeEnsembleScorer) scorer;
            out.f32(trees.baseScore());
            writeTrees(out, trees.churnTrees());
            writeTrees(out, trees.stayTrees());
        }
        CRC32C crc = new CRC32C();
        crc.update(out.buffer(), 0, out.size());
        out.i32((int) crc.getValue());
        return out.toByteArray();
    }

    /**
     * Writes {@link #toBytes(CompiledScorer)} to {@code out}, which is left open.
     *
     * @throws IOException if {@code out} cannot be written
     */
    public static void write(CompiledScorer scorer, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(toBytes(scorer));
    }

    /**
     * The scorer {@code bytes} hold, for vectors of {@code expected}.
     *
     * @param expected the feature schema this build computes, e.g. {@code Feature.SCHEMA}; the
     *                 scorer read has it as its {@link CompiledScorer#schema()}
     * @throws BundleException if the bytes are not a scorer file of format {@value #VERSION}, are
     *         truncated, damaged or followed by more bytes, or hold a scorer trained on other
     *         features or numbers its factory refuses; the message starts with {@value #FILE_NAME}
     */
    public static CompiledScorer fromBytes(byte[] bytes, FeatureSchema expected) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(expected, "expected schema");
        return new Reader(bytes).read(expected);
    }

    /**
     * Reads the rest of {@code in} (left open) as {@link #fromBytes(byte[], FeatureSchema)} does.
     *
     * @throws IOException     if {@code in} cannot be read
     * @throws BundleException as {@link #fromBytes(byte[], FeatureSchema)}
     */
    public static CompiledScorer read(InputStream in, FeatureSchema expected) throws IOException {
        Objects.requireNonNull(in, "in");
        return fromBytes(in.readAllBytes(), expected);
    }

    private static void writeCalibration(Out out, Calibration calibration) {
        if (calibration instanceof Calibration.Platt platt) {
            out.u8(CALIBRATION_PLATT);
            out.f64(platt.a());
            out.f64(platt.b());
        } else if (calibration instanceof Calibration.Isotonic isotonic) {
            double[] thresholds = isotonic.thresholds();
            double[] values = isotonic.values();
            for (int i = 0; i < thresholds.length; i++) {
                if (!Double.isFinite(thresholds[i]) || !Double.isFinite(values[i])) {
                    throw new InvalidArgumentException("cannot write " + FILE_NAME + ": isotonic calibration step " + i
                            + " has threshold " + thresholds[i] + " and value " + values[i]
                            + " (expected finite numbers)");
                }
            }
            out.u8(CALIBRATION_ISOTONIC);
            out.i32(thresholds.length);
            for (double t : thresholds) {
                out.f64(t);
            }
            for (double v : values) {
                out.f64(v);
            }
        } else {
            out.u8(CALIBRATION_IDENTITY);
        }
    }

    private static void writeTrees(Out out, List<DecisionTree> trees) {
        out.i32(trees.size());
        for (DecisionTree tree : trees) {
            int[] feature = tree.feature();
            float[] threshold = tree.threshold();
            int[] left = tree.left();
            int[] right = tree.right();
            boolean[] defaultLeft = tree.defaultLeft();
            float[] value = tree.value();
            double[] cover = tree.cover();
            out.i32(feature.length);
            for (int i = 0; i < feature.length; i++) {
                out.i32(feature[i]);
                out.f32(threshold[i]);
                out.i32(left[i]);
                out.i32(right[i]);
                out.u8(defaultLeft[i] ? 1 : 0);
                out.f32(value[i]);
                out.f64(cover[i]);
            }
        }
    }

    /** A byte array output with big-endian writes that cannot fail. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(4096);
        }

        byte[] buffer() {
            return buf;
        }

        void u8(int v) {
            write(v);
        }

        void i32(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }

        void f32(float v) {
            i32(Float.floatToRawIntBits(v));
        }

        void f64(double v) {
            long bits = Double.doubleToRawLongBits(v);
            i32((int) (bits >>> 32));
            i32((int) bits);
        }

        void string(String s) {
            ByteBuffer utf8;
            try {
                utf8 = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            } catch (CharacterCodingException e) {
                throw new InvalidArgumentException("cannot write " + FILE_NAME + ": '" + s
                        + "' is not valid Unicode (it holds a lone surrogate)");
            }
            i32(utf8.remaining());
            write(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
        }
    }

    /** One tree's node arrays as read, before {@link DecisionTree} checks them. */
    private record Nodes(int[] feature, float[] threshold, int[] left, int[] right, boolean[] defaultLeft,
                         float[] value, double[] cover) {
    }

    /** Reads one file: the structure first, then the checksum, the schema and the numbers. */
    private static final class Reader {
        private final byte[] bytes;
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this.bytes = bytes;
            this.in = ByteBuffer.wrap(bytes);
        }

        CompiledScorer read(FeatureSchema expected) {
            checkMagic();
            int version = in.getInt();
            if (version != VERSION) {
                throw new BundleException(FILE_NAME + ": format version " + version + " is not supported: this"
                        + " churn-risk reads format " + VERSION + "; load the bundle with the churn-risk that wrote"
                        + " it or retrain with this one");
            }
            need(1, "the scorer kind");
            int kind = in.get() & 0xff;
            if (kind != KIND_LINEAR && kind != KIND_TREES) {
                throw damaged("the scorer kind is " + kind + " (expected " + KIND_LINEAR + ", linear, or "
                        + KIND_TREES + ", tree ensemble)");
            }
            String schemaVersion = string("the feature schema's version");
            String fingerprint = string("the feature schema's fingerprint");
            int n = count("the feature count");
            List<String> names = new ArrayList<>();
            for (int f = 0; f < n; f++) {
                names.add(string("feature name " + (f + 1) + " of " + n));
            }
            int calibrationKind = readCalibrationKind();
            double[][] calibrationNumbers = readCalibrationNumbers(calibrationKind);
            double bias = 0;
            double[] weights = null;
            double[] means = null;
            float baseScore = 0;
            List<Nodes> churn = null;
            List<Nodes> stay = null;
            if (kind == KIND_LINEAR) {
                need(8 + 16L * n, "the bias, weights and means");
                bias = in.getDouble();
                weights = doubles(n);
                means = doubles(n);
            } else {
                need(4, "the base score");
                baseScore = in.getFloat();
                churn = trees("churn");
                stay = trees("stay");
            }
            checkEnd();

            FeatureSchema schema = checkSchema(schemaVersion, fingerprint, names, expected);
            Calibration calibration = calibration(calibrationKind, calibrationNumbers);
            try {
                if (kind == KIND_LINEAR) {
                    return LinearScorer.of(expected, weights, bias, means, calibration);
                }
                return TreeEnsembleScorer.of(expected, calibration, baseScore, decisionTrees(churn, "churn", schema),
                        decisionTrees(stay, "stay", schema));
            } catch (InvalidArgumentException e) {
                throw refused(e.getMessage(), e);
            }
        }

        private void checkMagic() {
            if (bytes.length == 0) {
                throw new BundleException(FILE_NAME + " is empty: the file was cut short; " + RETRAIN);
            }
            int have = Math.min(bytes.length, MAGIC.length);
            if (!Arrays.equals(bytes, 0, have, MAGIC, 0, have)) {
                throw new BundleException(FILE_NAME + " is not a churn-risk compiled scorer: it starts with "
                        + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, have) + ", not the magic "
                        + new String(MAGIC, StandardCharsets.US_ASCII) + "; " + RETRAIN);
            }
            need(MAGIC.length, "the magic");
            in.position(MAGIC.length);
            need(4, "the format version");
        }

        private int readCalibrationKind() {
            need(1, "the calibration kind");
            int kind = in.get() & 0xff;
            if (kind != CALIBRATION_IDENTITY && kind != CALIBRATION_PLATT && kind != CALIBRATION_ISOTONIC) {
                throw damaged("the calibration kind is " + kind + " (expected " + CALIBRATION_IDENTITY + ", identity, "
                        + CALIBRATION_PLATT + ", Platt, or " + CALIBRATION_ISOTONIC + ", isotonic)");
            }
            return kind;
        }

        private double[][] readCalibrationNumbers(int kind) {
            if (kind == CALIBRATION_PLATT) {
                need(16, "the Platt calibration");
                return new double[][] {{in.getDouble(), in.getDouble()}};
            }
            if (kind == CALIBRATION_ISOTONIC) {
                int k = count("the isotonic calibration's step count");
                need(16L * k, "the isotonic calibration's " + k + " steps");
                return new double[][] {doubles(k), doubles(k)};
            }
            return new double[0][];
        }

        private List<Nodes> trees(String which) {
            int count = count("the " + which + " tree count");
            List<Nodes> trees = new ArrayList<>(Math.min(count, 1 << 16));
            for (int t = 0; t < count; t++) {
                String where = which + " tree " + t + " of " + count;
                int m = count(where + "'s node count");
                need((long) NODE_BYTES * m, where + "'s " + m + " nodes");
                Nodes nodes = new Nodes(new int[m], new float[m], new int[m], new int[m], new boolean[m], new float[m],
                        new double[m]);
                for (int i = 0; i < m; i++) {
                    nodes.feature[i] = in.getInt();
                    nodes.threshold[i] = in.getFloat();
                    nodes.left[i] = in.getInt();
                    nodes.right[i] = in.getInt();
                    int d = in.get() & 0xff;
                    if (d > 1) {
                        throw damaged(where + ", node " + i + ": default left is " + d + " (expected 0 or 1)");
                    }
                    nodes.defaultLeft[i] = d == 1;
                    nodes.value[i] = in.getFloat();
                    nodes.cover[i] = in.getDouble();
                }
                trees.add(nodes);
            }
            return trees;
        }

        /** After the payload: exactly the checksum, and it matches. */
        private void checkEnd() {
            int left = in.remaining();
            if (left < CHECKSUM_BYTES) {
                throw truncated(CHECKSUM_BYTES, "the checksum");
            }
            if (left > CHECKSUM_BYTES) {
                throw new BundleException(FILE_NAME + " has " + (left - CHECKSUM_BYTES) + " bytes after its checksum"
                        + " (at byte " + (in.position() + CHECKSUM_BYTES) + " of " + bytes.length
                        + "): the file was changed or two files were joined; " + RETRAIN);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, in.position());
            int stored = in.getInt();
            if (stored != (int) crc.getValue()) {
                throw new BundleException(FILE_NAME + " does not match its checksum (stored " + hex(stored)
                        + ", computed " + hex((int) crc.getValue()) + "): the file was changed or damaged; " + RETRAIN);
            }
        }

        private FeatureSchema checkSchema(String version, String fingerprint, List<String> names,
                                          FeatureSchema expected) {
            FeatureSchema schema;
            try {
                schema = new FeatureSchema(version, names);
            } catch (InvalidArgumentException e) {
                throw new BundleException(FILE_NAME + ": feature schema: " + e.getMessage() + "; " + RETRAIN, e);
            }
            if (!schema.fingerprint().equals(fingerprint)) {
                throw new BundleException(FILE_NAME + ": the feature schema's fingerprint " + fingerprint
                        + " does not match its version and names (they give " + schema.fingerprint()
                        + "): the file was not written by churn-risk; " + RETRAIN);
            }
            if (!schema.equals(expected)) {
                throw new BundleException(FILE_NAME + ": the model was trained on features " + version
                        + " (fingerprint " + fingerprint + ", " + names.size() + " features) but this build computes "
                        + expected.version() + " (fingerprint " + expected.fingerprint() + ", " + expected.size()
                        + " features); retrain with this version");
            }
            return schema;
        }

        private static Calibration calibration(int kind, double[][] numbers) {
            if (kind == CALIBRATION_IDENTITY) {
                return new Calibration.Identity();
            }
            for (double[] row : numbers) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw refused((kind == CALIBRATION_PLATT ? "Platt" : "isotonic") + " calibration: "
                                + v + " is not a finite number", null);
                    }
                }
            }
            try {
                return kind == CALIBRATION_PLATT ? new Calibration.Platt(numbers[0][0], numbers[0][1])
                        : new Calibration.Isotonic(numbers[0], numbers[1]);
            } catch (InvalidArgumentException e) {
                throw refused(e.getMessage(), e);
            }
        }

        private static List<DecisionTree> decisionTrees(List<Nodes> trees, String which, FeatureSchema schema) {
            List<DecisionTree> out = new ArrayList<>(trees.size());
            for (int t = 0; t < trees.size(); t++) {
                Nodes nodes = trees.get(t);
                for (int i = 0; i < nodes.feature.length; i++) {
                    if (nodes.feature[i] >= schema.size()) {
                        throw refused(which + " tree " + t + ", node " + i + " splits on feature " + nodes.feature[i]
                                + " but the schema has " + schema.size() + " features (0.." + (schema.size() - 1)
                                + ")", null);
                    }
                }
                try {
                    out.add(new DecisionTree(nodes.feature, nodes.threshold, nodes.left, nodes.right,
                            nodes.defaultLeft, nodes.value, nodes.cover));
                } catch (InvalidArgumentException e) {
                    throw refused(which + " tree " + t + ": " + e.getMessage(), e);
                }
            }
            return out;
        }

        private int count(String what) {
            need(4, what);
            int count = in.getInt();
            if (count < 0) {
                throw damaged(what + " is " + count + " (expected 0 or more)");
            }
            return count;
        }

        private String string(String what) {
            int length = count(what + "'s length");
            need(length, what);
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, in.position(), length)).toString();
                in.position(in.position() + length);
                return s;
            } catch (CharacterCodingException e) {
                throw damaged(what + " at byte " + in.position() + " is not valid UTF-8");
            }
        }

        private double[] doubles(int n) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = in.getDouble();
            }
            return out;
        }

        /** Checks that {@code length} more bytes are there before anything that size is allocated or read. */
        private void need(long length, String what) {
            if (length > in.remaining()) {
                throw truncated(length, what);
            }
        }

        private BundleException truncated(long length, String what) {
            return new BundleException(FILE_NAME + " is truncated: " + what + " needs " + length + " bytes at byte "
                    + in.position() + ", but the file ends at byte " + bytes.length + "; " + RETRAIN);
        }

        private static BundleException damaged(String what) {
            return new BundleException(FILE_NAME + ": " + what + ": the file is damaged or was not written by"
                    + " churn-risk; " + RETRAIN);
        }

        /**
         * Numbers the checksum vouches for but a factory refuses: not a damaged copy but a file from
         * another writer, or from a build whose factories accepted more.
         */
        private static BundleException refused(String what, Throwable cause) {
            return new BundleException(FILE_NAME + ": " + what + ": this churn-risk does not accept the scorer the"
                    + " file holds; retrain the model", cause);
        }

        private static String hex(int v) {
            return String.format("%08x", v);
        }
    }
}
