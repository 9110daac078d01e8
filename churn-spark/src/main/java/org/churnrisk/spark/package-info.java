/** churn-risk on Apache Spark: the book read through Spark's readers, split by account, extracted and scored with the single-machine code. */
package org.churnrisk.spark;
