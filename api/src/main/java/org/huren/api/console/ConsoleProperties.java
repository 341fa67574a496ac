package org.huren.api.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code huren.console.*} (ADR 0015).
 *
 * @param issuerInternalUrl where the console reaches the embedded authorization server's token and key endpoints
 *                          (server to server); default {@code http://127.0.0.1:<port>}
 * @param pdfFonts          font files with Chinese glyphs for the PDF reports, the first one present is used; the
 *                          defaults are those of the Debian packages {@code fonts-wqy-microhei},
 *                          {@code fonts-wqy-zenhei} and {@code fonts-arphic-uming} (TrueType outlines, which PDF
 *                          embeds)
 */
@ConfigurationProperties("huren.console")
public record ConsoleProperties(String issuerInternalUrl, List<Path> pdfFonts) {

    public ConsoleProperties {
        pdfFonts = pdfFonts == null || pdfFonts.isEmpty() ? List.of(
                Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
                Path.of("/usr/share/fonts/truetype/arphic/uming.ttc")) : List.copyOf(pdfFonts);
    }
}
