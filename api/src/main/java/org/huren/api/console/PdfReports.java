package org.huren.api.console;

import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.context.i18n.LocaleContextHolder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monthly reports as PDF: an XHTML template ({@code templates/reports/*.xhtml}, Thymeleaf in XML mode, so the
 * output is well-formed for the renderer) laid out by openhtmltopdf, with a font that has Chinese glyphs embedded
 * (subset). No font is shipped: the first of {@code huren.console.pdf-fonts} present on the machine is used
 * (Debian {@code fonts-wqy-microhei} by default); without one, {@link #render} says so instead of printing boxes.
 */
@org.springframework.stereotype.Component
public class PdfReports {

    /** The font family the report templates ask for. */
    static final String FAMILY = "report-cjk";

    private final ITemplateEngine templates;
    private final ConsoleProperties console;
    private final ConsoleFormat format;

    public PdfReports(ITemplateEngine templates, ConsoleProperties console, ConsoleFormat format) {
        this.templates = templates;
        this.console = console;
        this.format = format;
    }

    /** There is no font with Chinese glyphs on this machine. */
    public static class NoFont extends RuntimeException {
        NoFont(List<Path> tried) {
            super("no font with Chinese glyphs found for PDF reports; install fonts-wqy-microhei or set "
                    + "huren.console.pdf-fonts (tried " + tried + ")");
        }
    }

    /** The font file used, if any. */
    public Optional<Path> font() {
        return console.pdfFonts().stream().filter(Files::isReadable).findFirst();
    }

    /** Renders template {@code reports/<name>} with {@code variables} (and {@code fmt}) as a PDF. */
    public byte[] render(String name, Map<String, Object> variables) {
        Path fontFile = font().orElseThrow(() -> new NoFont(console.pdfFonts()));
        Context context = new Context(LocaleContextHolder.getLocale());
        context.setVariables(variables);
        context.setVariable("fmt", format);
        String xhtml = templates.process("reports/" + name, context);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument();
             TrueTypeCollection collection = fontFile.toString().endsWith(".ttc")
                     ? new TrueTypeCollection(fontFile.toFile()) : null) {
            PdfRendererBuilder builder = new PdfRendererBuilder().usePDDocument(document)
                    .withHtmlContent(xhtml, null).useFastMode().withProducer("HuRen");
            if (collection != null) {
                // a collection (.ttc): its first face, embedded as a subset
                List<TrueTypeFont> faces = new ArrayList<>();
                collection.processAllFonts(faces::add);
                builder.useFont(new PDFontSupplier(PDType0Font.load(document, faces.get(0), true)), FAMILY);
            } else {
                builder.useFont(fontFile.toFile(), FAMILY);
            }
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                renderer.createPDFWithoutClosing();
            }
            document.save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render report " + name, e);
        }
        return pdf.toByteArray();
    }
}
