package org.churnrisk.features.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ParquetHybrid} against parquet-column's own encoder. */
class ParquetHybridTest {

    static IntStream bitWidths() {
        return IntStream.rangeClosed(0, 32);
    }

    @ParameterizedTest
    @MethodSource("bitWidths")
    void decodesWhatParquetEncodes(int bitWidth) throws IOException {
        SplittableRandom random = new SplittableRandom(bitWidth);
        int[] values = new int[5_000];
        long bound = 1L << bitWidth;
        for (int i = 0; i < values.length; ) {
            // runs (RLE) and noise (bit-packed) mixed, as real levels and dictionary ids are
            int v = bitWidth == 0 ? 0 : (int) random.nextLong(bound);
            int run = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1;
            for (int k = 0; k < run && i < values.length; k++) {
                values[i++] = v;
            }
        }
        byte[] encoded = encode(bitWidth, values);
        int[] out = new int[values.length + 8];

        int end = ParquetHybrid.decode(encoded, 0, encoded.length, bitWidth, out, values.length);

        assertThat(Arrays.copyOf(out, values.length)).isEqualTo(values);
        assertThat(end).isEqualTo(encoded.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 17})
    void decodesAPrefixAtAnOffset(int bitWidth) throws IOException {
        int[] values = IntStream.range(0, 100).map(i -> i % (1 << Math.min(bitWidth, 7))).toArray();
        byte[] encoded = encode(bitWidth, values);
        byte[] shifted = new byte[encoded.length + 3];
        System.arraycopy(encoded, 0, shifted, 3, encoded.length);
        int[] out = new int[50 + 8];

        ParquetHybrid.decode(shifted, 3, shifted.length, bitWidth, out, 50);

        assertThat(Arrays.copyOf(out, 50)).isEqualTo(Arrays.copyOf(values, 50));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void dataThatEndsTooEarlyIsAnError(int bitWidth) throws IOException {
        int[] values = IntStream.range(0, 64).map(i -> i & 1).toArray();
        byte[] encoded = encode(bitWidth, values);

        assertThatThrownBy(() -> ParquetHybrid.decode(encoded, 0, 1, bitWidth, new int[72], 64))
                .isInstanceOf(ParquetDecodingException.class);
    }

    @ParameterizedTest
    @MethodSource("bitWidths")
    void decodesTheSameWithRoomAfterTheData(int bitWidth) throws IOException {
        SplittableRandom random = new SplittableRandom(100 + bitWidth);
        int[] values = new int[3_000];
        long bound = 1L << bitWidth;
        for (int i = 0; i < values.length; i++) {
            values[i] = bitWidth == 0 ? 0 : (int) random.nextLong(bound);
        }
        byte[] encoded = encode(bitWidth, values);
        byte[] roomy = Arrays.copyOf(encoded, encoded.length + 64); // a long can be read past any value
        Arrays.fill(roomy, encoded.length, roomy.length, (byte) 0xA5);
        int[] out = new int[values.length + 8];

        int end = ParquetHybrid.decode(roomy, 0, encoded.length, bitWidth, out, values.length);

        assertThat(Arrays.copyOf(out, values.length)).isEqualTo(values);
        assertThat(end).isEqualTo(encoded.length);
    }

    static IntStream seeds() {
        return IntStream.range(0, 12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void levelsDecodeToTheNullsOfTheirValues(int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int[] levels = new int[1 + random.nextInt(3_000)];
        for (int i = 0; i < levels.length; ) {
            int v = random.nextInt(2);
            int run = random.nextInt(3) == 0 ? 1 + random.nextInt(100) : 1; // RLE and bit-packed runs
            for (int k = 0; k < run && i < levels.length; k++) {
                levels[i++] = v;
            }
        }
        byte[] encoded = encode(1, levels);
        boolean[] isNull = new boolean[levels.length];
        Arrays.fill(isNull, true);

        int present = ParquetHybrid.decodeLevels(encoded, 0, encoded.length, isNull, levels.length);

        boolean[] expected = new boolean[levels.length];
        for (int i = 0; i < levels.length; i++) {
            expected[i] = levels[i] == 0;
        }
        assertThat(isNull).isEqualTo(expected);
        assertThat(present).isEqualTo((int) IntStream.of(levels).filter(l -> l != 0).count());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 9})
    void levelsThatEndTooEarlyAreAnErrorAsValuesAre(int end) throws IOException {
        int[] levels = IntStream.range(0, 200).map(i -> (i * 7919) % 3 == 0 ? 0 : 1).toArray();
        byte[] encoded = encode(1, levels);

        assertThatThrownBy(() -> ParquetHybrid.decode(encoded, 0, end, 1, new int[208], 200))
                .isInstanceOf(ParquetDecodingException.class);
        assertThatThrownBy(() -> ParquetHybrid.decodeLevels(encoded, 0, end, new boolean[200], 200))
                .isInstanceOf(ParquetDecodingException.class);
    }

    private static byte[] encode(int bitWidth, int[] values) throws IOException {
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                new HeapByteBufferAllocator());
        for (int v : values) {
            encoder.writeInt(v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.toBytes().writeAllTo(out);
        return out.toByteArray();
    }
}
