package org.churnrisk.features.io.parquet;

import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.churnrisk.core.contract.ColumnType;

/**
 * How one top-level Parquet column stores its values, reduced to what the cursor needs: the
 * physical type, a {@link Kind} read from the logical (or legacy converted) type, and the unit,
 * zone flag or scale that goes with it. Immutable.
 */
final class ParquetColumnType {

    /** What the stored values mean. */
    enum Kind {
        /** BINARY or FIXED_LEN_BYTE_ARRAY holding UTF-8 text (STRING, ENUM, JSON or no annotation). */
        TEXT,
        /** INT32 or INT64 without a date, time or decimal annotation. */
        INT,
        /** A DECIMAL over INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY. */
        DECIMAL,
        /** FLOAT or DOUBLE. */
        FLOATING,
        /** BOOLEAN. */
        BOOL,
        /** INT32 DATE: days since 1970-01-01. */
        DATE,
        /** INT64 TIMESTAMP in millis, micros or nanos; an instant or a local date-time. */
        TIMESTAMP,
        /** The legacy INT96 timestamp (Impala, Hive, old Spark): an instant. */
        INT96,
        /** The NULL (UNKNOWN) logical type: every value is null, as pyarrow writes an all-null column. */
        NULL,
        /** Anything else: TIME, INTERVAL, UUID, FLOAT16, lists, nested groups. */
        UNSUPPORTED
    }

    final PrimitiveTypeName physical;
    final Kind kind;
    final boolean optional;
    final int typeLength;
    final int scale;
    final long unitsPerSecond;
    final boolean adjustedToUtc;
    final boolean unsigned;
    final String description;

    private ParquetColumnType(PrimitiveTypeName physical, Kind kind, boolean optional, int typeLength, int scale,
                              long unitsPerSecond, boolean adjustedToUtc, boolean unsigned, String description) {
        this.physical = physical;
        this.kind = kind;
        this.optional = optional;
        this.typeLength = typeLength;
        this.scale = scale;
        this.unitsPerSecond = unitsPerSecond;
        this.adjustedToUtc = adjustedToUtc;
        this.unsigned = unsigned;
        this.description = description;
    }

    /** A nested group: never readable as a canonical column. */
    static ParquetColumnType group() {
        return new ParquetColumnType(null, Kind.UNSUPPORTED, true, 0, 0, 0, false, false,
                "a nested group (only top-level primitive columns can be read)");
    }

    /** Classifies a primitive (leaf) schema element. */
    static ParquetColumnType of(SchemaElement e) {
        PrimitiveTypeName physical = physical(e);
        boolean optional = e.getRepetition_type() != FieldRepetitionType.REQUIRED;
        int typeLength = e.isSetType_length() ? e.getType_length() : 0;
        String name = physical.name();
        if (e.getRepetition_type() == FieldRepetitionType.REPEATED) {
            return new ParquetColumnType(physical, Kind.UNSUPPORTED, true, typeLength, 0, 0, false, false,
                    "repeated " + name + " (lists cannot be read)");
        }
        LogicalType logical = e.isSetLogicalType() ? e.getLogicalType() : null;
        ConvertedType converted = e.isSetConverted_type() ? e.getConverted_type() : null;

        if (logical != null && logical.isSetUNKNOWN()) {
            return simple(physical, Kind.NULL, optional, typeLength, name + " (NULL)");
        }
        if (isDecimal(logical, converted)) {
            int scale = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getScale()
                    : e.isSetScale() ? e.getScale() : 0;
            int precision = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getPrecision()
                    : e.isSetPrecision() ? e.getPrecision() : 0;
            return new ParquetColumnType(physical, Kind.DECIMAL, optional, typeLength, scale, 0, false, false,
                    name + " (DECIMAL(" + precision + "," + scale + "))");
        }
        switch (physical) {
            case BOOLEAN:
                return simple(physical, Kind.BOOL, optional, typeLength, name);
            case FLOAT:
            case DOUBLE:
                return simple(physical, Kind.FLOATING, optional, typeLength, name);
            case INT96:
                return new ParquetColumnType(physical, Kind.INT96, optional, 12, 0, 1_000_000_000L, true, false,
                        name + " (legacy timestamp)");
            case INT32:
            case INT64:
                return integral(physical, optional, logical, converted, name);
            default:
                return binary(physical, optional, typeLength, logical, converted, name);
        }
    }

    private static ParquetColumnType integral(PrimitiveTypeName physical, boolean optional, LogicalType logical,
                                              ConvertedType converted, String name) {
        if ((logical != null && logical.isSetDATE()) || converted == ConvertedType.DATE) {
            return simple(physical, Kind.DATE, optional, 0, name + " (DATE)");
        }
        if (logical != null && logical.isSetTIMESTAMP()) {
            TimeUnit unit = logical.getTIMESTAMP().getUnit();
            boolean utc = logical.getTIMESTAMP().isIsAdjustedToUTC();
            return timestamp(physical, optional, unit.isSetMILLIS() ? 1_000L : unit.isSetMICROS() ? 1_000_000L
                    : 1_000_000_000L, utc, name);
        }
        if (converted == ConvertedType.TIMESTAMP_MILLIS || converted == ConvertedType.TIMESTAMP_MICROS) {
            return timestamp(physical, optional, converted == ConvertedType.TIMESTAMP_MILLIS ? 1_000L : 1_000_000L,
                    true, name);
        }
        if ((logical != null && !logical.isSetINTEGER()) || isTimeOrInterval(converted)) {
            String what = logical != null ? logical.getSetField().getFieldName() : converted.name();
            return simple(physical, Kind.UNSUPPORTED, optional, 0, name + " (" + what + ")");
        }
        boolean unsigned = (logical != null && !logical.getINTEGER().isIsSigned()) || isUnsigned(converted);
        String annotation = logical != null ? " (INTEGER(" + logical.getINTEGER().getBitWidth() + ","
                + logical.getINTEGER().isIsSigned() + "))" : converted != null ? " (" + converted + ")" : "";
        return new ParquetColumnType(physical, Kind.INT, optional, 0, 0, 0, false, unsigned, name + annotation);
    }

    private static ParquetColumnType timestamp(PrimitiveTypeName physical, boolean optional, long unitsPerSecond,
                                               boolean utc, String name) {
        String unit = unitsPerSecond == 1_000L ? "MILLIS" : unitsPerSecond == 1_000_000L ? "MICROS" : "NANOS";
        if (physical != PrimitiveTypeName.INT64) {
            return simple(physical, Kind.UNSUPPORTED, optional, 0, name + " (TIMESTAMP on INT32)");
        }
        return new ParquetColumnType(physical, Kind.TIMESTAMP, optional, 0, 0, unitsPerSecond, utc, false,
                name + " (TIMESTAMP(" + unit + "," + (utc ? "UTC" : "local") + "))");
    }

    private static ParquetColumnType binary(PrimitiveTypeName physical, boolean optional, int typeLength,
                                            LogicalType logical, ConvertedType converted, String name) {
        boolean text;
        String annotation;
        if (logical != null) {
            text = logical.isSetSTRING() || logical.isSetENUM() || logical.isSetJSON();
            annotation = logical.getSetField().getFieldName();
        } else if (converted != null) {
            text = converted == ConvertedType.UTF8 || converted == ConvertedType.ENUM
                    || converted == ConvertedType.JSON;
            annotation = converted.name();
        } else {
            text = true;
            annotation = null;
        }
        String description = physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                ? name + "(" + typeLength + ")" : name;
        if (annotation != null) {
            description += " (" + annotation + ")";
        }
        return simple(physical, text ? Kind.TEXT : Kind.UNSUPPORTED, optional, typeLength, description);
    }

    private static ParquetColumnType simple(PrimitiveTypeName physical, Kind kind, boolean optional, int typeLength,
                                            String description) {
        return new ParquetColumnType(physical, kind, optional, typeLength, 0, 0, false, false, description);
    }

    private static PrimitiveTypeName physical(SchemaElement e) {
        return switch (e.getType()) {
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case INT32 -> PrimitiveTypeName.INT32;
            case INT64 -> PrimitiveTypeName.INT64;
            case INT96 -> PrimitiveTypeName.INT96;
            case FLOAT -> PrimitiveTypeName.FLOAT;
            case DOUBLE -> PrimitiveTypeName.DOUBLE;
            case BYTE_ARRAY -> PrimitiveTypeName.BINARY;
            case FIXED_LEN_BYTE_ARRAY -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        };
    }

    private static boolean isDecimal(LogicalType logical, ConvertedType converted) {
        return logical != null ? logical.isSetDECIMAL() : converted == ConvertedType.DECIMAL;
    }

    private static boolean isTimeOrInterval(ConvertedType c) {
        return c == ConvertedType.TIME_MILLIS || c == ConvertedType.TIME_MICROS || c == ConvertedType.INTERVAL;
    }

    private static boolean isUnsigned(ConvertedType c) {
        return c == ConvertedType.UINT_8 || c == ConvertedType.UINT_16 || c == ConvertedType.UINT_32
                || c == ConvertedType.UINT_64;
    }

    /** Whether values of this type can be read as the canonical {@code type} (strings always can be parsed). */
    boolean canHold(ColumnType type) {
        if (kind == Kind.NULL || kind == Kind.TEXT) {
            return true;
        }
        return switch (type) {
            case STRING -> kind == Kind.INT;
            case ENUM -> false;
            case INTEGER, DECIMAL -> kind == Kind.INT || kind == Kind.DECIMAL || kind == Kind.FLOATING;
            case DATE, TIMESTAMP -> kind == Kind.DATE || kind == Kind.TIMESTAMP || kind == Kind.INT96;
            case BOOLEAN -> kind == Kind.BOOL || kind == Kind.INT;
        };
    }

    /** The Parquet types a canonical type accepts, phrased to follow "expected". */
    static String expected(ColumnType type) {
        return switch (type) {
            case STRING -> "text: a string (BINARY), INT32 or INT64";
            case ENUM -> "one of the listed values: a string (BINARY)";
            case INTEGER -> "a whole number: INT32, INT64, DECIMAL, DOUBLE, FLOAT or a string";
            case DECIMAL -> "a number: INT32, INT64, DECIMAL, DOUBLE, FLOAT or a string";
            case DATE -> "a date: DATE, TIMESTAMP or a string";
            case TIMESTAMP -> "a timestamp: TIMESTAMP, INT96, DATE or a string";
            case BOOLEAN -> "a boolean: BOOLEAN, INT32, INT64 or a string";
        };
    }

    @Override
    public String toString() {
        return description;
    }
}
