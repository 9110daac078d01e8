/** Labels, snapshot datasets, Tribuo training, backtests, calibration and model bundles. */
package org.churnrisk.train;
