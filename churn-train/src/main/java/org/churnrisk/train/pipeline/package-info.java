/** The training run end to end: snapshots, labels, backtest, the final calibrated model. */
package org.churnrisk.train.pipeline;
