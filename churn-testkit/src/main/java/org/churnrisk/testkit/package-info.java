/** Test helpers shared by the modules' tests; used at test scope only, and depending on none of the modules. */
package org.churnrisk.testkit;
