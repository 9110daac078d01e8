package org.churnrisk.features.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary ids) into
 * an int array in one call. parquet-column's decoder returns one value per virtual call and
 * allocates two arrays per bit-packed run; this one unpacks runs straight into the output with
 * parquet-encoding's generated {@link BytePacker}s. Stateless.
 */
final class ParquetHybrid {

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
            int header = 0;
            for (int shift = 0; ; shift += 7) {
                if (pos >= end || shift > 28) {
                    throw new ParquetDecodingException("RLE data ends after " + n + " of " + count + " values");
                }
                int x = b[pos++] & 0xff;
                header |= (x & 0x7f) << shift;
                if (x < 0x80) {
                    break;
                }
            }
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
                for (int g = 0; g < groups && n < count; g++) {
                    int in = pos + g * bitWidth;
                    if (in + bitWidth <= end) {
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
}
