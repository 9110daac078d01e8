/** Fitting calibration on held-out rows: Platt scaling, or isotonic regression where rows allow. */
package org.churnrisk.train.calibrate;
