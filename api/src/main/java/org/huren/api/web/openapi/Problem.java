package org.huren.api.web.openapi;

import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * The body of every error answer (RFC 9457 {@code application/problem+json}), as the OpenAPI document describes it:
 * {@link org.huren.api.web.ApiProblems} writes it.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details, with HuRen's stable rule code and the input at fault",
        requiredProperties = {"type", "title", "status", "rule"})
public record Problem(
        @Schema(description = "https://huren.org/problems/{rule}", example = "https://huren.org/problems/not-found")
        URI type,
        @Schema(example = "Not Found") String title,
        @Schema(example = "404") int status,
        @Schema(description = "what was wrong, for a person", example = "no alliance nope") String detail,
        @Schema(description = "the path asked", example = "/api/alliances/nope") URI instance,
        @Schema(description = "stable code of the rule broken, for programs", example = "not-found") String rule,
        @Schema(description = "the input at fault: a JSON path into the body (samples[0].sdForProficiency), a path or "
                + "query parameter, or a header (Accept, Content-Type, Authorization); null when none",
                types = {"string", "null"}, example = "allianceId") String field,
        @Schema(description = "bean validation: every field refused") List<FieldError> errors) {

    /** One refused field of a request body. */
    @Schema(name = "ProblemFieldError")
    public record FieldError(String field, String message) {
    }
}
