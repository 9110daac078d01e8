/** The compiled scorer: trained models as flat arrays that score feature vectors fast, without allocating, from any thread. */
package org.churnrisk.core.scoring;
