/** What a trained model carries that scoring needs without Tribuo: calibration, and later the bundle format. */
package org.churnrisk.core.model;
