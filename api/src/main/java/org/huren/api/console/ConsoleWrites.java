package org.huren.api.console;

import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ReadModelPositions;
import org.huren.fhir.server.HurenHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A console form's write, through the {@code /api} endpoint's own method: on success the page it redirects to is
 * read once the read model shows the write (read-your-writes, as {@code X-HuRen-Await-Position} does for API
 * clients); a broken business rule is shown beside the form instead of an error page.
 */
@Component
public class ConsoleWrites {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final ReadModelPositions positions;

    public ConsoleWrites(ReadModelPositions positions) {
        this.positions = positions;
    }

    /**
     * Runs {@code write}; puts {@code successKey} (a message key) or the broken rule's message on the next page.
     *
     * @return whether the write was accepted
     */
    public boolean write(RedirectAttributes redirect, ReadModel readModel, String successKey,
                         Supplier<ResponseEntity<?>> write) {
        ResponseEntity<?> answer;
        try {
            answer = write.get();
        } catch (RuntimeException e) {
            Optional<String> broken = ConsoleErrors.ruleBroken(e);
            if (broken.isEmpty()) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", broken.get());
            return false;
        }
        String position = answer.getHeaders().getFirst(HurenHeaders.EVENT_POSITION);
        boolean shown = position == null
                || positions.awaitPosition(Long.parseLong(position), EnumSet.of(readModel), WAIT);
        redirect.addFlashAttribute("flashOk", shown ? successKey : "write.recordedCatchingUp");
        return true;
    }
}
