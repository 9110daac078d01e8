/** {@code churn init}: reads a folder of unknown exports and drafts the churn.yaml mapping that reads them, with its evidence. */
package org.churnrisk.features.init;
