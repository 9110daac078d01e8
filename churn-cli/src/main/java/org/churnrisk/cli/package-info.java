/** The {@code churn} command line: argument parsing, wiring to the library, exit codes and error output. */
package org.churnrisk.cli;
