/** Evaluation metrics of a churn model: ranking, precision at CSM capacity, lift, calibration, and their tables. */
package org.churnrisk.train.eval;
