/** Model bundles: writing a trained Tribuo model with its manifest, and loading it back only if every check passes. */
package org.churnrisk.train.bundle;
