/** What a trained model carries that scoring needs without Tribuo: calibration and the bundle manifest. */
package org.churnrisk.core.model;
