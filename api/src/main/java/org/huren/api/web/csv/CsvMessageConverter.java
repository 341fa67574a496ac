package org.huren.api.web.csv;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Writes {@code text/csv} (UTF-8, a header row: {@code header=present}) for the handlers marked {@link CsvExport},
 * whose answers {@link CsvExports} has turned into a {@link CsvTable}. Only asked when the client accepts
 * {@code text/csv} from a mapping that produces it: it offers itself for no other answer (never for a problem, which
 * stays problem+json).
 */
public class CsvMessageConverter extends AbstractHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    public CsvMessageConverter() {
        super(StandardCharsets.UTF_8, TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == CsvTable.class || Collection.class.isAssignableFrom(type) || type.isRecord();
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        // never chosen by default: only for a client that asks for CSV
        return mediaType != null && TEXT_CSV.isCompatibleWith(mediaType) && !mediaType.isWildcardType()
                && supports(type);
    }

    @Override
    public List<MediaType> getSupportedMediaTypes(Class<?> type) {
        return supports(type) ? List.of(TEXT_CSV) : List.of();
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is not read", input);
    }

    @Override
    protected void addDefaultHeaders(org.springframework.http.HttpHeaders headers, Object body,
                                     MediaType contentType) throws IOException {
        super.addDefaultHeaders(headers, body, new MediaType(TEXT_CSV, java.util.Map.of("charset", "UTF-8",
                "header", "present")));
    }

    @Override
    protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
        if (!(body instanceof CsvTable table)) {
            throw new HttpMessageNotWritableException("no CSV table for " + body.getClass().getName()
                    + ": its handler is not marked @CsvExport");
        }
        Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
        table.write(writer);
        writer.flush();
    }
}
