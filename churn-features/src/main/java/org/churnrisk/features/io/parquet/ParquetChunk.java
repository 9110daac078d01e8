package org.churnrisk.features.io.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The pages of one column chunk, read on demand with positional reads and decompressed with
 * {@link ParquetCodecs}. This is the part of parquet-hadoop's {@code ParquetFileReader} the cursor
 * needs, without its Hadoop-bound options and codec factory.
 *
 * <p>Memory: a small read buffer, the dictionary page and the current page; the chunk is never
 * loaded whole. The buffers belong to the column ({@link Buffers}) and are reused for every page
 * and chunk it reads, so a page is only valid until the next one is read. Channel failures surface
 * as {@link UncheckedIOException}, undecodable data as {@link ParquetDecodingException}, so that
 * callers can tell the two apart. Not thread-safe.
 */
final class ParquetChunk {

    /**
     * One data page, decompressed into {@code bytes[0, length)} (the array may be longer). Format
     * v1: the levels (each RLE run list prefixed by its length) then the values. Format v2: the
     * repetition levels ({@code repetitionLength} bytes), the definition levels ({@code
     * definitionLength} bytes, no prefix), then the values.
     */
    record Page(int values, byte[] bytes, int length, boolean v2, int repetitionLength, int definitionLength,
                Encoding definitionEncoding, Encoding encoding) {
    }

    /** The dictionary page, decompressed: {@code values} entries in {@code bytes[0, length)}, in {@code encoding}. */
    record Dictionary(int values, byte[] bytes, int length, Encoding encoding) {
    }

    /**
     * The buffers one column reads its pages into, kept from page to page and chunk to chunk: the
     * compressed bytes, the decompressed data page, the decompressed dictionary page (which must
     * outlive the data pages of its chunk) and the read buffer. Each grows to the largest page
     * seen. Not thread-safe.
     */
    static final class Buffers {
        private byte[] compressed = new byte[0];
        private byte[] page = new byte[0];
        private byte[] dictionary = new byte[0];
        private byte[] read;

        /** Bytes held, for tests. */
        long bytes() {
            return (long) compressed.length + page.length + dictionary.length + (read == null ? 0 : read.length);
        }
    }

    private static final int BUFFER_SIZE = 1 << 16;
    /** Pages are usually about 1 MB; a larger size than this comes from a damaged header. */
    private static final int MAX_PAGE_BYTES = 1 << 30;

    private final FileChannel channel;
    private final CompressionCodec codec;
    private final ParquetCodecs codecs;
    private final long totalValues;
    private final long end;
    private final Input in;
    private final Buffers buffers;
    private final Dictionary dictionary;
    private PageHeader pending;
    private long valuesRead;

    /** Opens a column chunk whose pages are read into {@code buffers}, replacing what they held. */
    ParquetChunk(FileChannel channel, ColumnMetaData meta, ParquetCodecs codecs, Buffers buffers) {
        this.channel = channel;
        this.codec = meta.getCodec();
        this.codecs = codecs;
        this.buffers = buffers;
        this.totalValues = meta.getNum_values();
        long start = meta.getData_page_offset();
        if (meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
                && meta.getDictionary_page_offset() < start) {
            start = meta.getDictionary_page_offset();
        }
        this.end = start + meta.getTotal_compressed_size();
        this.in = new Input(start);
        PageHeader first = totalValues > 0 ? header() : null;
        if (first != null && first.getType() == PageType.DICTIONARY_PAGE) {
            if (first.getDictionary_page_header() == null) {
                throw new ParquetDecodingException("a dictionary page without its header");
            }
            int length = payload(first.getCompressed_page_size(), first.getUncompressed_page_size(), true);
            dictionary = new Dictionary(first.getDictionary_page_header().getNum_values(), buffers.dictionary, length,
                    encoding(first.getDictionary_page_header().getEncoding()));
        } else {
            dictionary = null;
            pending = first;
        }
    }

    /** The chunk's dictionary page, or null. */
    Dictionary dictionaryPage() {
        return dictionary;
    }

    /** The next data page, or null after the last one. */
    Page nextPage() {
        while (valuesRead < totalValues) {
            PageHeader h = pending != null ? pending : header();
            pending = null;
            int compressed = h.getCompressed_page_size();
            int uncompressed = h.getUncompressed_page_size();
            if (h.getType() == PageType.DATA_PAGE) {
                DataPageHeader d = h.getData_page_header();
                if (d == null) {
                    throw new ParquetDecodingException("a data page without its header");
                }
                int length = payload(compressed, uncompressed, false);
                valuesRead += d.getNum_values();
                return new Page(d.getNum_values(), buffers.page, length, false, 0, 0,
                        encoding(d.getDefinition_level_encoding()), encoding(d.getEncoding()));
            } else if (h.getType() == PageType.DATA_PAGE_V2) {
                return pageV2(h);
            } else if (h.getType() == PageType.DICTIONARY_PAGE) {
                throw new ParquetDecodingException("a dictionary page after the first page of a column chunk");
            }
            skip(compressed); // an index page, or a page type this reader does not know
        }
        return null;
    }

    private Page pageV2(PageHeader h) {
        DataPageHeaderV2 d = h.getData_page_header_v2();
        if (d == null) {
            throw new ParquetDecodingException("a data page without its header");
        }
        int levels = d.getRepetition_levels_byte_length() + d.getDefinition_levels_byte_length();
        int compressed = h.getCompressed_page_size();
        int uncompressed = h.getUncompressed_page_size();
        if (levels < 0 || levels > compressed || levels > uncompressed || uncompressed > MAX_PAGE_BYTES
                || in.position() + compressed > end) {
            throw new ParquetDecodingException("a page's sizes do not fit its column chunk");
        }
        boolean isCompressed = !d.isSetIs_compressed() || d.isIs_compressed();
        int length;
        if (isCompressed && codec != CompressionCodec.UNCOMPRESSED) {
            // the levels are never compressed: they go to the page as they are, the values after them
            byte[] raw = buffers.compressed = room(buffers.compressed, compressed);
            in.readFully(raw, compressed);
            byte[] page = buffers.page = room(buffers.page, uncompressed);
            System.arraycopy(raw, 0, page, 0, levels);
            decompress(raw, levels, compressed - levels, page, levels, uncompressed - levels);
            length = uncompressed;
        } else {
            byte[] page = buffers.page = room(buffers.page, compressed);
            in.readFully(page, compressed);
            length = compressed;
        }
        valuesRead += d.getNum_values();
        return new Page(d.getNum_values(), buffers.page, length, true, d.getRepetition_levels_byte_length(),
                d.getDefinition_levels_byte_length(), Encoding.RLE, encoding(d.getEncoding()));
    }

    private PageHeader header() {
        if (in.position() >= end) {
            throw new ParquetDecodingException("the column chunk ends after " + valuesRead + " of its "
                    + totalValues + " values");
        }
        try {
            return Util.readPageHeader(in);
        } catch (IOException e) {
            throw new ParquetDecodingException("a page header cannot be decoded (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the next page's bytes and decompresses them into the dictionary buffer or the page
     * buffer; returns how many bytes the page has there.
     */
    private int payload(int compressed, int uncompressed, boolean isDictionary) {
        if (compressed < 0 || uncompressed < 0 || uncompressed > MAX_PAGE_BYTES || in.position() + compressed > end) {
            throw new ParquetDecodingException("a page of " + compressed + " bytes (" + uncompressed
                    + " uncompressed) does not fit its column chunk");
        }
        if (codec == CompressionCodec.UNCOMPRESSED) {
            byte[] out = room(isDictionary ? buffers.dictionary : buffers.page, compressed);
            in.readFully(out, compressed);
            keep(out, isDictionary);
            return compressed;
        }
        byte[] raw = buffers.compressed = room(buffers.compressed, compressed);
        in.readFully(raw, compressed);
        byte[] out = room(isDictionary ? buffers.dictionary : buffers.page, uncompressed);
        keep(out, isDictionary);
        decompress(raw, 0, compressed, out, 0, uncompressed);
        return uncompressed;
    }

    private void keep(byte[] out, boolean isDictionary) {
        if (isDictionary) {
            buffers.dictionary = out;
        } else {
            buffers.page = out;
        }
    }

    /** {@code buffer} if it holds {@code size} bytes, else a larger one (its contents are not kept). */
    private static byte[] room(byte[] buffer, int size) {
        if (buffer.length >= size) {
            return buffer;
        }
        // a little slack, so that pages a few bytes larger than the last do not each allocate
        return new byte[Math.max(size, (int) Math.min(MAX_PAGE_BYTES, size + (long) (size >>> 3)))];
    }

    private void decompress(byte[] raw, int offset, int length, byte[] out, int outOffset, int uncompressed) {
        try {
            codecs.decompress(codec, raw, offset, length, out, outOffset, uncompressed);
        } catch (IOException e) {
            throw new ParquetDecodingException(e.getMessage(), e);
        }
    }

    private void skip(int bytes) {
        if (bytes < 0) {
            throw new ParquetDecodingException("a page header gives a negative size");
        }
        in.skipBytes(bytes);
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        try {
            return Encoding.valueOf(e.name());
        } catch (IllegalArgumentException | NullPointerException x) {
            throw new ParquetDecodingException("the encoding " + e + " is not supported");
        }
    }

    /** A buffered stream over [start, end) of the file that reads with positional reads. */
    private final class Input extends InputStream {
        private final byte[] buffer;
        private long bufferStart;
        private int bufferLength;
        private int bufferPos;

        Input(long start) {
            if (buffers.read == null) {
                buffers.read = new byte[BUFFER_SIZE];
            }
            this.buffer = buffers.read;
            this.bufferStart = start;
        }

        long position() {
            return bufferStart + bufferPos;
        }

        @Override
        public int read() {
            if (bufferPos == bufferLength && !fill()) {
                return -1;
            }
            return buffer[bufferPos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (bufferPos == bufferLength && !fill()) {
                return -1;
            }
            int n = Math.min(len, bufferLength - bufferPos);
            System.arraycopy(buffer, bufferPos, b, off, n);
            bufferPos += n;
            return n;
        }

        /** Reads the next {@code length} bytes into {@code into[0, length)}. */
        void readFully(byte[] into, int length) {
            int buffered = Math.min(length, bufferLength - bufferPos);
            System.arraycopy(buffer, bufferPos, into, 0, buffered);
            bufferPos += buffered;
            if (buffered < length) {
                long at = position();
                read(ByteBuffer.wrap(into, buffered, length - buffered), at);
                bufferStart = at + length - buffered;
                bufferLength = 0;
                bufferPos = 0;
            }
        }

        void skipBytes(int n) {
            int buffered = Math.min(n, bufferLength - bufferPos);
            bufferPos += buffered;
            if (buffered < n) {
                bufferStart = position() + n - buffered;
                bufferLength = 0;
                bufferPos = 0;
            }
        }

        private void read(ByteBuffer into, long at) {
            try {
                ParquetFooter.readFully(channel, into, at);
            } catch (EOFException e) {
                throw new ParquetDecodingException("the column chunk runs past the end of the file", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean fill() {
            long at = position();
            int want = (int) Math.min(buffer.length, end - at);
            if (want <= 0) {
                return false;
            }
            read(ByteBuffer.wrap(buffer, 0, want), at);
            bufferStart = at;
            bufferLength = want;
            bufferPos = 0;
            return true;
        }
    }
}
