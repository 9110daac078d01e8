/** Point-in-time aggregation of a book's events into features for many as-of dates in one pass. */
package org.churnrisk.features.extract;
