/** What happened after past runs: realised churn against predictions, and rescue rates of treated and holdout accounts. */
package org.churnrisk.score.outcomes;
