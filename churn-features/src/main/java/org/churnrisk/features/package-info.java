/** Readers for CSV and Parquet exports, the column mapping and point-in-time feature extraction. */
package org.churnrisk.features;
