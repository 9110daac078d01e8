/** The Parquet reader, without Hadoop: footer, column chunks, pages, encodings and codecs. */
package org.churnrisk.features.io.parquet;
