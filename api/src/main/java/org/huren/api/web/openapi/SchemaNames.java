package org.huren.api.web.openapi;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One schema name per HuRen type in the OpenAPI document. swagger-core names a schema by the class's simple name,
 * so the three {@code CloseRequest} records (assessment, audit, EQA round) became one schema and the document
 * described an assessment closure the server refuses. A nested type is named with its enclosing type's name in front,
 * less a {@code Controller} or {@code View} suffix and unless the name holds it already: {@code AssessmentCloseRequest},
 * {@code EqaRoundResultsRow}, but {@code FormAllianceRequest}. Two types that would still share a name fail the
 * document's generation, naming both, rather than merge silently.
 * <p>
 * swagger-core asks the schema mapper's Jackson introspector for a type's root name before its own naming: that is
 * where this plugs in ({@link #install}).
 */
final class SchemaNames extends NopAnnotationIntrospector {

    private final Map<String, Class<?>> claimed = new ConcurrentHashMap<>();

    private SchemaNames() {
    }

    /** Names the schemas of the types {@code mapper} (springdoc's) resolves; once per mapper. */
    static void install(ObjectMapper mapper) {
        AnnotationIntrospector current = mapper.getSerializationConfig().getAnnotationIntrospector();
        if (current.allIntrospectors().stream().noneMatch(SchemaNames.class::isInstance)) {
            mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(new SchemaNames(), current));
        }
    }

    @Override
    public PropertyName findRootName(AnnotatedClass annotated) {
        Class<?> type = annotated.getRawType();
        if (!type.getName().startsWith("org.huren.")) {
            return null;
        }
        io.swagger.v3.oas.annotations.media.Schema schema =
                type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        String name = schema != null && !schema.name().isEmpty() ? schema.name() : nameOf(type);
        Class<?> other = claimed.putIfAbsent(name, type);
        if (other != null && other != type) {
            throw new IllegalStateException("two types would share the OpenAPI schema name " + name + ": "
                    + other.getName() + " and " + type.getName() + "; rename one or give it @Schema(name = …)");
        }
        return PropertyName.construct(name);
    }

    static String nameOf(Class<?> type) {
        Class<?> outer = type.getEnclosingClass();
        if (outer == null) {
            return type.getSimpleName();
        }
        String prefix = nameOf(outer).replaceFirst("(Controller|View)$", "");
        return type.getSimpleName().contains(prefix) ? type.getSimpleName() : prefix + type.getSimpleName();
    }

    @Override
    public com.fasterxml.jackson.core.Version version() {
        return com.fasterxml.jackson.core.Version.unknownVersion();
    }
}
