/** The self-contained HTML report for CS leaders ({@code report.html}), with its inline SVG charts. */
package org.churnrisk.score.report;
