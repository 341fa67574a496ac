package org.huren.api.web.csv;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A QC table that answers {@code text/csv} too (its mapping produces both): the rows as a spreadsheet downloads
 * them ({@link CsvTable}). The handler returns its usual answer; {@link CsvExports} turns it into the table.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CsvExport {

    String TEXT_CSV = "text/csv";

    /**
     * The download's file name without {@code .csv}; {@code {name}} stands for the path variable or query parameter
     * of that name (e.g. {@code eqa-history-{alliance}}).
     */
    String value();

    /** The answer's list component holding the rows, when the answer is a record rather than the list itself. */
    String rows() default "";
}
