package org.churnrisk.features.output;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Snappy for Parquet pages through aircompressor: pure Java, no native library and no Hadoop
 * codec factory. Not thread-safe: one per writer.
 */
public final class SnappyPages implements BytesInputCompressor {
    private final SnappyCompressor snappy = new SnappyCompressor();

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        bytes.writeAllTo(buffer);
        byte[] in = buffer.toByteArray();
        byte[] compressed = new byte[snappy.maxCompressedLength(in.length)];
        int n = snappy.compress(in, 0, in.length, compressed, 0, compressed.length);
        return BytesInput.from(Arrays.copyOf(compressed, n));
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.SNAPPY;
    }

    @Override
    public void release() {
    }
}
