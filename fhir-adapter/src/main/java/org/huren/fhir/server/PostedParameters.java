package org.huren.fhir.server;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Type;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Parameters} body of a POSTed operation, read by the operation itself ({@code manualRequest}) so that a
 * token — an identifier, a code — is taken in whichever type a client sends it: a string {@code system|value} (as in
 * every URL), an {@code Identifier}, or a {@code Coding} (the HAPI client's typed parameters). HAPI binds one Java type
 * per parameter and refuses every other (HAPI-0362), and its GET binding takes no {@code Identifier} at all.
 */
final class PostedParameters {

    private static final PostedParameters NONE = new PostedParameters(new Parameters());

    private final Parameters body;

    private PostedParameters(Parameters body) {
        this.body = body;
    }

    /** The body of a POST, parsed as strictly as any resource HuRen takes; none for a GET. */
    static PostedParameters of(RequestDetails request) {
        if (request.getRequestType() != RequestTypeEnum.POST) {
            return NONE;
        }
        byte[] contents = request.loadRequestContents();
        if (contents == null || contents.length == 0) {
            return NONE;
        }
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        if (encoding == null) {
            throw Problem.of(400, "not-parameters").issue(IssueType.NOTSUPPORTED, null, "POST " + request.getOperation()
                    + " takes a FHIR Parameters resource (Content-Type application/fhir+json or application/fhir+xml)")
                    .exception();
        }
        Charset charset = request.getCharset() == null ? StandardCharsets.UTF_8 : request.getCharset();
        try {
            return new PostedParameters(encoding.newParser(request.getFhirContext())
                    .parseResource(Parameters.class, new String(contents, charset)));
        } catch (DataFormatException e) {
            throw Problem.of(400, "not-parameters").issue(IssueType.STRUCTURE, "Parameters", "the body of POST "
                    + request.getOperation() + " is not a FHIR Parameters resource: " + e.getMessage()).exception();
        }
    }

    /** The first value of parameter {@code name} as text, if sent. */
    Optional<String> string(String name) {
        return body.getParameter().stream().filter(p -> name.equals(p.getName()) && p.getValue() != null)
                .map(p -> token(name, p.getValue())).findFirst();
    }

    /** Every value of the parameters {@code names}, as tokens {@code system|value} (or a bare value). */
    List<String> tokens(String... names) {
        List<String> tokens = new ArrayList<>();
        for (Parameters.ParametersParameterComponent parameter : body.getParameter()) {
            if (List.of(names).contains(parameter.getName()) && parameter.getValue() != null) {
                tokens.add(token(parameter.getName(), parameter.getValue()));
            }
        }
        return tokens;
    }

    /** A token as a URL carries it: {@code system|value}, or the value alone when there is no system. */
    static String token(String system, String value) {
        return system == null || system.isEmpty() ? value : system + "|" + value;
    }

    private static String token(String name, Type value) {
        if (value instanceof Identifier identifier) {
            return token(identifier.getSystem(), identifier.getValue());
        }
        if (value instanceof Coding coding) {
            return token(coding.getSystem(), coding.getCode());
        }
        if (value instanceof IPrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        throw Problem.of(400, "invalid-parameter").issue(IssueType.VALUE, "Parameters.parameter.where(name = '" + name
                + "').value", "parameter " + name + " is a string system|value, an Identifier or a Coding, not a "
                + value.fhirType()).exception();
    }
}
