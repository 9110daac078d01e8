/** Reading exports: file discovery, the column mapping, CSV and Parquet cursors, bad rows and rejects. */
package org.churnrisk.features.io;
