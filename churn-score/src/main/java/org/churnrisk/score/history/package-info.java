/** The run history beside a report: one entry per as-of date, holdout assignments, bounded growth. */
package org.churnrisk.score.history;
