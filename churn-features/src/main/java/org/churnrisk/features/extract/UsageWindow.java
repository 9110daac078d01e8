package org.churnrisk.features.extract;

/**
 * The windows before an as-of date T that usage features count over, each a run of the
 * {@link Snapshots} usage segments {@code [fromSegment, toSegment)}: the last 7, 30 and 90 days,
 * and the 30 days before the last 30, which trends compare the last 30 with.
 */
enum UsageWindow {
    /** {@code [T-7d, T)}. */
    LAST_7_DAYS(Snapshots.SEG_LAST_7, Snapshots.SEGMENTS),
    /** {@code [T-30d, T)}. */
    LAST_30_DAYS(Snapshots.SEG_30_TO_7, Snapshots.SEGMENTS),
    /** {@code [T-60d, T-30d)}: the 30 days before the last 30. */
    PREVIOUS_30_DAYS(Snapshots.SEG_60_TO_30, Snapshots.SEG_30_TO_7),
    /** {@code [T-90d, T)}. */
    LAST_90_DAYS(Snapshots.SEG_90_TO_60, Snapshots.SEGMENTS);

    /** The first segment of the window. */
    final int fromSegment;
    /** The segment after the last one of the window. */
    final int toSegment;

    UsageWindow(int fromSegment, int toSegment) {
        this.fromSegment = fromSegment;
        this.toSegment = toSegment;
    }
}
