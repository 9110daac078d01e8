/** Labelled snapshots: which rows a model learns from, their 120-day outcome, and what is censored. */
package org.churnrisk.train.data;
