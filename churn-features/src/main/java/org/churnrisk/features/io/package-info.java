/** Reading exports: the cursor over one file's rows, and finding a source's files and opening each with its reader. */
package org.churnrisk.features.io;
