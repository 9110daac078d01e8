/** Checking a book against the data contract and its mapping, collecting every problem into a report. */
package org.churnrisk.features.validate;
