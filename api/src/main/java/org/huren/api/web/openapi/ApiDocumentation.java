package org.huren.api.web.openapi;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.huren.api.security.SmartScopes;
import org.huren.api.web.csv.CsvExport;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of {@code /api} ({@code GET /v3/api-docs}), made to be true for a client generated from
 * it: one schema per type ({@link SchemaNames}), 201 where a create answers 201 ({@link Creates}), every error
 * answer as {@code application/problem+json} with the {@code Problem} schema, the values of the views' status fields
 * as enums ({@link DocumentedValues}), the build's version, and how to get a token (the embedded authorization
 * server's token URL, or the external issuer's discovery document).
 */
@Configuration
public class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String OAUTH2 = "oauth2";
    static final String OPENID = "openIdConnect";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** An error answer every operation may give: its status, component name and meaning. */
    private record ErrorAnswer(String status, String name, String description) {
    }

    private static final ErrorAnswer BAD_REQUEST = new ErrorAnswer("400", "BadRequest", "The request cannot be read: "
            + "JSON that does not parse, a value of the wrong type or not one of an enum's values "
            + "(unreadable-request), a field or parameter missing or invalid (invalid-request, invalid-parameter, "
            + "missing-parameter), a control character or undecodable text (control-character, undecodable-text). "
            + "field names the input at fault.");
    private static final ErrorAnswer UNAUTHORIZED = new ErrorAnswer("401", "Unauthorized", "No bearer token "
            + "(unauthenticated), or one refused (invalid-token); WWW-Authenticate says why.");
    private static final ErrorAnswer FORBIDDEN = new ErrorAnswer("403", "Forbidden", "The token's roles, lab or "
            + "alliances do not allow this request (forbidden).");
    private static final ErrorAnswer NOT_FOUND = new ErrorAnswer("404", "NotFound", "What the request names does not "
            + "exist (not-found; field names it), or no resource is served at the path (unknown-path).");
    private static final ErrorAnswer NOT_ACCEPTABLE = new ErrorAnswer("406", "NotAcceptable", "None of the media "
            + "types the Accept header allows can be answered (not-acceptable).");
    private static final ErrorAnswer CONFLICT = new ErrorAnswer("409", "Conflict", "The request conflicts with the "
            + "current state: the same natural key or requestId with another body, or a step the state does not "
            + "allow (rule names which).");
    private static final ErrorAnswer TOO_LARGE = new ErrorAnswer("413", "PayloadTooLarge", "The body is over the "
            + "size limit (request-too-large).");
    private static final ErrorAnswer UNSUPPORTED = new ErrorAnswer("415", "UnsupportedMediaType", "The body is not "
            + "JSON (unsupported-media-type), or not in UTF-8 or GB18030/GBK (unsupported-charset).");
    private static final ErrorAnswer UNPROCESSABLE = new ErrorAnswer("422", "UnprocessableContent", "A business rule "
            + "refuses the request (rule names it, field the input), or a string is over the length limit "
            + "(string-too-long).");
    private static final ErrorAnswer TOO_MANY = new ErrorAnswer("429", "TooManyRequests", "Too many requests are "
            + "already waiting for the read models (too-many-waiting); retry.");
    private static final ErrorAnswer INTERNAL = new ErrorAnswer("500", "InternalError", "An unexpected error; the "
            + "server log has its details under the answer's X-Request-Id (internal-error).");
    private static final ErrorAnswer UNAVAILABLE = new ErrorAnswer("503", "ServiceUnavailable", "The database cannot "
            + "be reached (database-unavailable), or a read model did not catch up in time (read-model-behind); "
            + "retry after Retry-After seconds: HuRen's writes are idempotent.");
    private static final List<ErrorAnswer> ERROR_ANSWERS = List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
            NOT_ACCEPTABLE, CONFLICT, TOO_LARGE, UNSUPPORTED, UNPROCESSABLE, TOO_MANY, INTERNAL, UNAVAILABLE);

    @Bean
    OpenAPI hurenOpenApi(@Value("${huren.api.version}") String version, Environment environment,
                         ObjectMapperProvider mappers) {
        SchemaNames.install(mappers.jsonMapper());
        Components components = new Components();
        ResolvedSchema problem = ModelConverters.getInstance(true).readAllAsResolvedSchema(Problem.class);
        components.addSchemas("Problem", problem.schema);
        problem.referencedSchemas.forEach(components::addSchemas);
        for (ErrorAnswer error : ERROR_ANSWERS) {
            components.addResponses(error.name(), errorResponse(error));
        }
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token (JWT) of HuRen's issuer: "
                        + "Authorization: Bearer <token>"));
        List<SecurityRequirement> security = new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER)));
        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        String jwkSet = environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        if (!StringUtils.hasText(issuer) && !StringUtils.hasText(jwkSet)) {
            Scopes scopes = new Scopes();
            SmartScopes.USER.forEach(scope -> scopes.addString(scope, scope));
            components.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                    .description("HuRen's embedded authorization server: machine clients (an LIS, a QC tool) by "
                            + "client credentials, people by signing in (authorization code with PKCE, client "
                            + "huren-console)")
                    .flows(new OAuthFlows()
                            .clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(new Scopes()))
                            .authorizationCode(new OAuthFlow().authorizationUrl("/oauth2/authorize")
                                    .tokenUrl("/oauth2/token").scopes(scopes))));
            security.add(new SecurityRequirement().addList(OAUTH2));
        } else if (StringUtils.hasText(issuer)) {
            components.addSecuritySchemes(OPENID, new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                    .description("The external issuer HuRen accepts tokens of")
                    .openIdConnectUrl(issuer.replaceFirst("/$", "") + "/.well-known/openid-configuration"));
            security.add(new SecurityRequirement().addList(OPENID));
        }
        return new OpenAPI()
                .info(new Info().title("HuRen (互认) QC managers' API").version(version)
                        .description("Alliances, the recognition catalog, accreditation, on-site assessments, EQA "
                                + "and flight inspections, IQC, QC audits and the recognition KPIs. Errors are "
                                + "application/problem+json with a stable rule code and the field at fault; writes "
                                + "answer X-HuRen-Event-Position and are idempotent on natural keys; the tables "
                                + "answer text/csv too (Accept: text/csv, ?bom=true for Excel). Lab results "
                                + "themselves are on the FHIR API at /fhir."))
                .components(components)
                .security(security);
    }

    /**
     * Each operation's error answers: those any request may get, 404 where the path or body names something, and
     * for writes those of a body (409, 413, 415, 422); 429 for reads, which may wait for the read models.
     */
    @Bean
    OpenApiCustomizer documentedErrorAnswers() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
            List<ErrorAnswer> answers = new ArrayList<>(List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN));
            if (write || path.contains("{")) {
                answers.add(NOT_FOUND);
            }
            answers.add(NOT_ACCEPTABLE);
            answers.addAll(write ? List.of(CONFLICT, TOO_LARGE, UNSUPPORTED, UNPROCESSABLE) : List.of(TOO_MANY));
            answers.addAll(List.of(INTERNAL, UNAVAILABLE));
            ApiResponses responses = op.getResponses();
            for (ErrorAnswer answer : answers) {
                responses.putIfAbsent(answer.status(), new ApiResponse().$ref(answer.name()));
            }
        }));
    }

    /** {@link Creates}: 201 (with its Location) before the 200 of a repeat, both with the answer's body. */
    @Bean
    OperationCustomizer documentedCreates() {
        return (operation, handler) -> {
            Creates creates = handler.getMethodAnnotation(Creates.class);
            if (creates == null) {
                return operation;
            }
            ApiResponses responses = operation.getResponses();
            ApiResponse ok = responses.get("200");
            ApiResponse created = new ApiResponse().description(creates.value())
                    .content(ok == null ? null : ok.getContent());
            if (!creates.location().isEmpty()) {
                created.addHeaderObject("Location", new Header().description("The created resource, readable with "
                                + "GET by the same caller: " + creates.location())
                        .schema(new JsonSchema().types(Set.of("string")).format("uri-reference")));
            }
            Map<String, ApiResponse> ordered = new LinkedHashMap<>();
            ordered.put("201", created);
            if (creates.repeat().isEmpty()) {
                responses.remove("200");
            } else if (ok != null) {
                ok.setDescription(creates.repeat());
            }
            ordered.putAll(responses);
            responses.clear();
            responses.putAll(ordered);
            return operation;
        };
    }

    /**
     * {@link CsvExport}: the table's {@code text/csv} answer (a string: the CSV text, not the JSON schema) and its
     * {@code bom} parameter.
     */
    @Bean
    OperationCustomizer documentedCsvExports() {
        return (operation, handler) -> {
            CsvExport export = handler.getMethodAnnotation(CsvExport.class);
            ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
            if (export == null || ok == null || ok.getContent() == null) {
                return operation;
            }
            ok.getContent().addMediaType(CsvExport.TEXT_CSV, new MediaType().schema(new JsonSchema()
                    .types(Set.of("string")).description("RFC 4180, UTF-8, a header row of the JSON answer's field "
                            + "names" + (export.rows().isEmpty() ? "" : " of each of its " + export.rows())
                            + "; nested lists left out; downloaded as " + export.value() + ".csv")));
            operation.addParametersItem(new Parameter().in("query").name("bom").required(false)
                    .description("text/csv: start with a UTF-8 byte order mark, for Excel")
                    .schema(new JsonSchema().types(Set.of("boolean"))._default(false)));
            return operation;
        };
    }

    /**
     * {@link DocumentedValues}: a status field's values as an enum (with null where it may be null). Done on the
     * finished document, each property replaced by a schema of its own: swagger-core shares one schema object among
     * the plain string properties it resolves. A listed property the document does not have fails the document.
     */
    @Bean
    OpenApiCustomizer documentedStatusValues() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            for (DocumentedValues.Property listed : DocumentedValues.properties()) {
                Schema<?> owner = schemas.get(listed.schema());
                Schema<?> property = owner == null || owner.getProperties() == null ? null
                        : owner.getProperties().get(listed.property());
                if (property == null) {
                    throw new IllegalStateException("DocumentedValues lists " + listed + ", which the OpenAPI "
                            + "document does not have");
                }
                List<Object> names = new ArrayList<>(listed.values().names());
                JsonSchema values = new JsonSchema();
                values.setDescription(property.getDescription());
                if (listed.values().nullable()) {
                    names.add(null);
                    values.setTypes(Set.of("string", "null"));
                } else {
                    values.setTypes(Set.of("string"));
                }
                values.setEnum(names);
                owner.getProperties().put(listed.property(), values);
            }
        };
    }

    private static ApiResponse errorResponse(ErrorAnswer error) {
        ApiResponse response = new ApiResponse().description(error.description())
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new JsonSchema().$ref("#/components/schemas/Problem"))));
        if (error == UNAUTHORIZED) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("Bearer, with the error (RFC 6750)")
                    .schema(new JsonSchema().types(Set.of("string"))));
        }
        if (error == UNAVAILABLE) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                    .schema(new JsonSchema().types(Set.of("integer"))));
        }
        return response;
    }
}
