package org.churnrisk.features;

/** What to do with a row that breaks the data contract. */
public enum BadRows {
    /** Stop at the first bad row with a message naming the file, line, column and value. */
    FAIL,
    /** Write the row to the source's rejects file with the reason and go on. */
    SKIP
}
