/** A deterministic simulator of a B2B SaaS customer book that writes the contract's files. */
package org.churnrisk.sample;
