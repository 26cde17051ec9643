package dev.watchkeeper.core;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.ColumnData;
import com.github.freva.asciitable.HorizontalAlign;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How a command lists rows: a plain table, JSON with {@code --json}, or a line saying what to do when there are none. */
public final class Listing<T> {

    private final List<ColumnData<T>> columns = new ArrayList<>();

    /** A left-aligned column. */
    public Listing<T> column(String header, Function<T, String> value) {
        columns.add(new Column().header(header).dataAlign(HorizontalAlign.LEFT).with(value));
        return this;
    }

    /** A right-aligned column (numbers). */
    public Listing<T> number(String header, Function<T, String> value) {
        columns.add(new Column().header(header).dataAlign(HorizontalAlign.RIGHT).with(value));
        return this;
    }

    public void print(PrintWriter out, List<T> rows, boolean json, String whenEmpty) {
        if (json) {
            out.println(Json.write(rows));
        } else if (rows.isEmpty()) {
            out.println(whenEmpty);
        } else {
            out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, rows, columns));
        }
    }
}
