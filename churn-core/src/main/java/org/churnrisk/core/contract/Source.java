package org.churnrisk.core.contract;

import static org.churnrisk.core.contract.ColumnSpec.optionalColumn;
import static org.churnrisk.core.contract.ColumnSpec.requiredColumn;
import static org.churnrisk.core.contract.ColumnType.BOOLEAN;
import static org.churnrisk.core.contract.ColumnType.DATE;
import static org.churnrisk.core.contract.ColumnType.DECIMAL;
import static org.churnrisk.core.contract.ColumnType.ENUM;
import static org.churnrisk.core.contract.ColumnType.INTEGER;
import static org.churnrisk.core.contract.ColumnType.STRING;
import static org.churnrisk.core.contract.ColumnType.TIMESTAMP;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;

/**
 * The sources a book can hold, each with its file stem and its columns in canonical order.
 *
 * <p>A book is a directory with, per source, one file named after {@link #fileStem()}
 * ({@code usage.csv}, {@code usage.csv.gz} or {@code usage.parquet}) or a folder of part files
 * ({@code usage/}). Files may carry extra columns; they are ignored. See
 * {@code docs/data-contract.md} for the meaning of each column. Immutable and thread-safe.
 *
 * <pre>{@code
 * String header = String.join(",", Source.USAGE.columnNames());
 * // account_id,occurred_at,user_id,event,quantity,errors
 * }</pre>
 */
public enum Source {
    ACCOUNTS("accounts", Requirement.REQUIRED, List.of(
            requiredColumn("account_id", STRING, "The account's unique key; every other source joins on it."),
            optionalColumn("account_name", STRING, "The account's display name."),
            optionalColumn("arr", DECIMAL, "Annual recurring revenue today, >= 0; 0 for a churned account;"
                    + " needed in every row unless the book has contracts, which give the ARR of each day."),
            optionalColumn("licensed_seats", INTEGER, "Seats paid for today, >= 0."),
            optionalColumn("contract_start", DATE, "The date the account first became a customer."),
            optionalColumn("renewal_date", DATE, "The next renewal date; blank for a churned account."),
            optionalColumn("tier", ENUM, "starter, growth or enterprise; when blank it follows arr."),
            optionalColumn("csm", STRING, "The customer-success manager who owns the account."),
            optionalColumn("ae", STRING, "The account executive, looped in on red-flag alerts."))),

    USAGE("usage", Requirement.REQUIRED, List.of(
            requiredColumn("account_id", STRING, "The account the activity belongs to."),
            requiredColumn("occurred_at", TIMESTAMP, "When it happened; a date means the start of that day."),
            optionalColumn("user_id", STRING, "The user who did it."),
            requiredColumn("event", STRING, "login, or the name of the feature used."),
            optionalColumn("quantity", INTEGER, "How many times it happened, >= 0; 1 when blank."),
            optionalColumn("errors", INTEGER, "How many of those failed, >= 0; 0 when blank."))),

    TICKETS("tickets", Requirement.OPTIONAL, List.of(
            requiredColumn("ticket_id", STRING, "The ticket's unique key."),
            requiredColumn("account_id", STRING, "The account that opened the ticket."),
            requiredColumn("created_at", TIMESTAMP, "When the ticket was opened."),
            optionalColumn("resolved_at", TIMESTAMP,
                    "When it was resolved, not before created_at; blank while open."),
            optionalColumn("priority", ENUM, "low, normal, high or urgent."),
            optionalColumn("escalated", BOOLEAN, "Whether the ticket was escalated; false when blank."),
            optionalColumn("satisfaction", INTEGER, "The customer's rating of the support, 1-5."))),

    SURVEYS("surveys", Requirement.OPTIONAL, List.of(
            requiredColumn("account_id", STRING, "The account the respondent belongs to."),
            requiredColumn("responded_at", TIMESTAMP, "When the answer was given."),
            requiredColumn("kind", ENUM, "nps or csat."),
            requiredColumn("score", INTEGER, "0-10 for nps, 1-5 for csat."),
            optionalColumn("respondent", STRING, "Who answered."))),

    TOUCHPOINTS("touchpoints", Requirement.OPTIONAL, List.of(
            requiredColumn("account_id", STRING, "The account contacted."),
            requiredColumn("occurred_at", TIMESTAMP, "When the contact took place."),
            optionalColumn("kind", ENUM, "call, email, meeting, qbr or ebr."))),

    CONTRACTS("contracts", Requirement.OPTIONAL, List.of(
            requiredColumn("account_id", STRING, "The account that signed the term."),
            requiredColumn("start_date", DATE, "First day of the term (inclusive)."),
            optionalColumn("end_date", DATE, "Planned end of the term as signed (exclusive), after start_date;"
                    + " not moved on early cancellation."),
            requiredColumn("arr", DECIMAL, "Annual recurring revenue of the term, >= 0."),
            optionalColumn("seats", INTEGER, "Seats in the term, >= 0."),
            optionalColumn("plan", STRING, "The plan or product name."))),

    CHURN("churn", Requirement.TRAINING, List.of(
            requiredColumn("account_id", STRING, "The account that churned."),
            requiredColumn("churned_at", DATE, "The date the account stopped being a customer."),
            optionalColumn("reason", STRING, "Why it left, as recorded.")));

    private final String fileStem;
    private final Requirement requirement;
    private final List<ColumnSpec> columns;
    private final List<String> columnNames;

    Source(String fileStem, Requirement requirement, List<ColumnSpec> columns) {
        this.fileStem = fileStem;
        this.requirement = requirement;
        this.columns = List.copyOf(columns);
        this.columnNames = columns.stream().map(ColumnSpec::name).toList();
    }

    /** Returns the file or folder name without extension, e.g. {@code usage}. */
    public String fileStem() {
        return fileStem;
    }

    /** Returns whether a book must hold this source, and for which job. */
    public Requirement requirement() {
        return requirement;
    }

    /**
     * Returns whether a book may leave this source out for both scoring and training (tickets,
     * surveys, touchpoints, contracts). {@link #CHURN} is not optional: training needs it.
     */
    public boolean optional() {
        return requirement == Requirement.OPTIONAL;
    }

    /** Returns the columns in canonical order; the list is unmodifiable. */
    public List<ColumnSpec> columns() {
        return columns;
    }

    /** Returns the column names in canonical order, the header a writer uses; unmodifiable. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Returns the required columns in canonical order; the list is unmodifiable. */
    public List<ColumnSpec> requiredColumns() {
        return columns.stream().filter(ColumnSpec::required).toList();
    }

    /** Returns whether this source defines a column named exactly {@code name}. */
    public boolean hasColumn(String name) {
        return columnNames.contains(name);
    }

    /**
     * Returns the column named exactly {@code name}.
     *
     * @throws InvalidArgumentException if there is none; the message lists the known columns
     */
    public ColumnSpec column(String name) {
        for (ColumnSpec column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new InvalidArgumentException(fileStem + " has no column '" + name + "' (known columns: "
                + String.join(", ", columnNames) + ")");
    }
}
