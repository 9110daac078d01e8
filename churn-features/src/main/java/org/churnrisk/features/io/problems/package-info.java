/** What breaks the data contract and where it goes: located problems, problem sinks, rejects files and row counts. */
package org.churnrisk.features.io.problems;
