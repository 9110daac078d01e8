/** JMH benchmarks, one class per question, each with a baseline beside the real measurement. */
package org.churnrisk.benchmarks;
