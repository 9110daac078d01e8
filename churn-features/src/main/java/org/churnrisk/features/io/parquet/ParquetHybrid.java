package org.churnrisk.features.io.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary ids) into
 * an int array in one call. parquet-column's decoder returns one value per virtual call and
 * allocates two arrays per bit-packed run; this one unpacks runs straight into the output, each
 * value with one little-endian long read where the array has room for it, and otherwise with
 * parquet-encoding's generated {@link BytePacker}s (which read byte by byte through a ByteBuffer,
 * a virtual call per eight values). Definition levels of optional columns (bit width 1) go
 * straight into null flags. Stateless.
 */
final class ParquetHybrid {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ParquetHybrid() {
    }

    /**
     * Decodes {@code count} values of {@code bitWidth} bits from {@code b[pos, end)} into {@code
     * out[0, count)}; {@code out} needs 8 spare slots after {@code count}. A bit-packed run cut
     * short at {@code end} (as some writers leave the last one) reads as zero-padded.
     *
     * @return the position after the last run read
     * @throws ParquetDecodingException if the data ends before {@code count} values
     */
    static int decode(byte[] b, int pos, int end, int bitWidth, int[] out, int count) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new ParquetDecodingException("bit width " + bitWidth + " is out of range");
        }
        BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
        ByteBuffer buffer = ByteBuffer.wrap(b);
        int valueBytes = (bitWidth + 7) >>> 3;
        int n = 0;
        while (n < count) {
            long read = runHeader(b, pos, end, n, count);
            int header = (int) read;
            pos = (int) (read >>> 32);
            if ((header & 1) == 0) {
                if (pos + valueBytes > end) {
                    throw new ParquetDecodingException("RLE data ends inside a run");
                }
                int value = 0;
                for (int k = 0; k < valueBytes; k++) {
                    value |= (b[pos + k] & 0xff) << (8 * k);
                }
                pos += valueBytes;
                int take = Math.min(header >>> 1, count - n);
                Arrays.fill(out, n, n + take, value);
                n += take;
            } else {
                int groups = header >>> 1;
                if (bitWidth == 0) { // the width-0 packer writes nothing, so the zeros are filled here
                    int take = (int) Math.min(8L * groups, count - n);
                    Arrays.fill(out, n, n + take, 0);
                    n += take;
                    continue;
                }
                long mask = (1L << bitWidth) - 1;
                for (int g = 0; g < groups && n < count; g++) {
                    int in = pos + g * bitWidth;
                    if (in + bitWidth <= end && in + bitWidth + 8 <= b.length) {
                        // value j starts in byte (j * bitWidth) / 8 and spans at most 39 bits from there
                        for (int j = 0, bit = 0; j < 8; j++, bit += bitWidth) {
                            long word = (long) LONG.get(b, in + (bit >>> 3));
                            out[n + j] = (int) ((word >>> (bit & 7)) & mask);
                        }
                    } else if (in + bitWidth <= end) {
                        packer.unpack8Values(buffer, in, out, n);
                    } else {
                        unpackTruncated(packer, b, in, end, bitWidth, out, n);
                    }
                    n += Math.min(8, count - n);
                }
                pos = (int) Math.min((long) pos + (long) groups * bitWidth, end);
            }
        }
        return pos;
    }

    /**
     * Decodes {@code count} definition levels of bit width 1 from {@code b[pos, end)} into {@code
     * isNull[0, count)}: true where the level is 0, exactly as {@link #decode} and a test for 0
     * would give, without the array of levels in between.
     *
     * @return how many of the levels are not 0
     * @throws ParquetDecodingException if the data ends before {@code count} levels
     */
    static int decodeLevels(byte[] b, int pos, int end, boolean[] isNull, int count) {
        int n = 0;
        int present = 0;
        while (n < count) {
            long read = runHeader(b, pos, end, n, count);
            int header = (int) read;
            pos = (int) (read >>> 32);
            if ((header & 1) == 0) {
                if (pos >= end) {
                    throw new ParquetDecodingException("RLE data ends inside a run");
                }
                boolean missing = b[pos++] == 0;
                int take = Math.min(header >>> 1, count - n);
                Arrays.fill(isNull, n, n + take, missing);
                present += missing ? 0 : take;
                n += take;
            } else {
                int groups = header >>> 1;
                for (int g = 0; g < groups && n < count; g++) {
                    if (pos + g >= end) {
                        throw new ParquetDecodingException("bit-packed data ends before its values");
                    }
                    int bits = b[pos + g] & 0xff;
                    int take = Math.min(8, count - n);
                    for (int j = 0; j < take; j++) {
                        boolean missing = (bits >>> j & 1) == 0;
                        isNull[n + j] = missing;
                        present += missing ? 0 : 1;
                    }
                    n += take;
                }
                pos = (int) Math.min((long) pos + groups, end);
            }
        }
        return present;
    }

    private static void unpackTruncated(BytePacker packer, byte[] b, int in, int end, int bitWidth, int[] out,
                                        int n) {
        if (in >= end) {
            throw new ParquetDecodingException("bit-packed data ends before its values");
        }
        byte[] padded = Arrays.copyOfRange(b, in, in + bitWidth); // zero-filled past the array's end
        if (in + bitWidth > end) {
            Arrays.fill(padded, end - in, bitWidth, (byte) 0);
        }
        packer.unpack8Values(ByteBuffer.wrap(padded), 0, out, n);
    }

    /**
     * Reads a run's ULEB128 header at {@code pos}: the header in the low 32 bits of the result,
     * the position after it in the high 32 ({@code n} and {@code count} only name the place in
     * an error).
     */
    private static long runHeader(byte[] b, int pos, int end, int n, int count) {
        int header = 0;
        for (int shift = 0; ; shift += 7) {
            if (pos >= end || shift > 28) {
                throw new ParquetDecodingException("RLE data ends after " + n + " of " + count + " values");
            }
            int x = b[pos++] & 0xff;
            header |= (x & 0x7f) << shift;
            if (x < 0x80) {
                return ((long) pos << 32) | (header & 0xffffffffL);
            }
        }
    }
}
