package org.churnrisk.train.eval;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * A reliability (calibration) table of ten fixed-width bins and its expected calibration error.
 *
 * @param bins ten bins, {@code [0, 0.1)} first and {@code [0.9, 1.0]} last
 * @param ece  expected calibration error: the sum over bins of
 *             {@code count / rows * |meanPredicted - observedRate|}, empty bins adding nothing
 */
public record Reliability(List<ReliabilityBin> bins, double ece) {
    public Reliability {
        bins = List.copyOf(bins);
        if (bins.size() != 10) {
            throw new InvalidArgumentException("reliability: " + bins.size() + " bins (expected 10)");
        }
    }
}
