/** Model bundles: writing a trained Tribuo model with its compiled scorer and manifest, and loading it back (for evaluation) only if every check passes. */
package org.churnrisk.train.bundle;
