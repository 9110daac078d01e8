/** Domain values, errors and the scoring API shared by every module; no file formats, no Tribuo. */
package org.churnrisk.core;
