package org.churnrisk.spark;

import java.io.Serializable;

/**
 * One row of a source as Spark read it: the canonical columns as text (null when absent or
 * null), where it came from, and its place in the read, so that a partition can put its rows back
 * in file order before the extractor sees them.
 */
final class Rec implements Serializable {
    private static final long serialVersionUID = 1L;

    final int source;
    final String file;
    final long blockStart;
    final long seq;
    final String[] cells;

    Rec(int source, String file, long blockStart, long seq, String[] cells) {
        this.source = source;
        this.file = file;
        this.blockStart = blockStart;
        this.seq = seq;
        this.cells = cells;
    }

    /** Source order, then file name, then the split of the file, then the row's place in its split. */
    static int compare(Rec a, Rec b) {
        int c = Integer.compare(a.source, b.source);
        if (c == 0) {
            c = a.file.compareTo(b.file);
        }
        if (c == 0) {
            c = Long.compare(a.blockStart, b.blockStart);
        }
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }
}
