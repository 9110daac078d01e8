/** Time-based backtests: rolling-origin folds whose training labels never reach into the test period. */
package org.churnrisk.train.backtest;
