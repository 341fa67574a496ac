package org.huren.api.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.fhir.server.RejectionMetricsInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The door every write passes (ADR 0010): what HuRen cannot store faithfully, or could store but not read back, is
 * refused here, before anything is acknowledged — a body over the size limit (413), text that does not decode in
 * its declared charset (400 naming the byte), a charset other than UTF-8 or GB18030/GBK (415), and in JSON a string
 * longer than the limit (422) or holding a control character or a lone surrogate (400), each naming the JSON path.
 * Query strings with control characters are refused too. Errors are an OperationOutcome on {@code /fhir} and
 * problem+json on {@code /api}; the refused body is never read by anything else. An XLSX upload is binary: only its
 * size is checked here, its cells by the endpoint that reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyGuard extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyGuard.class);
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** Percent-encoded C0 controls other than tab, line feed and carriage return. */
    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(0[0-8BbCcEeFf]|1[0-9A-Fa-f])");
    private static final Set<String> CHINESE_CHARSETS = Set.of("GB18030", "GBK", "GB2312");

    private final RequestLimits limits;
    private final ErrorAnswers answers;
    private final MeterRegistry meters;
    private final JsonFactory json;

    public RequestBodyGuard(RequestLimits limits, ErrorAnswers answers, MeterRegistry meters) {
        this.limits = limits;
        this.answers = answers;
        this.meters = meters;
        this.json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                // the guard reports an over-long string itself, with its path
                .maxStringLength(Math.max(limits.stringChars() + 1, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                .maxNestingDepth(500).build()).build();
    }

    /** A request this guard refuses, with the status, reason code, offending element and message. */
    record Refusal(int status, String reason, String field, String message) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/fhir") || path.startsWith("/fhir/") || path.startsWith("/api/")
                || path.startsWith("/cds-services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Refusal refusal = checkQuery(request.getQueryString());
        if (refusal != null) {
            refuse(request, response, refusal);
            return;
        }
        if (!WITH_BODY.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long max = limits.requestBytes().toBytes();
        if (request.getContentLengthLong() > max) {
            refuse(request, response, tooLarge(request.getContentLengthLong(), max));
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), max + 1);
        if (body.length > max) {
            refuse(request, response, tooLarge(body.length, max));
            return;
        }
        if (isSpreadsheet(request.getContentType())) {
            // a binary upload (an XLSX code map or catalog list): only its size is the door's to judge
            chain.doFilter(new CachedBody(request, body, null), response);
            return;
        }
        Charset charset;
        try {
            charset = charsetOf(request.getContentType());
        } catch (IllegalArgumentException e) {
            refuse(request, response, new Refusal(415, "unsupported-charset", "Content-Type", e.getMessage()));
            return;
        }
        String text;
        try {
            text = decode(body, charset);
        } catch (Undecodable e) {
            refuse(request, response, new Refusal(400, "undecodable-text", "body", e.getMessage()));
            return;
        }
        if (request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).contains("json")) {
            refusal = checkJson(text);
            if (refusal != null) {
                refuse(request, response, refusal);
                return;
            }
        }
        chain.doFilter(charset.equals(StandardCharsets.UTF_8) ? new CachedBody(request, body, null)
                : new CachedBody(request, text.getBytes(StandardCharsets.UTF_8), utf8(request.getContentType())),
                response);
    }

    /** An XLSX workbook (a zip of XML parts), which is not text in any charset. */
    static boolean isSpreadsheet(String contentType) {
        try {
            return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(XLSX);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final MediaType XLSX = MediaType.parseMediaType(SpreadsheetUpload.XLSX);

    /** The media type with its charset made UTF-8: a GB18030 body is handed on as the UTF-8 it decoded to. */
    private static String utf8(String contentType) {
        MediaType type = MediaType.parseMediaType(contentType);
        return new MediaType(type, StandardCharsets.UTF_8).toString();
    }

    private static Refusal tooLarge(long bytes, long max) {
        return new Refusal(413, "request-too-large", "body", "the request body has " + bytes
                + " bytes or more; HuRen takes at most " + max + " (huren.limits.request-bytes): split it");
    }

    static Refusal checkQuery(String query) {
        if (query != null && ENCODED_CONTROL.matcher(query).find()) {
            return new Refusal(400, "control-character", "query",
                    "the query string holds a control character (" + matched(query) + "), which no parameter may");
        }
        return null;
    }

    private static String matched(String query) {
        var matcher = ENCODED_CONTROL.matcher(query);
        return matcher.find() ? matcher.group() : "";
    }

    /** The declared charset: UTF-8 when none; GB18030 for the Chinese charsets (a superset); else refused. */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8; // the endpoint itself answers an unreadable media type
        }
        String name = type.getParameter("charset");
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        String upper = name.replace("\"", "").trim().toUpperCase(Locale.ROOT);
        if (upper.equals("UTF-8") || upper.equals("UTF8")) {
            return StandardCharsets.UTF_8;
        }
        if (CHINESE_CHARSETS.contains(upper)) {
            try {
                return Charset.forName("GB18030");
            } catch (UnsupportedCharsetException e) {
                throw new IllegalArgumentException("charset " + name + " is not available on this server");
            }
        }
        throw new IllegalArgumentException("charset=" + name + " is not accepted: send UTF-8 (RFC 8259, FHIR), "
                + "or GB18030/GBK from a Chinese LIS");
    }

    /** Thrown when the bytes do not decode: the message names the first bad byte. */
    static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message);
        }
    }

    static String decode(byte[] body, Charset charset) throws Undecodable {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new Undecodable("byte " + in.position() + " (0x" + String.format("%02X", body[in.position()] & 0xff)
                    + ") is not valid " + charset.name() + " text: the body must be " + charset.name()
                    + " as declared");
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new Undecodable("the body ends inside a " + charset.name() + " character");
        }
        out.flip();
        return out.toString();
    }

    /**
     * Walks the JSON's strings (names too): a control character (other than tab, line feed, carriage return), a lone
     * surrogate or a string over the limit is refused, naming its JSON path. Malformed JSON is left to the endpoint,
     * which explains it in its own terms.
     */
    Refusal checkJson(String text) {
        try (JsonParser parser = json.createParser(text)) {
            JsonToken token;
            String resourceType = null;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.VALUE_STRING && token != JsonToken.FIELD_NAME) {
                    continue;
                }
                String value = token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
                if (token == JsonToken.VALUE_STRING && parser.getParsingContext().getParent().inRoot()
                        && "resourceType".equals(parser.currentName())) {
                    resourceType = value;
                }
                // the path only of a refused string: building it for every string took a seventh of the ingest's CPU
                if (value.length() > limits.stringChars()) {
                    String path = path(parser, token, resourceType);
                    return new Refusal(422, "string-too-long", path, path + " has " + value.length()
                            + " characters; HuRen takes at most " + limits.stringChars()
                            + " in one string (huren.limits.string-chars)");
                }
                String problem = badCharacter(value);
                if (problem != null) {
                    String path = path(parser, token, resourceType);
                    return new Refusal(400, "control-character", path, path + " " + problem);
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The element's path: FHIRPath-like under the resource type on {@code /fhir}, the property path on {@code /api}. */
    private static String path(JsonParser parser, JsonToken token, String resourceType) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        String path = pointer.replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
        path = path.startsWith(".") ? path.substring(1) : path;
        if (resourceType != null) {
            path = path.isEmpty() ? resourceType : resourceType + "." + path;
        }
        return token == JsonToken.FIELD_NAME ? path + " (a property name)" : path;
    }

    /** What is wrong with a string's characters, or null. */
    static String badCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "holds the control character U+" + String.format("%04X", (int) c) + " at character " + i
                        + ", which no text may";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds a lone surrogate (U+" + String.format("%04X", (int) c) + ") at character " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "holds a lone surrogate (U+" + String.format("%04X", (int) c) + ") at character " + i;
            }
        }
        return null;
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException {
        LOG.warn("refused {} {}: {} ({})", request.getMethod(), request.getRequestURI(), refusal.reason(),
                refusal.field());
        // refused at the door, before the token is read: no lab known yet
        meters.counter("huren.ingest.rejections", "reason", refusal.reason(),
                "status", Integer.toString(refusal.status()), "lab", RejectionMetricsInterceptor.NO_LAB).increment();
        answers.write(request, response, refusal.status(), refusal.reason(), refusal.field(), refusal.message());
    }

    /**
     * The request with its body already read (and checked): served again to whoever reads it next — re-encoded as
     * UTF-8, with the content type saying so, when it came in another charset ({@code contentType} not null).
     */
    static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final String contentType;

        CachedBody(HttpServletRequest request, byte[] body, String contentType) {
            super(request);
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public String getContentType() {
            return contentType == null ? super.getContentType() : contentType;
        }

        @Override
        public String getCharacterEncoding() {
            return contentType == null ? super.getCharacterEncoding() : StandardCharsets.UTF_8.name();
        }

        @Override
        public String getHeader(String name) {
            return contentType != null && "content-type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return contentType != null && "content-type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(contentType)) : super.getHeaders(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
