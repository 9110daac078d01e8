/** The data contract: the sources of a book, their columns, and validated records for their rows. */
package org.churnrisk.core.contract;
