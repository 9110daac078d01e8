/** The JSON Lines reader (plain and gzipped): one object per line, streamed, with dotted paths into nested objects. */
package org.churnrisk.features.io.jsonl;
