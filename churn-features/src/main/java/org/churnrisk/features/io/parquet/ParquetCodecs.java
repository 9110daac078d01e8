package org.churnrisk.features.io.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.format.CompressionCodec;

/**
 * Decompresses Parquet pages in plain Java: SNAPPY, ZSTD and LZ4 with aircompressor, GZIP with
 * the JDK. No Hadoop codec classes and no native libraries, so the reader runs wherever a JVM does.
 *
 * <p>BROTLI and LZO are not supported: {@link #check} rejects them when the file is opened. One
 * instance per cursor; not thread-safe (the decompressors keep state).
 */
final class ParquetCodecs {

    /** The codecs {@link #decompress} handles, for messages. */
    static final String SUPPORTED = "UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, LZ4";

    private Decompressor snappy;
    private Decompressor zstd;
    private Decompressor lz4;

    /** Returns null when {@code codec} is supported, otherwise why not. */
    static String check(CompressionCodec codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, LZ4 -> null;
            default -> "uses " + codec + " compression, which is not supported (supported: " + SUPPORTED
                    + "); write the file with SNAPPY or ZSTD instead";
        };
    }

    /**
     * Decompresses {@code length} bytes of {@code in} from {@code offset} into {@code out} from
     * {@code outOffset}, which must have room for {@code uncompressedSize} bytes there.
     *
     * @throws IOException if the data is corrupt or does not decompress to {@code uncompressedSize} bytes
     */
    void decompress(CompressionCodec codec, byte[] in, int offset, int length, byte[] out, int outOffset,
                    int uncompressedSize) throws IOException {
        int written;
        try {
            written = switch (codec) {
                case UNCOMPRESSED -> {
                    System.arraycopy(in, offset, out, outOffset, Math.min(length, uncompressedSize));
                    yield length;
                }
                case SNAPPY -> snappy().decompress(in, offset, length, out, outOffset, uncompressedSize);
                case ZSTD -> zstd().decompress(in, offset, length, out, outOffset, uncompressedSize);
                case LZ4_RAW -> lz4().decompress(in, offset, length, out, outOffset, uncompressedSize);
                case LZ4 -> lz4Legacy(in, offset, length, out, outOffset, uncompressedSize);
                case GZIP -> gunzip(in, offset, length, out, outOffset, uncompressedSize);
                default -> throw new IOException(check(codec));
            };
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new IOException(codec + " data is corrupt: " + e.getMessage(), e);
        }
        if (written != uncompressedSize) {
            throw new IOException(codec + " data decompressed to " + written + " bytes, but the page header says "
                    + uncompressedSize);
        }
    }

    private Decompressor snappy() {
        if (snappy == null) {
            snappy = new SnappyDecompressor();
        }
        return snappy;
    }

    private Decompressor zstd() {
        if (zstd == null) {
            zstd = new ZstdDecompressor();
        }
        return zstd;
    }

    private Decompressor lz4() {
        if (lz4 == null) {
            lz4 = new Lz4Decompressor();
        }
        return lz4;
    }

    private static int gunzip(byte[] in, int offset, int length, byte[] out, int outOffset, int size)
            throws IOException {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in, offset, length), 8192)) {
            int n = gz.readNBytes(out, outOffset, size);
            if (gz.read() != -1) {
                return size + 1;
            }
            return n;
        }
    }

    /**
     * The deprecated LZ4 codec: parquet-mr wrote Hadoop's block framing (per block a big-endian
     * uncompressed length, then chunks each prefixed by a big-endian compressed length); some other
     * writers wrote raw LZ4 blocks. Like parquet-cpp, try the framing first and fall back to raw.
     */
    private int lz4Legacy(byte[] in, int offset, int length, byte[] out, int outOffset, int size) {
        int framed = lz4Hadoop(in, offset, length, out, outOffset, size);
        if (framed == size) {
            return framed;
        }
        return lz4().decompress(in, offset, length, out, outOffset, size);
    }

    /** Returns the bytes written at {@code out[outOffset]}, or -1 if the data is not in Hadoop's framing. */
    private int lz4Hadoop(byte[] in, int offset, int length, byte[] out, int outOffset, int size) {
        int pos = offset;
        int end = offset + length;
        int written = 0;
        try {
            while (pos + 4 <= end) {
                int blockSize = readIntBigEndian(in, pos);
                pos += 4;
                if (blockSize < 0 || blockSize > size - written) {
                    return -1;
                }
                int blockEnd = written + blockSize;
                while (written < blockEnd) {
                    if (pos + 4 > end) {
                        return -1;
                    }
                    int chunk = readIntBigEndian(in, pos);
                    pos += 4;
                    if (chunk <= 0 || chunk > end - pos) {
                        return -1;
                    }
                    written += lz4().decompress(in, pos, chunk, out, outOffset + written, blockEnd - written);
                    pos += chunk;
                }
            }
            return pos == end ? written : -1;
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    private static int readIntBigEndian(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
