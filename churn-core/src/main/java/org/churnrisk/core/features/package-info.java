/** The feature table every module shares: the ordered, versioned schema, rows, and the composite health score. */
package org.churnrisk.core.features;
