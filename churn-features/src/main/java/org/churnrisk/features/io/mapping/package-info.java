/** The column mapping: churn.yaml, and how each source's files, columns and values are named. */
package org.churnrisk.features.io.mapping;
