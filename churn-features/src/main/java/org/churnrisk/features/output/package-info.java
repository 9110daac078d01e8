/** Writing feature tables: CSV with stable number formatting, written atomically. */
package org.churnrisk.features.output;
