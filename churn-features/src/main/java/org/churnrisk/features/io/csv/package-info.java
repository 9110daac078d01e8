/** The CSV reader (plain and gzipped): opening and sniffing a file, RFC 4180 lexing, and typed access to the mapped columns. */
package org.churnrisk.features.io.csv;
