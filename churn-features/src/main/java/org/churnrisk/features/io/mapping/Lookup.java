package org.churnrisk.features.io.mapping;

import java.util.Objects;

/**
 * A canonical column that the export does not hold but reaches through another file of the book:
 * usage's {@code account_id} from {@code subscriptions.account_id}, found by the usage row's
 * {@code subscription_id}. Immutable.
 *
 * <pre>{@code
 * lookups:
 *   account_id: {table: subscriptions, on: subscription_id, key: id, value: account_id}
 * }</pre>
 *
 * @param column     the canonical column it gives, e.g. {@code account_id}
 * @param table      the name of the table under {@code tables}
 * @param on         the source file's column that holds the key, as the file names it (a name
 *                   under the source's {@code columns} stands for the file column it maps to)
 * @param key        the table's column the key is looked up in (a name under the table's
 *                   {@code columns}, or the table's own header name)
 * @param value      the table's column that holds the value
 */
public record Lookup(String column, String table, String on, String key, String value) {
    public Lookup {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
