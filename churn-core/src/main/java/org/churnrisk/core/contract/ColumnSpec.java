package org.churnrisk.core.contract;

import org.churnrisk.core.InvalidArgumentException;

/**
 * One column of a source as the data contract defines it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the header name in files, lowercase snake_case, e.g. {@code account_id}
 * @param required whether every row needs a value; a file may leave out an optional column
 * @param type how values are written
 * @param description what the column means and its allowed values, for people and messages
 */
public record ColumnSpec(String name, boolean required, ColumnType type, String description) {

    /**
     * Checks the fields.
     *
     * @throws InvalidArgumentException if {@code name} or {@code description} is blank or
     *     {@code type} is null
     */
    public ColumnSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidArgumentException("column name: is required but blank");
        }
        if (type == null) {
            throw new InvalidArgumentException("column '" + name + "': type is required but missing");
        }
        if (description == null || description.isBlank()) {
            throw new InvalidArgumentException("column '" + name + "': description is required but blank");
        }
    }

    static ColumnSpec requiredColumn(String name, ColumnType type, String description) {
        return new ColumnSpec(name, true, type, description);
    }

    static ColumnSpec optionalColumn(String name, ColumnType type, String description) {
        return new ColumnSpec(name, false, type, description);
    }
}
