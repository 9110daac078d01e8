/** How values are spelled and read from bytes: timestamps, dates, numbers, booleans, and the hash of ids. */
package org.churnrisk.features.io.values;
