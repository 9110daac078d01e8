/** Reading a model bundle for scoring, without Tribuo: {@code bundle.json}, its checksums and {@code scorer.bin}. */
package org.churnrisk.score.bundle;
