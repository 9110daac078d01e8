/**
 * Nightly scoring: {@link org.churnrisk.score.ChurnModel}, the entry point for services,
 * and the ranked at-risk report with drivers, suggested plays and the run summary.
 */
package org.churnrisk.score;
